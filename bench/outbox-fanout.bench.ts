// Fans 1 000 notifications out to 1 000 chats through the outbox sender, against the fake Bot
// API enforcing Telegram's real limits, and compares the time with the ideal 1 000 / 30 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi, TELEGRAM_LIMITS } from '../test/support/fake-bot-api';
import type { BenchResult } from './run';

const MESSAGES = 1_000;

export default async function outboxFanOut(): Promise<BenchResult> {
  const api = await FakeBotApi.start({ enforceRateLimits: true, limits: TELEGRAM_LIMITS });
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
  // The service's own defaults are Telegram's limits: the environment must not override them.
  for (const name of Object.keys(process.env))
    if (name.startsWith('OUTBOX_')) delete process.env[name];
  delete process.env.DATABASE_URL;
  Object.assign(process.env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'bench.db'),
    MIGRATIONS_RUN: 'true',
  });
  // Entities pick their column types when first imported: only now is the environment final.
  const { NestFactory } = await import('@nestjs/core');
  const { TransactionRunner } = await import('../src/database/transaction-runner');
  const { Outbox } = await import('../src/notifications/outbox');
  const { OutboxSender } = await import('../src/notifications/outbox.sender');
  const { SenderOnlyModule } = await import('../test/support/outbox/sender-module');

  const app = await NestFactory.createApplicationContext(SenderOnlyModule.forRoot(), {
    logger: ['error', 'warn'],
  });
  try {
    const sender = app.get(OutboxSender);
    await sender.stop();
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({
      chatId: 100_001 + i,
      kind: 'master_added' as const,
      payload: { masterId: i, name: `Мастер ${i}` },
      dedupKey: `bench:${i}`,
    }));
    const runner = app.get(TransactionRunner);
    const outbox = app.get(Outbox);
    for (let i = 0; i < messages.length; i += 500) {
      await runner.run((tx) => outbox.enqueue(tx, messages.slice(i, i + 500)));
    }

    const started = Date.now();
    sender.start();
    const delivered = () => api.calls('sendMessage').filter((call) => call.status === 200);
    await api.waitFor(() => delivered().length >= MESSAGES, 300_000);
    const elapsed = (Date.now() - started) / 1000;
    const times = delivered().map((call) => call.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    const ideal = MESSAGES / TELEGRAM_LIMITS.globalPerSecond;
    const refused = api.calls('sendMessage').filter((call) => call.status === 429).length;
    return {
      name: `outbox fan-out: ${MESSAGES} messages to ${MESSAGES} chats at Telegram's limits`,
      lines: [
        `elapsed ${elapsed.toFixed(1)} s (first to last send ${span.toFixed(1)} s); ideal ${ideal.toFixed(1)} s at ${TELEGRAM_LIMITS.globalPerSecond}/s`,
        `${((ideal / elapsed) * 100).toFixed(0)} % of the ideal rate; the budget keeps a 2 % safety margin (floor ${(ideal * 1.02).toFixed(1)} s)`,
        `most sends in any 1 s window: ${api.maxMessagesInWindow('all', 1_000)} (limit ${TELEGRAM_LIMITS.globalPerSecond}); 429 answers: ${refused}`,
      ],
    };
  } finally {
    await app.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
