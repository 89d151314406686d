import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a use case in one transaction. Every write goes through here.
 *
 * better-sqlite3 is one connection, and TypeORM turns a second concurrent `transaction()` on
 * it into a savepoint *inside* the first — two use cases would share one transaction. On
 * SQLite transactions therefore take turns; PostgreSQL gives each one its own connection.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqliteTurn = new Mutex();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return this.dataSource.transaction(work);
    return this.sqliteTurn.runExclusive(() => this.dataSource.transaction(work));
  }
}
