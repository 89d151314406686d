import type Redis from 'ioredis';
import type { BudgetStore, SlotAnswer, SlotRequest } from './call-budget';

const PREFIX = 'rd:budget:';
const GLOBAL_KEY = `${PREFIX}global`;

// Both buckets are read and taken in one script, so two replicas never take the same slot.
// Time is Redis's own (TIME), so replicas whose clocks differ still agree on "free".
const TRY_TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local chatFreeAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if chatFreeAt > now then return {chatFreeAt - now, 1} end
local globalFreeAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if globalFreeAt > now then return {globalFreeAt - now, 2} end
local chatInterval = math.ceil(tonumber(ARGV[1]))
local globalInterval = math.ceil(tonumber(ARGV[2]))
redis.call('SET', KEYS[1], now + chatInterval, 'PX', chatInterval + 1000)
redis.call('SET', KEYS[2], now + globalInterval, 'PX', globalInterval + 1000)
return {0, 0}
`;

const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = math.ceil(tonumber(ARGV[1]))
local freeAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > freeAt then redis.call('SET', KEYS[1], now + ms, 'PX', ms + 1000) end
return 0
`;

/** The send budget shared by every replica on one Redis (`REDIS_URL`). */
export class RedisBudgetStore implements BudgetStore {
  constructor(private readonly redis: Redis) {
    redis.defineCommand('rdBudgetTake', { numberOfKeys: 2, lua: TRY_TAKE });
    redis.defineCommand('rdBudgetHold', { numberOfKeys: 1, lua: HOLD });
  }

  async tryTake({ chatId, chatIntervalMs, globalIntervalMs }: SlotRequest): Promise<SlotAnswer> {
    const [waitMs, heldBy] = (await this.command('rdBudgetTake')(
      chatKey(chatId),
      GLOBAL_KEY,
      String(chatIntervalMs),
      String(globalIntervalMs),
    )) as [number, number];
    return waitMs > 0
      ? { granted: false, waitMs, heldBy: heldBy === 1 ? 'chat' : 'global' }
      : { granted: true };
  }

  async hold(chatId: number | null, ms: number): Promise<void> {
    await this.command('rdBudgetHold')(chatId === null ? GLOBAL_KEY : chatKey(chatId), String(ms));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  // ioredis adds commands defined at run time as methods it cannot type.
  private command(name: string) {
    const method = (
      this.redis as unknown as Record<string, (...args: string[]) => Promise<unknown>>
    )[name];
    return method.bind(this.redis);
  }
}

const chatKey = (chatId: number) => `${PREFIX}chat:${chatId}`;
