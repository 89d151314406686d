// The monthly summary (docs/product.md §8, §10) over 100 000 closed orders on SQLite: time, peak
// memory and file size. The report sums in SQL and streams rows, so memory should stay flat
// however many orders the month holds.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataSource } from 'typeorm';
import type { BenchResult } from './run';

const ORDERS_IN_MONTH = 100_000;
/** A year of history before the month, which the report must skip, not read. */
const ORDERS_BEFORE = 200_000;
const MASTERS = 20;
const TYPES = ['Холодильники', 'Стиральные машины', 'Электрика', 'Сантехника', 'Водонагреватели'];
/** Rows per INSERT: 17 parameters each stays under SQLite's 32 766 variables. */
const INSERT_ROWS = 500;
const ZONE = 'Europe/Moscow';
const MB = 1024 * 1024;

export default async function monthlyReportBench(): Promise<BenchResult> {
  // Entity column types follow the dialect when the entities load: pin SQLite first.
  delete process.env.DATABASE_URL;
  const { ConfigService } = await import('@nestjs/config');
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../src/database/data-source-options');
  const { ActiveOrderQueries } = await import('../src/reports/active-order.queries');
  const { ClosedOrderQueries } = await import('../src/reports/closed-order.queries');
  const { MasterQueries } = await import('../src/reports/master.queries');
  const { NewOrderQueries } = await import('../src/reports/new-order.queries');
  const { ReportsService } = await import('../src/reports/reports.service');
  const { Clock } = await import('../src/common/clock');

  const dir = mkdtempSync(join(tmpdir(), 'monthly-report-bench-'));
  const dataSource = await new DataSource({
    ...dataSourceOptions({ DATABASE_PATH: join(dir, 'bench.db') }),
    migrationsRun: true,
  }).initialize();
  try {
    const seedStarted = Date.now();
    await seed(dataSource);
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    const config = new ConfigService({ TZ: ZONE });
    const reports = new ReportsService(
      new ClosedOrderQueries(dataSource),
      new ActiveOrderQueries(dataSource),
      new MasterQueries(dataSource),
      new NewOrderQueries(dataSource),
      new Clock(),
      config as never,
    );
    const october = reports.period('previous_month', new Date('2025-11-01T10:00:00+03:00'));

    // The seed's garbage would otherwise be collected during the report and blur the baseline.
    collectGarbage();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 10);
    const started = process.hrtime.bigint();
    const result = await reports.summary(october);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);

    if (result.kind !== 'file') throw new Error(`expected a file, got: ${result.note.kind}`);
    const size = statSync(result.filePath).size;
    rmSync(result.filePath, { force: true });
    return {
      name: `monthly summary of ${ORDERS_IN_MONTH.toLocaleString('en')} closed orders (SQLite)`,
      lines: [
        `seed: ${(ORDERS_IN_MONTH + ORDERS_BEFORE).toLocaleString('en')} orders in ${seedSeconds.toFixed(1)} s (one transaction, ${INSERT_ROWS}-row INSERTs)`,
        `report: ${seconds.toFixed(2)} s, ${Math.round(ORDERS_IN_MONTH / seconds).toLocaleString('en')} orders/s, ${MASTERS + 1} sheets`,
        `peak RSS: ${(peakRss / MB).toFixed(0)} MB (${((peakRss - before.rss) / MB).toFixed(0)} MB above the ${(before.rss / MB).toFixed(0)} MB before the report)`,
        `peak heap used: ${(peakHeap / MB).toFixed(0)} MB (${((peakHeap - before.heapUsed) / MB).toFixed(0)} MB above the start)`,
        `file: ${(size / MB).toFixed(1)} MB`,
      ],
    };
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function seed(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO users (telegram_id, first_name, last_name) VALUES (1, 'Ольга', 'Диспетчер')`,
    );
    for (let m = 1; m <= MASTERS; m++) {
      await tx.query(`INSERT INTO users (telegram_id, first_name, last_name) VALUES (?, ?, ?)`, [
        1000 + m,
        `Мастер`,
        `Номер ${m}`,
      ]);
      await tx.query(`INSERT INTO masters (user_id, phone, specialization) VALUES (?, ?, ?)`, [
        m + 1,
        `+7900000${String(m).padStart(4, '0')}`,
        TYPES[m % TYPES.length],
      ]);
    }
    const yearBefore = Date.parse('2024-10-01T00:00:00+03:00');
    const october = Date.parse('2025-10-01T00:00:00+03:00');
    const november = Date.parse('2025-11-01T00:00:00+03:00');
    const closedAt = (n: number) =>
      n < ORDERS_BEFORE
        ? yearBefore + Math.floor((n * (october - yearBefore)) / ORDERS_BEFORE)
        : october + Math.floor(((n - ORDERS_BEFORE) * (november - october)) / ORDERS_IN_MONTH);
    const total = ORDERS_IN_MONTH + ORDERS_BEFORE;
    for (let first = 0; first < total; first += INSERT_ROWS) {
      const rows = Array.from({ length: Math.min(INSERT_ROWS, total - first) }, (_, i) =>
        orderRow(first + i, closedAt(first + i)),
      );
      await tx.query(
        `INSERT INTO orders (equipment_type, problem, client_name, client_address, search_address,
           client_phone, status, master_id, dispatcher_id, total_kopecks, materials_kopecks,
           net_kopecks, master_share_kopecks, company_share_kopecks, review_taken, out_of_city,
           closed_at) VALUES ${rows.map(() => `(${Array(17).fill('?').join(', ')})`).join(', ')}`,
        rows.flat(),
      );
    }
  });
}

function orderRow(n: number, closedAtMs: number): (string | number)[] {
  const totalKopecks = 100_000 + ((n * 7919) % 5_000_000);
  const materials = (n * 104_729) % Math.floor(totalKopecks / 3);
  const net = totalKopecks - materials;
  const masterShare = Math.round(net / 2);
  return [
    TYPES[n % TYPES.length],
    'Не работает',
    `Клиент ${n}`,
    `ул. Ленина, д. ${n % 200}`,
    ` ул ленина ${n % 200} `,
    `+7900${String(n).padStart(7, '0')}`,
    'CLOSED',
    (n % MASTERS) + 1,
    1,
    totalKopecks,
    materials,
    net,
    masterShare,
    net - masterShare,
    n % 3 === 0 ? 1 : 0,
    n % 10 === 0 ? 1 : 0,
    // SQLite keeps instants as UTC text, as TypeORM writes them.
    new Date(closedAtMs).toISOString().replace('T', ' ').replace('Z', ''),
  ];
}
