import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseSettings } from '../../src/database/data-source-options';
import type { Dialect } from '../../src/database/dialect';

/** A throw-away database of the dialect under test: a temp SQLite file or a fresh PostgreSQL database. */
export interface TestDatabase {
  dialect: Dialect;
  settings: DatabaseSettings;
  dataSource(options?: { migrationsRun?: boolean }): Promise<DataSource>;
  drop(): Promise<void>;
}

export const dialectUnderTest = (): Dialect =>
  process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export async function createTestDatabase(): Promise<TestDatabase> {
  return dialectUnderTest() === 'postgres' ? createPostgresDatabase() : createSqliteDatabase();
}

function withDataSource(
  dialect: Dialect,
  settings: DatabaseSettings,
  cleanup: () => Promise<void>,
) {
  const opened: DataSource[] = [];
  return {
    dialect,
    settings,
    async dataSource({ migrationsRun = true } = {}) {
      const ds = new DataSource({ ...dataSourceOptions(settings), migrationsRun });
      opened.push(ds);
      return ds.initialize();
    },
    async drop() {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      await cleanup();
    },
  };
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'repair-dispatch-'));
  const settings = { DATABASE_PATH: join(dir, 'test.db') };
  return withDataSource('sqlite', settings, async () =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

let counter = 0;

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL as string;
  const name = `rd_test_${process.pid}_${Date.now()}_${counter++}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return withDataSource('postgres', { DATABASE_URL: url.toString() }, () =>
    adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
