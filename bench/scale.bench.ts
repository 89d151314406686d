// `npm run bench -- scale`: a million orders through the real schema (bench/support/seed-orders.ts),
// then the searches, lists, a scheduler tick (bench/support/scale-measure.ts, a child process)
// and the service's start-up on that database. SQLite; PostgreSQL too with TEST_DATABASE_URL.
// BENCH_ORDERS (default 1 000 000) and BENCH_ROUNDS (default 60) shorten a trial run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { FastBotApi } from './support/fast-bot-api';
import { post, textUpdate } from './support/load';
import {
  BENCH_SECRET,
  memoryOf,
  serviceUnderLoad,
  ROOT,
  scratchDatabase,
  scratchRedis,
  startService,
  startTs,
} from './support/processes';
import { seedPostgres, seedSqlite } from './support/seed-orders';
import { freePort } from '../test/support/service-process';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const GOALS: Record<string, number> = {
  'search: phone': 5,
  'search: #number': 5,
  'search: «улица дом»': 50,
  'search: street prefix': 50,
  'scheduler tick (reminders, SLA, visits, intake)': 100,
};

export default async function scaleBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'scale-bench-'));
  const lines: string[] = [];
  try {
    lines.push(...(await runDialect('sqlite', dir)));
    if (process.env.TEST_DATABASE_URL) lines.push('', ...(await runDialect('postgres', dir)));
    return { name: `scale: ${ORDERS.toLocaleString('en').replace(/,/g, ' ')} orders`, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runDialect(dialect: 'sqlite' | 'postgres', dir: string): Promise<string[]> {
  const database =
    dialect === 'postgres'
      ? await scratchDatabase(process.env.TEST_DATABASE_URL ?? '', `bench_scale_${process.pid}`)
      : undefined;
  const env: Record<string, string> = database
    ? { DATABASE_URL: database.url }
    : { DATABASE_PATH: join(dir, 'scale.db') };
  try {
    const seedStarted = performance.now();
    if (database) await seedPostgres(database.url, ORDERS);
    else await seedSqlite(env.DATABASE_PATH, ORDERS);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const measure = startTs(
      join(ROOT, 'bench', 'support', 'scale-measure.ts'),
      {
        ...env,
        BENCH_ORDERS: String(ORDERS),
        BENCH_ROUNDS: process.env.BENCH_ROUNDS ?? '60',
        TZ: 'Europe/Moscow',
      },
      dir,
    );
    const code = await new Promise<number | null>((resolve) => measure.child.on('exit', resolve));
    const line = measure
      .output()
      .split('\n')
      .find((l) => l.startsWith('RESULT '));
    if (code !== 0 || !line) throw new Error(`the measuring process failed:\n${measure.output()}`);
    const result = JSON.parse(line.slice('RESULT '.length)) as Record<
      string,
      { p50: number; p95: number; max: number }
    >;

    const startup = await startUp(env, dir, !!database);
    const lines = [
      `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: seeded in ${seedSeconds.toFixed(0)} s`,
      '| measure | p50 ms | p95 ms | max ms | goal |',
      '|---|---|---|---|---|',
    ];
    for (const [name, t] of Object.entries(result)) {
      const goal =
        GOALS[name] ?? (name.startsWith('list') || name.startsWith('«') ? 50 : undefined);
      lines.push(
        `| ${name} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.max.toFixed(1)} | ${goal === undefined ? '—' : `< ${goal}${name.startsWith('scheduler') ? '' : ' (p95)'}`} |`,
      );
    }
    lines.push(`| spawn → first handled update | ${startup.firstMs.toFixed(0)} | | | < 1 500 |`);
    lines.push(`RSS after start-up ${startup.rss.toFixed(0)} MB`);
    return lines;
  } finally {
    await database?.drop();
  }
}

/** The service in webhook mode on the seeded database: spawn → the first /start answered. */
async function startUp(env: Record<string, string>, dir: string, withRedis: boolean) {
  const api = await FastBotApi.start();
  const port = await freePort();
  const started = performance.now();
  const child = startService(
    {
      ...env,
      ...(withRedis ? { REDIS_URL: await scratchRedis() } : {}),
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      HTTP_PORT: String(port),
      ...serviceUnderLoad(port, dir),
    },
    dir,
  );
  try {
    const target = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: BENCH_SECRET };
    for (;;) {
      if (child.child.exitCode !== null) throw new Error(`the service exited:\n${child.output()}`);
      if ((await post(target, textUpdate(10_001, '/start')).catch(() => 0)) === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const firstMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { firstMs, rss: memoryOf(child.child.pid).rss };
  } finally {
    await child.stop();
    await api.stop();
  }
}
