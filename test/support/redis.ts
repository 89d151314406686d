import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * A connection to the test Redis, or null (with a visible notice) when there is none. Under CI
 * the Redis specs must fail loudly; on a laptop without Redis they are skipped visibly.
 */
export async function redisOrSkip(what: string): Promise<Redis | null> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    if (process.env.CI === 'true') throw error;
    console.warn(`⚠️  Redis is not reachable at ${TEST_REDIS_URL}: ${what} is SKIPPED.`);
    return null;
  }
}
