// Child processes for the benches: the service (built code with BENCH_BUILT=1 after
// `npm run build`, otherwise ts-node transpile-only, as `npm run start:dev`) and the baseline.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';

export const ROOT = join(__dirname, '..', '..');
const BUILT_MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface Child {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** True when the service runs from `dist/` (start-up without the TypeScript compiler). */
export const runsBuilt = () => process.env.BENCH_BUILT === '1' && existsSync(BUILT_MAIN);

export function startService(env: Record<string, string>, cwd: string): Child {
  return runsBuilt()
    ? start([BUILT_MAIN], env, cwd)
    : startTs(join(ROOT, 'src', 'main.ts'), env, cwd);
}

export function startTs(script: string, env: Record<string, string>, cwd: string): Child {
  return start(['-r', require.resolve('ts-node/register/transpile-only'), script], env, cwd);
}

function start(args: string[], env: Record<string, string>, cwd: string): Child {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...args],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident memory of a child, MB: now (VmRSS) and the most it ever held (VmHWM). */
export function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** A PostgreSQL database of its own for one run, dropped afterwards (specs share the server). */
export async function scratchDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The Redis database the benches use (not the specs' one), emptied before a run. */
export async function scratchRedis(): Promise<string> {
  const url = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
  const redis = new Redis(url);
  await redis.flushdb();
  redis.disconnect();
  return url;
}

export const BENCH_SECRET = 'bench-secret';

/**
 * The service as the load benches run it: webhook mode at `port`, errors-only logs, no
 * scheduler, and people faster than a person: the flood guard still runs on every update, and
 * replies are not paced to Telegram's 30/s (the benches measure the handling, as the baseline).
 */
export function serviceUnderLoad(
  port: number,
  dir: string,
  dispatchers: number[] = [],
): Record<string, string> {
  return {
    WEBHOOK_URL: `http://127.0.0.1:${port}`,
    WEBHOOK_SECRET: BENCH_SECRET,
    LOG_DIR: join(dir, 'logs'),
    LOG_LEVEL: 'error',
    MIGRATIONS_RUN: 'true',
    SCHEDULER_DISABLED: 'true',
    TZ: 'Europe/Moscow',
    DISPATCHER_IDS: dispatchers.join(','),
    FLOOD_UPDATES_PER_SECOND: '100000',
    FLOOD_BURST: '100000',
    OUTBOX_GLOBAL_PER_SECOND: '100000',
    OUTBOX_PRIVATE_PER_SECOND: '100000',
  };
}
