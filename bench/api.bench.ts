// GET /api/v1/orders?status=… over 1 000 000 orders, through real HTTP: p50/p95 per query, on
// SQLite and (with TEST_DATABASE_URL) on PostgreSQL. Entity column types are fixed per process
// when the entities load, so each dialect runs in a child process of its own
// (`node -r ts-node/register/transpile-only bench/api.bench.ts <dialect>`).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OrderFilter } from '../src/orders/order-list.queries';
import type { BenchResult } from './run';

const ORDERS = 1_000_000;
const MASTERS = 20;
const RUNS = 200;
const KEY = `rd_${'b'.repeat(43)}`;

type Dialect = 'sqlite' | 'postgres';

interface Measured {
  seedSeconds: number;
  queries: { name: string; p50: number; p95: number; databaseP95: number; rows: number }[];
}

export default async function apiListBench(): Promise<BenchResult> {
  const lines: string[] = [];
  const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (dialects.length === 1) lines.push('PostgreSQL skipped: set TEST_DATABASE_URL to run it too');
  for (const dialect of dialects) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', __filename, dialect],
      { cwd: join(__dirname, '..'), maxBuffer: 1 << 20, timeout: 20 * 60_000 },
    );
    const measured = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measured;
    lines.push(
      `${dialect}: seed ${ORDERS.toLocaleString('en')} orders in ${measured.seedSeconds.toFixed(1)} s`,
    );
    for (const query of measured.queries) {
      lines.push(
        `  ${query.name}: p50 ${query.p50.toFixed(1)} ms, p95 ${query.p95.toFixed(1)} ms (goal < 50 ms); the query alone p95 ${query.databaseP95.toFixed(1)} ms; ${query.rows} rows, ${RUNS} calls`,
      );
    }
  }
  // Two cores shared with other work: the figures move with the machine's load.
  lines.push(
    `load average after the runs: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')}`,
  );
  return { name: `GET /api/v1/orders over ${ORDERS.toLocaleString('en')} orders`, lines };
}

/** In the child: a database of the dialect, seeded; the API module on a port; the calls timed. */
async function measure(dialect: Dialect): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'api-bench-'));
  const serverUrl = process.env.TEST_DATABASE_URL as string;
  const database = `rd_api_bench_${process.pid}`;
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  if (dialect === 'postgres') {
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
  }
  Object.assign(process.env, {
    BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz',
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_DIR: join(dir, 'logs'),
    LOG_LEVEL: 'error',
    MIGRATIONS_RUN: 'true',
    API_RATE_LIMIT: '1000000',
  });
  // Entities pick their column types when first imported: only now is the environment final.
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { DataSource } = await import('typeorm');
  const { ApiModule } = await import('../src/api/api.module');
  const { hashKey } = await import('../src/api/keys/api-keys.service');
  const { AuditModule } = await import('../src/audit/audit.module');
  const { ClockModule } = await import('../src/common/clock');
  const { AppConfigModule } = await import('../src/config/app-config.module');
  const { DatabaseModule } = await import('../src/database/database.module');
  const { HealthModule } = await import('../src/health/health.module');
  const { OutboxModule } = await import('../src/notifications/outbox.module');
  const { OrderListQueries } = await import('../src/orders/order-list.queries');
  const { WebhookOutboxModule } = await import('../src/webhooks/webhook-outbox.module');

  @Module({
    imports: [
      AppConfigModule.forRoot(),
      ClockModule,
      DatabaseModule,
      HealthModule,
      AuditModule,
      OutboxModule,
      // Global: the orders module queues webhook events through the port it provides.
      WebhookOutboxModule,
      ApiModule,
    ],
  })
  class ApiBenchModule {}

  const app = await NestFactory.create(ApiBenchModule, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  try {
    const dataSource = app.get(DataSource);
    const started = Date.now();
    await seed(dataSource, dialect, hashKey(KEY));
    const seedSeconds = (Date.now() - started) / 1000;
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}/api/v1/orders`;
    const middle = ORDERS / 2;
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    const queries: { name: string; path: string; filter: OrderFilter; cursor?: number }[] = [
      { name: 'status=NEW (2 %)', path: '?status=NEW', filter: { statuses: ['NEW'] } },
      { name: 'status=CLOSED (85 %)', path: '?status=CLOSED', filter: { statuses: ['CLOSED'] } },
      {
        name: 'status=ASSIGNED,ACCEPTED&masterId=7',
        path: '?status=ASSIGNED,ACCEPTED&masterId=7',
        filter: { statuses: ['ASSIGNED', 'ACCEPTED'], masterId: 7 },
      },
      {
        name: `status=NEW&cursor=${middle} (a page mid-way)`,
        path: `?status=NEW&cursor=${middle}`,
        filter: { statuses: ['NEW'] },
        cursor: middle,
      },
      { name: 'status=DR (0.1 %, all old)', path: '?status=DR', filter: { statuses: ['DR'] } },
      {
        name: 'status=REFUSED&createdFrom=… (last 30 days)',
        path: `?status=REFUSED&createdFrom=${monthAgo.toISOString()}`,
        filter: { statuses: ['REFUSED'], createdFrom: monthAgo },
      },
    ];
    if (process.env.BENCH_EXPLAIN) await explain(dataSource, dialect);
    const lists = app.get(OrderListQueries);
    const results = [];
    for (const query of queries) {
      let rows = 0;
      const http = await timed(async () => {
        const response = await fetch(`${base}${query.path}`, {
          headers: { authorization: `Bearer ${KEY}` },
        });
        const body = (await response.json()) as { items: unknown[] };
        if (response.status !== 200) throw new Error(`${query.path}: ${JSON.stringify(body)}`);
        rows = body.items.length;
      });
      // The same list without HTTP, key check and JSON: what the database takes.
      const database = await timed(() => lists.list(query.filter, query.cursor ?? null, 50));
      results.push({ name: query.name, ...http, databaseP95: database.p95, rows });
    }
    return { seedSeconds, queries: results };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }
}

/** p50 and p95 of `RUNS` calls, after 10 that warm the caches and the JIT. */
async function timed(call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const started = process.hrtime.bigint();
    await call();
    if (i >= 10) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS * 0.5)], p95: times[Math.floor(RUNS * 0.95)] };
}

/**
 * One statement per table: the orders come from a recursive CTE (SQLite) or generate_series
 * (PostgreSQL), 2 % NEW, 3 % ASSIGNED, 2 % ACCEPTED, 1 % ONSITE, 6 % REFUSED, the rest
 * CLOSED, one a minute back from now; 0.1 % DR, all among the oldest tenth (long repairs that
 * sit for months: a filter whose rows are far from the newest).
 */
async function seed(
  dataSource: import('typeorm').DataSource,
  dialect: Dialect,
  keyHash: string,
): Promise<void> {
  const sqlite = dialect === 'sqlite';
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO users (telegram_id, first_name, blocked_bot) VALUES (-1, 'API bench', true)`,
    );
    await tx.query(`INSERT INTO user_roles (user_id, role, source) VALUES (1, 'ADMIN', 'admin')`);
    await tx.query(
      `INSERT INTO api_keys (name, role, key_hash, prefix, user_id) VALUES ('bench', 'ADMIN', '${keyHash}', 'rd_bbbbbbb', 1)`,
    );
    for (let m = 1; m <= MASTERS; m++) {
      await tx.query(
        `INSERT INTO users (telegram_id, first_name) VALUES (${1000 + m}, 'Мастер ${m}')`,
      );
      await tx.query(
        `INSERT INTO masters (user_id, phone, specialization) VALUES (${m + 1}, '+7900000${String(m).padStart(4, '0')}', 'Холодильники')`,
      );
    }
    const i = 'n.i';
    const status = `CASE WHEN ${i} % 100 < 2 THEN 'NEW' WHEN ${i} % 100 < 5 THEN 'ASSIGNED'
      WHEN ${i} % 100 < 7 THEN 'ACCEPTED' WHEN ${i} % 100 < 8 THEN 'ONSITE'
      WHEN ${i} % 100 < 9 AND ${i} <= ${ORDERS / 10} THEN 'DR' WHEN ${i} % 100 < 15 THEN 'REFUSED' ELSE 'CLOSED' END`;
    const minutesAgo = `(${ORDERS} - ${i})`;
    const createdAt = sqlite
      ? `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ${minutesAgo} || ' minutes')`
      : `now() - make_interval(mins => ${minutesAgo})`;
    const text = (value: string) => (sqlite ? value : `(${value})::text`);
    const phone = sqlite
      ? `'+7900' || substr('0000000' || ${i}, -7)`
      : `'+7900' || lpad(${i}::text, 7, '0')`;
    const select = `SELECT 'Холодильники', 'Не морозит', 'Клиент ' || ${text(i)},
        'ул. Ленина, д. ' || ${text(`${i} % 200`)}, ' ул ленина ' || ${text(`${i} % 200`)} || ' ',
        ${phone}, ${status}, CASE WHEN ${i} % 100 < 2 THEN NULL ELSE ${i} % ${MASTERS} + 1 END,
        1, ${createdAt}`;
    const columns = `INSERT INTO orders (equipment_type, problem, client_name, client_address,
        search_address, client_phone, status, master_id, dispatcher_id, created_at)`;
    await tx.query(
      sqlite
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
           ${columns} ${select} FROM n`
        : `${columns} ${select} FROM generate_series(1, ${ORDERS}) AS n(i)`,
    );
  });
  await dataSource.query(sqlite ? 'ANALYZE' : 'ANALYZE orders');
}

/** BENCH_EXPLAIN=1: the plans of the list queries, on stderr. */
async function explain(dataSource: import('typeorm').DataSource, dialect: Dialect): Promise<void> {
  const sqls = [
    `SELECT * FROM orders o WHERE o.status IN ('NEW') AND o.deleted_at IS NULL ORDER BY o.id DESC LIMIT 51`,
    `SELECT * FROM orders o WHERE o.status IN ('DR') AND o.deleted_at IS NULL ORDER BY o.id DESC LIMIT 51`,
    `SELECT * FROM orders o WHERE o.status IN ('ASSIGNED', 'ACCEPTED') AND o.master_id = 7 AND o.deleted_at IS NULL ORDER BY o.id DESC LIMIT 51`,
  ];
  for (const sql of sqls) {
    const plan = await dataSource.query(
      dialect === 'sqlite' ? `EXPLAIN QUERY PLAN ${sql}` : `EXPLAIN ANALYZE ${sql}`,
    );
    console.error(`${sql}\n${JSON.stringify(plan, null, 1)}`);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  measure(process.argv[2] as Dialect).then(
    (measured) => {
      process.stdout.write(`${JSON.stringify(measured)}\n`);
      process.exit(0);
    },
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
