import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi } from '../support/fake-bot-api';
import { freePort, ServiceProcess, startService, waitFor } from '../support/service-process';

/** A client's 4xx is a warning at most: error level is for the service's own failures (issue 19). */
describe('client errors in the logs', () => {
  let dir: string;
  let api: FakeBotApi;
  let service: ServiceProcess;
  let port: number;
  const SECRET = 'hook-secret_9';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-4xx-'));
    api = await FakeBotApi.start();
    port = await freePort();
    service = startService(
      {
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: join(dir, 'bot.db'),
        LOG_DIR: join(dir, 'logs'),
        HTTP_PORT: String(port),
        WEBHOOK_URL: `http://127.0.0.1:${port}`,
        WEBHOOK_SECRET: SECRET,
      },
      dir,
    );
    await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return response.ok ? true : undefined;
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': SECRET,
        ...headers,
      },
      body,
    });

  const logLines = () =>
    readFileSync(join(dir, 'logs', 'bot.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; message: string });

  it('answers 413, 400, 403 and 415 to bad requests and logs none of them as an error', async () => {
    const huge = JSON.stringify({ update_id: 1, padding: 'x'.repeat(10 * 1024 * 1024) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('{}', { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(403);
    expect((await post('{}', { 'content-type': 'application/json; charset=koi8-r' })).status).toBe(
      415,
    );
    // Stdout and the file get the same lines; the file is flushed a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = logLines();
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(service.output()).not.toContain('"level":"error"');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('413: request entity too large'),
      }),
    );
  });
});
