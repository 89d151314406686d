import { ApiKeysService } from '../../src/api/keys/api-keys.service';
import { UsersService } from '../../src/users/users.service';
import { ApiClient } from '../support/api-client';
import { BotApp, startBotApp } from '../support/bot-app';
import { redisOrSkip, TEST_REDIS_URL } from '../support/redis';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { TEST_ADMIN_ID } from '../support/test-env';

/** A Redis database of this spec's own, emptied before it runs. */
const REDIS_DB = 9;
const LIMIT = 5;

/**
 * With REDIS_URL the REST API's per-key counts live in Redis: they survive a restart of the
 * service (and are shared by replicas), where in-process counts would start again from zero.
 */
describe(`REST API rate limits in Redis on ${dialectUnderTest()}`, () => {
  let db: TestDatabase | null = null;
  let bot: BotApp | null = null;

  beforeAll(async () => {
    const redis = await redisOrSkip('the REST API rate-limit spec');
    if (!redis) return;
    await redis.select(REDIS_DB);
    await redis.flushdb();
    redis.disconnect();
    if (dialectUnderTest() === 'postgres') db = await createTestDatabase();
    bot = await startBotApp({
      ...(db ? { DATABASE_URL: db.settings.DATABASE_URL as string } : {}),
      REDIS_URL: `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/${REDIS_DB}`,
      API_RATE_LIMIT: String(LIMIT),
    });
  });

  afterAll(async () => {
    await bot?.close();
    await db?.drop();
    delete process.env.REDIS_URL;
  });

  it('keeps counting across a restart: the call past the limit is still 429', async () => {
    if (!bot) return;
    const admin = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    const made = await bot.app.get(ApiKeysService).create('limited', 'DISPATCHER', admin);
    if (!made.ok) throw new Error(made.reason);
    const { key } = made.value;
    for (let i = 0; i < LIMIT - 1; i++) {
      expect((await ApiClient.of(bot.app).call('GET', '/api/v1/masters', { key })).status).toBe(
        200,
      );
    }
    await bot.restart();
    const api = ApiClient.of(bot.app);
    expect((await api.call('GET', '/api/v1/masters', { key })).status).toBe(200);
    const limited = await api.call('GET', '/api/v1/masters', { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
