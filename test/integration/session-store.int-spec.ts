import { TransactionRunner } from '../../src/database/transaction-runner';
import type { BotContext, BotSession } from '../../src/telegram/bot-context';
import { UpdateDedupMiddleware } from '../../src/telegram/middleware/update-dedup.middleware';
import { ProcessedUpdate } from '../../src/telegram/processed-update.entity';
import { DatabaseSessionStore } from '../../src/telegram/session/database-session.store';
import { RedisSessionStore } from '../../src/telegram/session/redis-session.store';
import { redisOrSkip } from '../support/redis';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';

const dialog = (step: string): BotSession =>
  ({ __scenes: { current: 'create-order', state: { step, orderId: 5 } } }) as unknown as BotSession;

describe(`dialog sessions on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let store: DatabaseSessionStore;
  let runner: TransactionRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = new TransactionRunner(await db.dataSource());
    store = new DatabaseSessionStore(await db.dataSource(), runner);
  });
  afterAll(() => db.drop());

  it('keeps a dialog in the database across store instances (a restart)', async () => {
    await store.set('42', dialog('phone'));
    await store.set('42', dialog('notes'));
    const afterRestart = new DatabaseSessionStore(await db.dataSource(), runner);
    expect(await afterRestart.get('42')).toEqual(dialog('notes'));
    await afterRestart.delete('42');
    expect(await store.get('42')).toBeUndefined();
  });

  it('keeps a session write and an update marker made while a failing use case is open', async () => {
    // On SQLite's one connection a write made meanwhile would join that transaction.
    const dataSource = await db.dataSource();
    const dedup = new UpdateDedupMiddleware(dataSource, runner);
    let fail!: () => void;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = runner.run(async (tx) => {
      await tx.getRepository(ProcessedUpdate).insert({ updateId: 9_001 });
      opened();
      await new Promise<void>((resolve) => (fail = resolve));
      throw new Error('the use case failed');
    });
    await open;
    const ctx = { update: { update_id: 9_002 }, state: {} } as unknown as BotContext;
    const writes = Promise.all([
      store.set('77', dialog('problem')),
      dedup.middleware(ctx, () => Promise.resolve()),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    fail();
    await expect(failing).rejects.toThrow('the use case failed');
    await writes;

    expect(await store.get('77')).toEqual(dialog('problem'));
    const markers = await dataSource.getRepository(ProcessedUpdate).find();
    expect(markers.map((row) => Number(row.updateId))).toEqual([9_002]);
  });

  it('keeps a dialog in Redis when REDIS_URL is set', async () => {
    const redis = await redisOrSkip('the Redis session store spec');
    if (!redis) return;
    try {
      const key = `spec-${process.pid}-${Date.now()}`;
      const redisStore = new RedisSessionStore(redis);
      await redisStore.set(key, dialog('arrival'));
      expect(await new RedisSessionStore(redis).get(key)).toEqual(dialog('arrival'));
      expect(await redis.ttl(`repair-dispatch:session:${key}`)).toBeGreaterThan(0);
      await redisStore.delete(key);
      expect(await redisStore.get(key)).toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });
});
