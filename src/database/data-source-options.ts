import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { dialectOf, ENTITY_DIALECT } from './dialect';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATABASE_PATH?: string;
  MIGRATIONS_RUN?: boolean;
}

/** Waits this long for a lock instead of failing with "database is locked". */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// From src/database (ts-node, jest) or dist/src/database (built): the matching migrations.
const migrationsOf = (dialect: string) => [
  join(__dirname, '..', '..', 'migrations', dialect, '*.{ts,js}'),
];

/**
 * The one description of the database, used by the app, `ormconfig.ts` (the migrations CLI)
 * and the specs. `synchronize` is never on: migrations own the schema.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const dialect = dialectOf(settings as Record<string, string | undefined>);
  if (dialect !== ENTITY_DIALECT) {
    throw new Error(
      `The entities were loaded for ${ENTITY_DIALECT} but the database is ${dialect}: ` +
        'set DATABASE_URL before the first entity is imported.',
    );
  }
  const common = {
    entities: ENTITIES,
    migrations: migrationsOf(dialect),
    migrationsRun: settings.MIGRATIONS_RUN ?? false,
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
  };
  if (dialect === 'postgres') {
    return { ...common, type: 'postgres', url: settings.DATABASE_URL };
  }
  const file = settings.DATABASE_PATH ?? 'data/bot_database.db';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    enableWAL: true,
    prepareDatabase: (db: Database.Database) => {
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
    },
  };
}
