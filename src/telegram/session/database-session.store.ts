import type { AsyncSessionStore } from 'telegraf/typings/session';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { BotSession } from '../bot-context';
import { TelegramSession } from './telegram-session.entity';

/** Dialog state in the database, so a dialog survives a restart (the default without Redis). */
export class DatabaseSessionStore implements AsyncSessionStore<BotSession> {
  constructor(private readonly dataSource: DataSource) {}

  async get(key: string): Promise<BotSession | undefined> {
    const row = await this.dataSource.getRepository(TelegramSession).findOneBy({ key });
    return row ? (row.data as BotSession) : undefined;
  }

  async set(key: string, session: BotSession): Promise<void> {
    // One row per user; an upsert keeps concurrent replicas from failing on the primary key.
    const row = { key, data: session } as QueryDeepPartialEntity<TelegramSession>;
    await this.dataSource.getRepository(TelegramSession).upsert(row, ['key']);
  }

  async delete(key: string): Promise<void> {
    await this.dataSource.getRepository(TelegramSession).delete({ key });
  }
}
