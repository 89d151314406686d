import type { BotSession } from '../../src/telegram/bot-context';
import { DatabaseSessionStore } from '../../src/telegram/session/database-session.store';
import { RedisSessionStore } from '../../src/telegram/session/redis-session.store';
import { redisOrSkip } from '../support/redis';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';

const dialog = (step: string): BotSession =>
  ({ __scenes: { current: 'create-order', state: { step, orderId: 5 } } }) as unknown as BotSession;

describe(`dialog sessions on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let store: DatabaseSessionStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new DatabaseSessionStore(await db.dataSource());
  });
  afterAll(() => db.drop());

  it('keeps a dialog in the database across store instances (a restart)', async () => {
    await store.set('42', dialog('phone'));
    await store.set('42', dialog('notes'));
    const afterRestart = new DatabaseSessionStore(await db.dataSource());
    expect(await afterRestart.get('42')).toEqual(dialog('notes'));
    await afterRestart.delete('42');
    expect(await store.get('42')).toBeUndefined();
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
