// How long a person waits for the bot's reply while a 1 000-message fan-out is being sent:
// the whole service against the fake Bot API enforcing Telegram's real limits. Replies and the
// outbox share one budget, and replies go first (docs/notifications.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi, TELEGRAM_LIMITS } from '../test/support/fake-bot-api';
import type { BenchResult } from './run';

const FAN_OUT = 1_000;
const PEOPLE = 2;
/** Each person writes again this long after the bot answered (people read before they tap). */
const THINK_MS = 2_500;

export default async function interactiveDuringFanOut(): Promise<BenchResult> {
  const api = await FakeBotApi.start({ enforceRateLimits: true, limits: TELEGRAM_LIMITS });
  const dir = mkdtempSync(join(tmpdir(), 'interactive-bench-'));
  for (const name of Object.keys(process.env))
    if (name.startsWith('OUTBOX_') || name.startsWith('FLOOD_')) delete process.env[name];
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_DIR: join(dir, 'logs'),
    LOG_LEVEL: 'error',
    MIGRATIONS_RUN: 'true',
    SCHEDULER_DISABLED: 'true',
  });
  // Entities pick their column types when first imported: only now is the environment final.
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { TransactionRunner } = await import('../src/database/transaction-runner');
  const { Outbox } = await import('../src/notifications/outbox');

  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  try {
    await api.waitFor(() => api.isPolling(), 10_000);
    const fanOut = Array.from({ length: FAN_OUT }, (_, i) => ({
      chatId: 200_001 + i,
      kind: 'master_added' as const,
      payload: { masterId: i, name: `Мастер ${i}` },
      dedupKey: `bench:interactive:${i}`,
    }));
    const sent = () =>
      api
        .calls('sendMessage')
        .filter((c) => c.status === 200 && Number(c.params.chat_id) > 200_000);
    const started = Date.now();
    await app.get(TransactionRunner).run((tx) => app.get(Outbox).enqueue(tx, fanOut));

    const latencies: number[] = [];
    const person = async (id: number) => {
      const user = { id, first_name: `Клиент ${id}` };
      while (sent().length < FAN_OUT) {
        const before = api.messages(id).length;
        const asked = Date.now();
        api.userSendsText(user, '/start');
        await api.waitFor(() => api.messages(id).length > before, 30_000);
        latencies.push(Date.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, THINK_MS));
      }
    };
    await Promise.all(Array.from({ length: PEOPLE }, (_, i) => person(300_001 + i)));
    await api.waitFor(() => sent().length >= FAN_OUT, 120_000);
    const times = sent().map((call) => call.at);
    const fanOutSeconds = (Math.max(...times) - started) / 1000;
    const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const ideal = FAN_OUT / TELEGRAM_LIMITS.globalPerSecond;
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const refused = api.calls().filter((call) => call.status === 429).length;
    return {
      name: `interactive replies during a ${FAN_OUT}-message fan-out at Telegram's limits`,
      lines: [
        `${latencies.length} replies to ${PEOPLE} people: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1)} ms (goal: p99 < 1 500 ms)`,
        `fan-out: first to last send ${spanSeconds.toFixed(1)} s (${((spanSeconds / ideal) * 100).toFixed(1)} % of the ideal ${ideal.toFixed(1)} s; goal ≤ ${(ideal * 1.05).toFixed(1)} s), ${fanOutSeconds.toFixed(1)} s from the enqueue`,
        `the ${latencies.length} replies took ${latencies.length} of the same 30/s slots (${((latencies.length / TELEGRAM_LIMITS.globalPerSecond) * 1.02).toFixed(2)} s of them)`,
        `most sends in any 1 s window: ${api.maxMessagesInWindow('all', 1_000, { includeEdits: false })} (limit ${TELEGRAM_LIMITS.globalPerSecond}); 429 answers: ${refused}`,
      ],
    };
  } finally {
    await app.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
