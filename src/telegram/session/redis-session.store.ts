import type Redis from 'ioredis';
import type { AsyncSessionStore } from 'telegraf/typings/session';
import type { BotSession } from '../bot-context';

/** Dialog state drops out after a month of silence; an abandoned dialog is not kept forever. */
const TTL_SECONDS = 30 * 24 * 3600;

/** Dialog state in Redis (`REDIS_URL`), shared by every replica. */
export class RedisSessionStore implements AsyncSessionStore<BotSession> {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<BotSession | undefined> {
    const raw = await this.redis.get(this.keyOf(key));
    return raw ? (JSON.parse(raw) as BotSession) : undefined;
  }

  async set(key: string, session: BotSession): Promise<void> {
    await this.redis.set(this.keyOf(key), JSON.stringify(session), 'EX', TTL_SECONDS);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.keyOf(key));
  }

  private keyOf(key: string) {
    return `repair-dispatch:session:${key}`;
  }
}
