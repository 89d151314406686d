// Seeds the real schema (the migrations, then bulk SQL) with a million orders for
// `npm run bench -- scale`: a recursive CTE on SQLite, generate_series on PostgreSQL. The
// triggers and indexes the migrations define stay as they are (on PostgreSQL the indexes of
// "orders" are dropped for the load and created again from their own definitions).
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addressTokens } from '../../src/orders/search-query';

export const STREETS = [
  'Ленина',
  'Гагарина',
  'Мира',
  'Советская',
  'Пушкина',
  'Лермонтова',
  'Кирова',
  'Чапаева',
  'Садовая',
  'Школьная',
  'Лесная',
  'Набережная',
  'Молодежная',
  'Заводская',
  'Полевая',
  'Комсомольская',
  'Октябрьская',
  'Первомайская',
  'Северная',
  'Южная',
  'Восточная',
  'Западная',
  'Зеленая',
  'Новая',
  'Речная',
  'Луговая',
  'Солнечная',
  'Строителей',
  'Победы',
  'Свердлова',
  'Горького',
  'Маяковского',
  'Чехова',
  'Толстого',
  'Некрасова',
  'Гоголя',
  'Калинина',
  'Дзержинского',
  'Фрунзе',
  'Куйбышева',
  'Суворова',
  'Кутузова',
  'Жукова',
  'Королева',
  'Циолковского',
  'Менделеева',
  'Ломоносова',
  'Мичурина',
  'Островского',
  'Крупской',
];
/** Distinct clients: about three orders each. */
export const CLIENTS = 300_000;
/** The newest orders are the open ones; the rest are closed or refused, as in a live database. */
export const OPEN_ORDERS = 2_000;
export const MASTERS = 100;
export const phoneOf = (i: number) => `+7900${String(i % CLIENTS).padStart(7, '0')}`;

const ACTIVE = ['NEW', 'ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'];

function migrationsSource(
  options: { type: 'better-sqlite3'; database: string } | { type: 'postgres'; url: string },
) {
  const dialect = options.type === 'postgres' ? 'postgres' : 'sqlite';
  return new DataSource({
    ...options,
    migrations: [join(__dirname, '..', '..', 'migrations', dialect, '*.ts')],
    migrationsTransactionMode: 'each',
  } as never);
}

/** One row per street: its name and the stored search form of it (src/orders/search-query.ts). */
const streetRows = () =>
  STREETS.map((name, k) => ({ k, name, search: addressTokens(name).join(' ') }));

export async function seedSqlite(file: string, count: number): Promise<void> {
  const ds = migrationsSource({ type: 'better-sqlite3', database: file });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.query('PRAGMA journal_mode = WAL');
    const streets = streetRows()
      .map((s) => `(${s.k}, '${s.name}', '${s.search}')`)
      .join(', ');
    await ds.transaction(async (tx) => {
      await tx.query(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MASTERS})
         INSERT INTO users (telegram_id, first_name) SELECT 700000 + i, 'Мастер ' || i FROM n`,
      );
      await tx.query(
        `INSERT INTO masters (user_id, phone, specialization) SELECT id, '+7911' || printf('%07d', id), 'Стиральные машины' FROM users`,
      );
      await tx.query(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}),
           streets(k, name, search) AS (VALUES ${streets})
         INSERT INTO orders (equipment_type, problem, client_name, client_address, client_phone, status,
           master_id, total_kopecks, created_at, updated_at, closed_at, deleted_at, search_address)
         SELECT 'Стиральная машина', 'Не сливает воду', 'Клиент ' || (i % ${CLIENTS}),
           'ул. ' || s.name || ', д. ' || (i % 150 + 1) || ', кв. ' || (i % 97 + 1),
           '+7900' || printf('%07d', i % ${CLIENTS}),
           CASE WHEN i > ${count - OPEN_ORDERS} THEN (${sqlArray(ACTIVE, 'i % 5')})
                WHEN i % 10 = 0 THEN 'REFUSED' ELSE 'CLOSED' END,
           CASE WHEN i > ${count - OPEN_ORDERS} AND i % 5 = 0 THEN NULL ELSE i % ${MASTERS} + 1 END,
           CASE WHEN i <= ${count - OPEN_ORDERS} AND i % 10 <> 0 THEN 350000 ELSE NULL END,
           datetime(julianday('now') - (${count} - i) * (1000.0 / ${count})),
           datetime(julianday('now') - (${count} - i) * (1000.0 / ${count})),
           CASE WHEN i <= ${count - OPEN_ORDERS} THEN datetime(julianday('now') - (${count} - i) * (1000.0 / ${count}) + 0.1) END,
           CASE WHEN i % 100 = 7 THEN datetime('now') END,
           ' ' || s.search || ' ' || (i % 150 + 1) || ' ' || (i % 97 + 1) || ' '
         FROM n JOIN streets s ON s.k = i % ${STREETS.length}`,
      );
    });
    await ds.query('ANALYZE');
  } finally {
    await ds.destroy();
  }
}

export async function seedPostgres(url: string, count: number): Promise<void> {
  const ds = migrationsSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const names = `ARRAY[${STREETS.map((s) => `'${s}'`).join(', ')}]`;
    const searches = `ARRAY[${streetRows()
      .map((s) => `'${s.search}'`)
      .join(', ')}]`;
    const indexes = (await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' AND indexname NOT LIKE 'PK_%'`,
    )) as { indexname: string; indexdef: string }[];
    await ds.transaction(async (tx) => {
      for (const index of indexes) await tx.query(`DROP INDEX "${index.indexname}"`);
      await tx.query(
        `INSERT INTO users (telegram_id, first_name) SELECT 700000 + i, 'Мастер ' || i FROM generate_series(1, ${MASTERS}) i`,
      );
      await tx.query(
        `INSERT INTO masters (user_id, phone, specialization) SELECT id, '+7911' || lpad(id::text, 7, '0'), 'Стиральные машины' FROM users`,
      );
      // The status counters are rebuilt in one statement below rather than a trigger call per row.
      await tx.query(`ALTER TABLE orders DISABLE TRIGGER USER`);
      await tx.query(
        `INSERT INTO orders (equipment_type, problem, client_name, client_address, client_phone, status,
           master_id, total_kopecks, created_at, updated_at, closed_at, deleted_at, search_address)
         SELECT 'Стиральная машина', 'Не сливает воду', 'Клиент ' || (i % ${CLIENTS}),
           'ул. ' || (${names})[1 + i % ${STREETS.length}] || ', д. ' || (i % 150 + 1) || ', кв. ' || (i % 97 + 1),
           '+7900' || lpad((i % ${CLIENTS})::text, 7, '0'),
           CASE WHEN i > ${count - OPEN_ORDERS} THEN (ARRAY['${ACTIVE.join("','")}'])[1 + i % 5]
                WHEN i % 10 = 0 THEN 'REFUSED' ELSE 'CLOSED' END,
           CASE WHEN i > ${count - OPEN_ORDERS} AND i % 5 = 0 THEN NULL ELSE i % ${MASTERS} + 1 END,
           CASE WHEN i <= ${count - OPEN_ORDERS} AND i % 10 <> 0 THEN 350000 END,
           now() - (${count} - i) * interval '86.4 seconds' * (1000000.0 / ${count}),
           now() - (${count} - i) * interval '86.4 seconds' * (1000000.0 / ${count}),
           CASE WHEN i <= ${count - OPEN_ORDERS} THEN now() - (${count} - i) * interval '86.4 seconds' * (1000000.0 / ${count}) + interval '2 hours' END,
           CASE WHEN i % 100 = 7 THEN now() END,
           ' ' || (${searches})[1 + i % ${STREETS.length}] || ' ' || (i % 150 + 1) || ' ' || (i % 97 + 1) || ' '
         FROM generate_series(1, ${count}) i`,
      );
      await tx.query(`ALTER TABLE orders ENABLE TRIGGER USER`);
      await tx.query(`DELETE FROM order_status_counts`);
      await tx.query(
        `INSERT INTO order_status_counts (status, live) SELECT status, COUNT(*) FROM orders WHERE deleted_at IS NULL GROUP BY status`,
      );
      for (const index of indexes) await tx.query(index.indexdef);
    });
    await ds.query('VACUUM ANALYZE');
  } finally {
    await ds.destroy();
  }
}

/** `CASE <index> WHEN 0 THEN 'a' …`: picks from a list in SQLite, which has no arrays. */
function sqlArray(values: string[], index: string): string {
  return `CASE ${index} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;
}
