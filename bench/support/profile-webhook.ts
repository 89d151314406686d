// `node -r ts-node/register/transpile-only bench/support/profile-webhook.ts [text] [seconds]`:
// the service in this process (webhook mode, SQLite) under closed-loop load at 16 concurrent,
// with the V8 CPU profiler on; prints self time by package and writes the .cpuprofile
// (open it in Chrome DevTools) next to the temporary database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FastBotApi } from './fast-bot-api';
import { closedLoop, textUpdate } from './load';
import { BENCH_SECRET, serviceUnderLoad } from './processes';

interface Node {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount: number;
}

async function main() {
  const text = process.argv[2] ?? '/start';
  const seconds = Number(process.argv[3] ?? 5);
  const api = await FastBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  const dispatchers = Array.from({ length: 64 }, (_, i) => 5_001 + i);
  Object.assign(process.env, {
    ...serviceUnderLoad(1, dir, dispatchers),
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    // PROFILE_DATABASE_URL (a scratch database: it is migrated) profiles PostgreSQL + Redis.
    ...(process.env.PROFILE_DATABASE_URL
      ? { DATABASE_URL: process.env.PROFILE_DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:6379/13' }
      : { DATABASE_PATH: join(dir, 'bench.db') }),
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const target = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: BENCH_SECRET };
  let i = 0;
  const next = () => textUpdate(dispatchers[i++ % dispatchers.length], text);
  await closedLoop(target, 16, 2_000, next); // warm-up
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const load = await closedLoop(target, 16, seconds * 1000, next);
  const { profile } = await session.post('Profiler.stop');
  const file = join(dir, 'webhook.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes as Node[]) {
    const url = node.callFrame.url;
    const key = url.includes('node_modules/')
      ? url
          .split('node_modules/')
          .pop()!
          .split('/')
          .slice(0, url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : url.includes('/src/')
        ? 'src'
        : url
          ? 'node internals'
          : node.callFrame.functionName || '(native)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  console.warn(`${load.perSecond.toFixed(0)} updates/s in-process; profile: ${file}`);
  for (const [key, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.warn(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
  await app.close();
  await api.stop();
}

void main();
