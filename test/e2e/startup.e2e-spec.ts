import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi } from '../support/fake-bot-api';
import { freePort, startService, waitFor } from '../support/service-process';

describe('starting the service', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-start-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start with one message listing every configuration problem', async () => {
    const service = startService({ ADMIN_IDS: 'abc', DATABASE_PATH: join(dir, 'bot.db') }, dir);
    expect(await service.exited).toMatchObject({ code: 1 });
    const output = service.output();
    expect(output).toContain('The service cannot start: 2 configuration problem(s).');
    expect(output).toMatch(/BOT_TOKEN is missing: /);
    expect(output).toMatch(/ADMIN_IDS is "abc": /);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('migrates an empty database, polls Telegram, reports healthy, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = await FakeBotApi.start();
    const service = startService(
      {
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: join(dir, 'bot.db'),
        LOG_DIR: join(dir, 'logs'),
        HTTP_PORT: String(port),
      },
      dir,
    );
    try {
      const health = await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        return response.ok ? response.json() : undefined;
      });
      expect(health).toMatchObject({
        ok: true,
        components: {
          database: { ok: true, reachable: true, migrationsApplied: true },
          telegram: { ok: true, transport: 'polling' },
        },
      });
      // The service answers people: it really polls the Bot API it was pointed at.
      api.userSendsText({ id: 555, first_name: 'Гость' }, '/start');
      await api.waitForMessage(555, 'Здравствуйте', 10_000);
    } finally {
      service.child.kill('SIGTERM');
    }
    // Nest re-raises the signal once its shutdown hooks have finished.
    expect(await service.exited).toEqual({ code: null, signal: 'SIGTERM' });
    const log = readFileSync(join(dir, 'logs', 'bot.log'), 'utf8');
    expect(log).toContain('listening on port');
    expect(log).toContain('Stopped cleanly on SIGTERM');
    // The SQLite connection was closed: its write-ahead log was checkpointed away.
    expect(existsSync(join(dir, 'bot.db-wal'))).toBe(false);
    await api.stop();
  });
});
