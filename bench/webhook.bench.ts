// `npm run bench -- webhook`: the service in webhook mode against a bare telegraf bot doing the
// comparable minimum (bench/baseline/bare-telegraf.ts), both as child processes against the same
// fast fake Bot API, interleaved, ratios taken within each repetition and the median reported.
// BENCH_SECONDS (per measure, default 6) and BENCH_REPS (default 3) shorten a trial run;
// TEST_DATABASE_URL adds PostgreSQL + Redis; BENCH_BUILT=1 runs the service from dist/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { FastBotApi } from './support/fast-bot-api';
import { closedLoop, median, openLoop, post, type Target, textUpdate } from './support/load';
import {
  BENCH_SECRET,
  serviceUnderLoad,
  type Child,
  memoryOf,
  ROOT,
  runsBuilt,
  scratchDatabase,
  scratchRedis,
  startService,
  startTs,
} from './support/processes';
import { freePort } from '../test/support/service-process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const OPEN_LOOP_RATE = 200;
const KNOWN_USERS = Array.from({ length: 500 }, (_, i) => 10_001 + i);
const DISPATCHERS = Array.from({ length: 64 }, (_, i) => 5_001 + i);
const ALL_ORDERS = '📋 Все заявки';

type Kind = 'service' | 'baseline';
type Dialect = 'sqlite' | 'postgres';

interface Figures {
  start16: number;
  start64: number;
  menu16: number;
  p50: number;
  p95: number;
  p99: number;
  firstUpdateMs: number;
  rssIdle: number;
  rssPeak: number;
  rssAfter: number;
  failed: number;
}

const MEASURES: [keyof Figures, string, 'higher' | 'lower'][] = [
  ['start16', '/start from 500 known users, 16 concurrent (updates/s)', 'higher'],
  ['start64', '/start, 64 concurrent (updates/s)', 'higher'],
  ['menu16', '«📋 Все заявки», 16 concurrent (updates/s)', 'higher'],
  ['p50', `open loop ${OPEN_LOOP_RATE}/s: p50 (ms)`, 'lower'],
  ['p95', `open loop ${OPEN_LOOP_RATE}/s: p95 (ms)`, 'lower'],
  ['p99', `open loop ${OPEN_LOOP_RATE}/s: p99 (ms)`, 'lower'],
  ['firstUpdateMs', 'spawn → first handled update (ms)', 'lower'],
  ['rssIdle', 'RSS idle (MB)', 'lower'],
  ['rssPeak', 'RSS peak (MB)', 'lower'],
  ['rssAfter', 'RSS after the load (MB)', 'lower'],
];

export default async function webhookBench(): Promise<BenchResult> {
  const api = await FastBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'webhook-bench-'));
  const repliesFile = join(dir, 'replies.json');
  const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines = [
    `${REPS} interleaved repetitions, ${SECONDS} s per measure, service ${runsBuilt() ? 'built (dist/)' : 'under ts-node transpile-only'}; median of each, ratio = service / baseline within a repetition`,
  ];
  try {
    for (const dialect of dialects) {
      const runs: Record<Kind, Figures[]> = { service: [], baseline: [] };
      for (let rep = 0; rep < REPS; rep++) {
        // The baseline replies with what the service sent, so the service goes first once.
        const order: Kind[] = rep % 2 === 0 ? ['service', 'baseline'] : ['baseline', 'service'];
        for (const kind of order) {
          const figures = await runOne(kind, dialect, rep, api, dir, repliesFile);
          runs[kind].push(figures);
          if (kind === 'service' && rep === 0) captureReplies(api, repliesFile);
          console.warn(
            `  ${dialect} rep ${rep + 1} ${kind}: ${JSON.stringify(figures, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`,
          );
        }
      }
      lines.push(
        '',
        `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL + Redis'}:`,
        '| measure | service | bare telegraf | ratio |',
        '|---|---|---|---|',
      );
      for (const [key, label, better] of MEASURES) {
        const service = median(runs.service.map((f) => f[key]));
        const baseline = median(runs.baseline.map((f) => f[key]));
        const ratios = runs.service.map((f, i) => f[key] / runs.baseline[i][key]);
        lines.push(
          `| ${label} | ${fmt(service)} | ${fmt(baseline)} | ${median(ratios).toFixed(2)}${better === 'higher' ? '' : ' ×'} |`,
        );
      }
      const failed = [...runs.service, ...runs.baseline].reduce((sum, f) => sum + f.failed, 0);
      lines.push(`failed or non-200 answers: ${failed}`);
    }
    return { name: 'webhook: the service against a bare telegraf bot', lines };
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runOne(
  kind: Kind,
  dialect: Dialect,
  rep: number,
  api: FastBotApi,
  dir: string,
  repliesFile: string,
): Promise<Figures> {
  const port = await freePort();
  const runDir = mkdtempSync(join(dir, `${kind}-`));
  const database =
    dialect === 'postgres'
      ? await scratchDatabase(
          process.env.TEST_DATABASE_URL ?? '',
          `bench_${kind}_${rep}_${process.pid}`,
        )
      : undefined;
  const env: Record<string, string> = {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    HTTP_PORT: String(port),
    ...(database
      ? { DATABASE_URL: database.url, REDIS_URL: await scratchRedis() }
      : { DATABASE_PATH: join(runDir, 'bench.db') }),
  };
  const started = performance.now();
  const child: Child =
    kind === 'service'
      ? startService({ ...env, ...serviceUnderLoad(port, runDir, DISPATCHERS) }, runDir)
      : startTs(
          join(ROOT, 'bench', 'baseline', 'bare-telegraf.ts'),
          { ...env, REPLIES_FILE: repliesFile },
          runDir,
        );
  const target: Target = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: BENCH_SECRET };
  try {
    const firstUpdateMs = await firstHandled(target, child, started);
    await sleep(1_000);
    const rssIdle = memoryOf(child.child.pid).rss;
    let failed = 0;
    // Every person known before the measures (the service has stored them).
    const warm = [...KNOWN_USERS, ...DISPATCHERS];
    let w = 0;
    failed += (
      await closedLoop(target, 16, 60_000, () =>
        w < warm.length ? textUpdate(warm[w++], '/start') : textUpdate(KNOWN_USERS[0], '/start'),
      )
    ).failed;
    const start = cycle(KNOWN_USERS, '/start');
    const start16 = await closedLoop(target, 16, SECONDS * 1000, start);
    const start64 = await closedLoop(target, 64, SECONDS * 1000, start);
    const menu16 = await closedLoop(target, 16, SECONDS * 1000, cycle(DISPATCHERS, ALL_ORDERS));
    const open = await openLoop(target, OPEN_LOOP_RATE, SECONDS * 1000, start);
    const memory = memoryOf(child.child.pid);
    failed += start16.failed + start64.failed + menu16.failed + open.failed;
    return {
      start16: start16.perSecond,
      start64: start64.perSecond,
      menu16: menu16.perSecond,
      p50: open.p50,
      p95: open.p95,
      p99: open.p99,
      firstUpdateMs,
      rssIdle,
      rssPeak: memory.peak,
      rssAfter: memory.rss,
      failed,
    };
  } catch (error) {
    console.error(child.output());
    throw error;
  } finally {
    await child.stop();
    await database?.drop();
  }
}

/** Posts /start until one is answered 200: the process is up and handles updates. */
async function firstHandled(target: Target, child: Child, started: number): Promise<number> {
  for (;;) {
    if (child.child.exitCode !== null)
      throw new Error(`exited before answering:\n${child.output()}`);
    if (performance.now() - started > 60_000)
      throw new Error(`no answer in 60 s:\n${child.output()}`);
    const status = await post(target, textUpdate(KNOWN_USERS[0], '/start')).catch(() => 0);
    if (status === 200) return performance.now() - started;
    await sleep(5);
  }
}

function cycle(users: number[], text: string): () => unknown {
  let i = 0;
  return () => textUpdate(users[i++ % users.length], text);
}

/** What the service answered to /start and to «📋 Все заявки», for the baseline to send. */
function captureReplies(api: FastBotApi, file: string): void {
  const replies = {
    '/start': api.lastSent.get(KNOWN_USERS[0]),
    [ALL_ORDERS]: api.lastSent.get(DISPATCHERS[0]),
  };
  writeFileSync(file, JSON.stringify(replies));
}

const fmt = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString('en').replace(/,/g, ' ') : n.toFixed(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
