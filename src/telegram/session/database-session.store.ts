import type { AsyncSessionStore } from 'telegraf/typings/session';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { BotSession } from '../bot-context';
import { TelegramSession } from './telegram-session.entity';
import { onlyParameter } from '../../database/dialect';

/**
 * Dialog state in the database, so a dialog survives a restart (the default without Redis).
 * Writes take their turn through `TransactionRunner`: on SQLite's one connection a write made
 * while a use case's transaction is open would join it, and be rolled back if that use case
 * fails.
 */
export class DatabaseSessionStore implements AsyncSessionStore<BotSession> {
  private readonly readSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TransactionRunner,
  ) {
    const param = onlyParameter(dataSource);
    this.readSql = `SELECT "data" FROM "telegram_sessions" WHERE "key" = ${param}`;
  }

  async get(key: string): Promise<BotSession | undefined> {
    // Read on every update: plain SQL, no query builder (the column is simple-json text).
    const rows = (await this.dataSource.query(this.readSql, [key])) as { data: string }[];
    return rows.length ? (JSON.parse(rows[0].data) as BotSession) : undefined;
  }

  async set(key: string, session: BotSession): Promise<void> {
    // One row per user; an upsert keeps concurrent replicas from failing on the primary key.
    const row = { key, data: session } as QueryDeepPartialEntity<TelegramSession>;
    await this.db.run((tx) =>
      tx
        .createQueryBuilder()
        .insert()
        .into(TelegramSession)
        .values(row)
        .orUpdate(['data', 'updated_at'], ['key'])
        // Nothing to read back: the generated updated_at is not used.
        .updateEntity(false)
        .execute(),
    );
  }

  async delete(key: string): Promise<void> {
    await this.db.run((tx) => tx.delete(TelegramSession, { key }));
  }
}
