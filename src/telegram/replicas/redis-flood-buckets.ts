import type Redis from 'ioredis';
import { REDIS_NOW, runScript } from './replica-redis';

export type FloodVerdict = 'pass' | 'warn' | 'block' | 'drop';

// The in-process bucket of FloodGuardMiddleware.take, as one script on Redis's clock, so a
// person's updates spread over replicas draw from one bucket.
// KEYS: the person's bucket. ARGV: rate per second, burst, drops before a block, block ms.
const TAKE = `${REDIS_NOW}
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local blockAfter, blockMs = tonumber(ARGV[3]), tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'drops', 'warned', 'until')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
local drops = tonumber(b[3]) or 0
local warned = b[4] == '1'
local blockedUntil = tonumber(b[5]) or 0
local verdict
if blockedUntil > now then
  verdict = 'drop'
else
  tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
  at = now
  if tokens >= 1 then
    tokens, drops, warned, verdict = tokens - 1, 0, false, 'pass'
  else
    drops = drops + 1
    if drops >= blockAfter then
      blockedUntil, drops, verdict = now + blockMs, 0, 'block'
    elseif not warned then
      warned, verdict = true, 'warn'
    else
      verdict = 'drop'
    end
  end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at), 'drops', tostring(drops),
  'warned', warned and '1' or '0', 'until', tostring(blockedUntil))
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(blockMs, burst / rate * 1000)) + 1000)
return verdict
`;

/** Flood buckets per person in Redis (`REDIS_URL`), shared by every replica. */
export class RedisFloodBuckets {
  constructor(
    private readonly redis: Redis,
    private readonly settings: {
      ratePerSecond: number;
      burst: number;
      blockAfterDrops: number;
      blockMs: number;
    },
  ) {
    redis.defineCommand('rdFloodTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(userId: number): Promise<FloodVerdict> {
    const { ratePerSecond, burst, blockAfterDrops, blockMs } = this.settings;
    return (await runScript(
      this.redis,
      'rdFloodTake',
      `rd:flood:${userId}`,
      ratePerSecond,
      burst,
      blockAfterDrops,
      blockMs,
    )) as FloodVerdict;
  }
}
