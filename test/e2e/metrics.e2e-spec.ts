import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupFileName } from '../../src/backup/backup-files';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { DEFERRED_CALL_KIND } from '../../src/telegram/outbox/bot-api.gateway';
import { Outbox } from '../../src/notifications/outbox';
import { CleanupJob } from '../../src/scheduler/cleanup-job';
import { JobRunner } from '../../src/scheduler/job-runner';
import { startBotApp } from '../support/bot-app';
import { freePort } from '../support/service-process';
import { TelegramUser } from '../support/telegram-user';
import { TEST_DISPATCHER_ID } from '../support/test-env';

/** One sample of a Prometheus text exposition: `name{a="x",b="y"} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = value;
    }
    samples.push({ name: match[1], labels, value: Number(match[3].replace('Inf', 'Infinity')) });
  }
  return samples;
}

/** The sum of a family's samples whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Issue 17: operators see the service through /metrics and orchestrators through /health/*. */
describe('metrics and health for operators', () => {
  let port: number;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(url('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseSamples(await response.text());
  };

  beforeEach(async () => (port = await freePort()));

  it('counts a journey: updates, Bot API calls, outbox deliveries, jobs, backups, queries', async () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'repair-dispatch-metrics-'));
    const bot = await startBotApp({ HTTP_PORT: String(port), BACKUP_DIR: backupDir });
    try {
      await bot.api.waitFor(() => bot.api.isPolling(), 10_000);
      const before = await scrape();
      expect(total(before, 'bot_transport_state', { state: 'polling' })).toBe(1);
      expect(total(before, 'backup_newest_age_seconds')).toBe(Infinity);
      expect(before.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);

      const dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
      dispatcher.say('/start');
      await dispatcher.expect('Выберите действие');
      // A button under an inline message: no chat to act in, so it is ignored (and answered).
      bot.api.userPressesInlineButton(
        { id: TEST_DISPATCHER_ID, is_bot: false, first_name: 'Дарья' },
        'x',
      );
      await bot.api.waitFor(() => bot.api.callbackAnswers().length >= 1);

      await bot.app.get(TransactionRunner).run((tx) =>
        bot.app.get(Outbox).enqueue(tx, [
          {
            chatId: TEST_DISPATCHER_ID,
            kind: DEFERRED_CALL_KIND,
            payload: {
              method: 'sendMessage',
              params: { chat_id: TEST_DISPATCHER_ID, text: 'из очереди' },
            },
            dedupKey: 'metrics-spec:1',
          },
        ]),
      );
      await dispatcher.expect('из очереди');

      const runner = bot.app.get(JobRunner);
      expect(await runner.tick(bot.app.get(CleanupJob), 1_000)).toBe('ran');
      const broken = { name: 'spec.broken', run: () => Promise.reject(new Error('on purpose')) };
      expect(await runner.tick(broken, 1_000)).toBe('failed');
      writeFileSync(join(backupDir, backupFileName(new Date(), 'Europe/Moscow', 'db.gz')), '');

      // The outbox row is settled just after Telegram answered: wait for the count, not the text.
      let after = await scrape();
      for (let tries = 0; total(after, 'outbox_settled_total', { state: 'sent' }) < 1; tries++) {
        if (tries > 50) throw new Error('the outbox row was never counted as sent');
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await scrape();
      }

      const updates = (labels: Record<string, string>) =>
        total(after, 'bot_updates_total', labels) - total(before, 'bot_updates_total', labels);
      expect(updates({ type: 'message', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
      expect(updates({ type: 'callback_query', outcome: 'ignored' })).toBe(1);
      expect(
        total(after, 'bot_update_duration_seconds_count', { type: 'message' }),
      ).toBeGreaterThanOrEqual(1);

      expect(
        total(after, 'bot_api_calls_total', { method: 'sendMessage', result: 'ok' }),
      ).toBeGreaterThan(0);
      expect(total(after, 'bot_api_calls_total', { method: 'getMe', result: 'ok' })).toBe(1);
      expect(
        total(after, 'bot_api_slot_wait_seconds_count', { priority: 'bulk' }),
      ).toBeGreaterThanOrEqual(1);

      expect(total(after, 'outbox_depth')).toBe(0);
      expect(total(after, 'outbox_oldest_pending_age_seconds')).toBe(0);
      expect(total(after, 'outbox_failed')).toBe(0);

      expect(total(after, 'scheduler_job_runs_total', { job: 'cleanup', outcome: 'ok' })).toBe(1);
      expect(
        total(after, 'scheduler_job_runs_total', { job: 'spec.broken', outcome: 'failed' }),
      ).toBe(1);
      expect(total(after, 'scheduler_job_duration_seconds_count', { job: 'cleanup' })).toBe(1);
      expect(total(after, 'scheduler_job_last_run_failed', { job: 'cleanup' })).toBe(0);
      expect(total(after, 'scheduler_job_last_run_failed', { job: 'spec.broken' })).toBe(1);

      const backupAge = total(after, 'backup_newest_age_seconds');
      expect(backupAge).toBeGreaterThanOrEqual(0);
      expect(backupAge).toBeLessThan(60);

      expect(
        total(after, 'db_query_duration_seconds_count', { operation: 'select' }),
      ).toBeGreaterThan(total(before, 'db_query_duration_seconds_count', { operation: 'select' }));
      expect(
        total(after, 'db_query_duration_seconds_count', { operation: 'insert' }),
      ).toBeGreaterThan(0);

      // Low cardinality: no label carries a chat or user id.
      const labelValues = after.flatMap((s) => Object.values(s.labels));
      expect(labelValues).not.toContain(String(TEST_DISPATCHER_ID));
    } finally {
      await bot.close();
      rmSync(backupDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers live at once and ready only once Telegram is connected', async () => {
    let heal = () => {};
    const bot = await startBotApp({ HTTP_PORT: String(port) }, (api) => {
      heal = api.injectFault({ method: 'getMe', fault: { code: 502 } });
    });
    try {
      const live = await fetch(url('/health/live'));
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ ok: true });

      const notReady = await fetch(url('/health/ready'));
      expect(notReady.status).toBe(503);
      const body = (await notReady.json()) as { components: Record<string, { ok: boolean }> };
      expect(body.components).toMatchObject({
        database: { ok: true, migrationsApplied: true },
        telegram: { ok: false, transport: 'starting' },
      });
      // Readiness is about this replica's work, not the outbox or the Bot API counts.
      expect(Object.keys(body.components).sort()).toEqual(['database', 'telegram']);
      expect(total(await scrape(), 'bot_transport_state', { state: 'starting' })).toBe(1);

      heal();
      await bot.api.waitFor(() => bot.api.isPolling(), 30_000);
      const ready = await fetch(url('/health/ready'));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ok: true,
        components: { telegram: { ok: true } },
      });
      // /health is unchanged: every component, the outbox and the Bot API counts included.
      const full = (await (await fetch(url('/health'))).json()) as { components: object };
      expect(Object.keys(full.components)).toEqual(
        expect.arrayContaining(['database', 'telegram', 'outbox', 'botApi']),
      );
    } finally {
      await bot.close();
    }
  }, 60_000);
});
