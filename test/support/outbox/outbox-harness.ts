import { Test, TestingModule } from '@nestjs/testing';
import { Telegram } from 'telegraf';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { TransactionRunner } from '../../../src/database/transaction-runner';
import { HealthModule } from '../../../src/health/health.module';
import { Notification } from '../../../src/notifications/notification.entity';
import { NotificationsModule } from '../../../src/notifications/notifications.module';
import { Outbox, OutboxMessage } from '../../../src/notifications/outbox';
import { OutboxSettings } from '../../../src/notifications/outbox-settings';
import { OutboxSender } from '../../../src/notifications/outbox.sender';
import { TelegramOutboxModule } from '../../../src/telegram/outbox/telegram-outbox.module';
import { domainImports } from '../domain-app';
import { FakeBotApi, RateLimits as FakeLimits } from '../fake-bot-api';
import { createTestDatabase, TestDatabase } from '../test-database';

/** Telegram's limits ten times faster: specs keep the invariants and finish in seconds. */
export const FAST: OutboxSettings = {
  limits: { globalPerSecond: 300, privatePerSecond: 10, groupPerMinute: 200 },
  retry: { maxAttempts: 4, baseDelayMs: 50 },
  interactiveBoundMs: 1_500,
};

/** The same limits as the fake Bot API names and enforces them. */
export const fakeLimitsOf = (settings: OutboxSettings): FakeLimits => ({
  globalPerSecond: settings.limits.globalPerSecond,
  perPrivateChatPerSecond: settings.limits.privatePerSecond,
  perGroupPerMinute: settings.limits.groupPerMinute,
});

/** The domain and the outbox sender on a fresh database, talking to a fake Bot API. */
export interface OutboxApp {
  module: TestingModule;
  dataSource: DataSource;
  sender: OutboxSender;
  get<T>(type: new (...args: never[]) => T): T;
  enqueue(messages: OutboxMessage[]): Promise<void>;
  /** What the app logged as errors; specs say which ones they expect. */
  errors: string[];
  /** Reads in turn with the sender's transactions (one SQLite connection is shared). */
  read<T>(work: (tx: EntityManager) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OutboxAppOptions {
  api: FakeBotApi;
  settings?: OutboxSettings;
  /** Another app's database: a second replica on the same PostgreSQL database. */
  db?: TestDatabase;
}

export async function createOutboxApp({
  api,
  settings = FAST,
  db,
}: OutboxAppOptions): Promise<OutboxApp & { db: TestDatabase }> {
  const database = db ?? (await createTestDatabase());
  const errors: string[] = [];
  const module = await Test.createTestingModule({
    imports: [...domainImports(database), HealthModule, NotificationsModule, TelegramOutboxModule],
  })
    .overrideProvider(OutboxSettings)
    .useValue(settings)
    .overrideProvider(Telegram)
    .useValue(new Telegram(api.token, { apiRoot: api.apiRoot }))
    // Retries and skips are expected here; errors are kept for the spec to check.
    .setLogger({
      log: () => undefined,
      warn: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
      error: (message: unknown) => errors.push(String(message)),
    })
    .compile();
  await module.init();
  const runner = module.get(TransactionRunner);
  const outbox = module.get(Outbox);
  return {
    module,
    db: database,
    dataSource: module.get(DataSource),
    sender: module.get(OutboxSender),
    errors,
    get: (type) => module.get(type),
    read: (work) => runner.run(work),
    enqueue: async (messages) => {
      // One statement per 500 rows keeps SQLite under its bound-variable limit.
      for (let i = 0; i < messages.length; i += 500) {
        await runner.run((tx) => outbox.enqueue(tx, messages.slice(i, i + 500)));
      }
    },
    async close() {
      await module.close();
      if (!db) await database.drop();
    },
  };
}

/** A private message with no order; `n` keeps dedup keys apart. */
export const personalNotice = (chatId: number, n: number): OutboxMessage => ({
  chatId,
  kind: 'master_added',
  payload: { masterId: n, name: `Мастер ${n}` },
  dedupKey: `spec:${chatId}:${n}`,
});

/**
 * `perChat` messages to each chat, interleaved (chat 1, chat 2, …, chat 1, chat 2, …) so every
 * chat has rows waiting behind rows of other chats.
 */
export function fanOut(chatIds: number[], perChat: number): OutboxMessage[] {
  return Array.from({ length: perChat }, (_, round) =>
    chatIds.map((chatId) => personalNotice(chatId, round)),
  ).flat();
}

export const outboxRows = (
  app: Pick<OutboxApp, 'read'>,
  where: FindOptionsWhere<Notification> = {},
) => app.read((tx) => tx.find(Notification, { where, order: { id: 'ASC' } }));

/** Resolves once no row is pending or being sent. */
export async function waitUntilSettled(
  app: Pick<OutboxApp, 'read'>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await app.read((tx) =>
      tx.countBy(Notification, { state: In(['pending', 'sending']) }),
    );
    if (open === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${open} notifications still unsettled after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
