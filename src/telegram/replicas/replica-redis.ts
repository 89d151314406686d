import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Environment } from '../../config/environment';

/**
 * The Redis connection replicas coordinate through (`REDIS_URL`): chat turns, update claims,
 * flood buckets. `client` is null without REDIS_URL, and everything stays in the process.
 * Closed after the bot has finished the updates in hand (BotLauncher waits before this).
 */
@Injectable()
export class ReplicaRedis implements OnApplicationShutdown {
  readonly client: Redis | null;
  /** How long a hold lasts unless renewed: the longest a dead replica keeps a chat waiting. */
  readonly leaseMs: number;

  constructor(config: ConfigService<Environment, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    this.client = url ? new Redis(url, { maxRetriesPerRequest: 3 }) : null;
    this.leaseMs = config.get('REPLICA_LEASE_MS', { infer: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

/** Runs a script defined with `defineCommand` (ioredis adds those as methods it cannot type). */
export function runScript(redis: Redis, name: string, ...args: (string | number)[]) {
  const method = (
    redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>
  )[name];
  return method.apply(redis, args);
}

/** Milliseconds on Redis's clock, so replicas whose clocks differ still agree on a deadline. */
export const REDIS_NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;
