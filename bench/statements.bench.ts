// `npm run bench -- statements`: SQL statements per update and distinct statement texts (each
// new text is one more preparation on SQLite), the service in webhook mode in this process on
// SQLite. Counts do not depend on the machine's load, so they show a change on a busy machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { FastBotApi } from './support/fast-bot-api';
import { post, textUpdate } from './support/load';
import { BENCH_SECRET, serviceUnderLoad } from './support/processes';

const USERS = Array.from({ length: 50 }, (_, i) => 10_001 + i);
const DISPATCHERS = Array.from({ length: 10 }, (_, i) => 5_001 + i);

export default async function statementsBench(): Promise<BenchResult> {
  const api = await FastBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'statements-bench-'));
  for (const name of Object.keys(process.env))
    if (name.startsWith('FLOOD_')) delete process.env[name];
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    ...serviceUnderLoad(1, dir, DISPATCHERS),
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'bench.db'),
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { DataSource } = await import('typeorm');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const target = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: BENCH_SECRET };
  const statements: string[] = [];
  app.get(DataSource).subscribers.push({
    afterQuery: (event: { query: string }) => void statements.push(event.query),
  });
  const measure = async (users: number[], text: string) => {
    statements.length = 0;
    for (const user of users) await post(target, textUpdate(user, text));
    const texts = new Set(statements);
    // The statements of the last update, in order, to read what one update costs.
    const last = statements.slice(-Math.round(statements.length / users.length));
    return { perUpdate: statements.length / users.length, distinct: texts.size, sample: last };
  };
  try {
    const first = await measure(USERS, '/start');
    const known = await measure(USERS, '/start');
    await measure(DISPATCHERS, '/start');
    const menu = await measure(DISPATCHERS, '📋 Все заявки');
    if (process.env.BENCH_VERBOSE)
      for (const sql of [...known.sample, ...menu.sample]) console.warn(sql);
    const line = (label: string, m: { perUpdate: number; distinct: number }, count: number) =>
      `${label}: ${m.perUpdate.toFixed(1)} statements per update, ${m.distinct} distinct texts in ${count} updates`;
    return {
      name: 'SQL statements per update (SQLite, webhook)',
      lines: [
        line('/start, first time', first, USERS.length),
        line('/start, known user', known, USERS.length),
        line('«📋 Все заявки»', menu, DISPATCHERS.length),
        'BENCH_VERBOSE=1 prints the statements of one /start and one «📋 Все заявки».',
      ],
    };
  } finally {
    await app.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
