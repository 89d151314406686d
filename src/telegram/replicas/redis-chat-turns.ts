import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { REDIS_NOW, runScript } from './replica-redis';

const keysOf = (chatId: number) => {
  const base = `rd:chat:${chatId}:`;
  return [`${base}lock`, `${base}queue`, `${base}alive`, `${base}done`];
};

// KEYS: lock, queue (update ids waiting, by id), alive (update id → deadline), done (highest
// update id finished). ARGV: update id, token, lease. Registers (or keeps alive) the waiter,
// forgets waiters whose replica stopped renewing them, and takes the lock only for the lowest
// update id waiting. Returns {1, done} when taken, {0, 0} otherwise.
const ENTER = `${REDIS_NOW}
local lease = tonumber(ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], now + lease)
while true do
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  if head == nil then break end
  local deadline = tonumber(redis.call('HGET', KEYS[3], head) or '0')
  if deadline > now then break end
  redis.call('ZREM', KEYS[2], head)
  redis.call('HDEL', KEYS[3], head)
end
redis.call('PEXPIRE', KEYS[2], lease * 2)
redis.call('PEXPIRE', KEYS[3], lease * 2)
if redis.call('ZRANGE', KEYS[2], 0, 0)[1] ~= ARGV[1] then return {0, 0} end
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', lease) then return {0, 0} end
return {1, tonumber(redis.call('GET', KEYS[4]) or '0')}
`;

// Extends the lock and the waiter's deadline while the holder still owns the lock.
const RENEW = `${REDIS_NOW}
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], now + tonumber(ARGV[3]))
return 1
`;

// Leaves the queue, records the highest update id handled (ARGV[3] = 1 when it was), frees the
// lock if it is still ours.
const LEAVE = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[3] == '1' and tonumber(ARGV[1]) > tonumber(redis.call('GET', KEYS[4]) or '0') then
  redis.call('SET', KEYS[4], ARGV[1], 'PX', 86400000)
end
if redis.call('GET', KEYS[1]) == ARGV[2] then redis.call('DEL', KEYS[1]) end
return 1
`;

const POLL_MIN_MS = 10;
const POLL_MAX_MS = 100;

/**
 * One chat's turn across replicas (`REDIS_URL`): a lock per chat with a lease (renewed every
 * third of it while handling, released by its token), and a queue of the update ids waiting
 * for it, so that of the updates of a chat waiting at one time, on any replica, the lowest
 * update id goes first. A replica that dies holding the lock, or while waiting, stops renewing
 * and is forgotten once its lease runs out. An update arriving after a later one of its chat
 * has finished (a re-delivery after a failure) is still handled, after it, with a warning.
 */
export class RedisChatTurns {
  private readonly logger = new Logger(RedisChatTurns.name);

  constructor(
    private readonly redis: Redis,
    private readonly leaseMs: number,
  ) {
    redis.defineCommand('rdTurnEnter', { numberOfKeys: 4, lua: ENTER });
    redis.defineCommand('rdTurnRenew', { numberOfKeys: 4, lua: RENEW });
    redis.defineCommand('rdTurnLeave', { numberOfKeys: 4, lua: LEAVE });
  }

  async run<T>(chatId: number, updateId: number, handle: () => Promise<T>): Promise<T> {
    const keys = keysOf(chatId);
    const token = randomUUID();
    const lease = this.leaseMs;
    let entered = false;
    let waitMs = POLL_MIN_MS;
    try {
      for (;;) {
        const [taken, done] = (await runScript(
          this.redis,
          'rdTurnEnter',
          ...keys,
          updateId,
          token,
          lease,
        )) as [number, number];
        if (taken === 1) {
          entered = true;
          if (done > updateId) {
            this.logger.warn(`update ${updateId} of chat ${chatId} handled after update ${done}`);
          }
          break;
        }
        await sleep(waitMs * (0.5 + Math.random() / 2));
        waitMs = Math.min(POLL_MAX_MS, waitMs * 2);
      }
      const renewal = setInterval(
        () =>
          void runScript(this.redis, 'rdTurnRenew', ...keys, updateId, token, lease)
            .then((held) => {
              if (held !== 1) this.logger.warn(`chat ${chatId}: turn lost while handling`);
            })
            .catch(() => undefined),
        Math.floor(lease / 3),
      );
      try {
        return await handle();
      } finally {
        clearInterval(renewal);
      }
    } finally {
      // A waiter that gave up (Redis failed) leaves the queue too, so it blocks nobody.
      await runScript(this.redis, 'rdTurnLeave', ...keys, updateId, token, entered ? 1 : 0).catch(
        (error: Error) => this.logger.warn(`chat ${chatId}: leave failed: ${error.message}`),
      );
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
