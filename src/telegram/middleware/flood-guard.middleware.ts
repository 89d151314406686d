import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment';
import type { MiddlewareFn } from 'telegraf';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';
import { type FloodVerdict, RedisFloodBuckets } from '../replicas/redis-flood-buckets';
import { ReplicaRedis } from '../replicas/replica-redis';

/** Dropped updates in a row that turn a warning into a temporary block. */
const BLOCK_AFTER_DROPS = 10;
const BLOCK_MS = 60_000;

interface Bucket {
  tokens: number;
  refilledAt: number;
  drops: number;
  warned: boolean;
  blockedUntil: number;
}

/**
 * Per-user flood protection: about 2 updates/s with a burst of 4, a warning, then a block. With
 * REDIS_URL the buckets live in Redis, so a person's updates spread over replicas share one.
 */
@Injectable()
export class FloodGuardMiddleware {
  private readonly buckets = new Map<number, Bucket>();
  private readonly ratePerSecond: number;
  private readonly burst: number;
  private readonly shared?: RedisFloodBuckets;

  constructor(config: ConfigService<Environment, true>, @Optional() replica?: ReplicaRedis) {
    this.ratePerSecond = config.get('FLOOD_UPDATES_PER_SECOND', { infer: true });
    this.burst = config.get('FLOOD_BURST', { infer: true });
    if (replica?.client) {
      this.shared = new RedisFloodBuckets(replica.client, {
        ratePerSecond: this.ratePerSecond,
        burst: this.burst,
        blockAfterDrops: BLOCK_AFTER_DROPS,
        blockMs: BLOCK_MS,
      });
    }
  }

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const verdict = this.shared ? await this.shared.take(userId) : this.take(userId);
    if (verdict === 'pass') return next();
    ctx.state.outcome = 'ignored';
    await this.refuse(ctx, verdict).catch(() => undefined);
  };

  /**
   * A throttled button still gets its answer (or the client spins until it times out), as a
   * toast; a warning message goes to private chats only — a work group is not told who floods.
   */
  private async refuse(ctx: BotContext, verdict: 'warn' | 'block' | 'drop'): Promise<void> {
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(
        verdict === 'block' ? botTexts.floodBlockedToast : botTexts.floodToast,
      );
      return;
    }
    if (ctx.chat?.type !== 'private') return;
    if (verdict === 'warn') await ctx.reply(botTexts.floodWarning);
    if (verdict === 'block') await ctx.reply(botTexts.floodBlocked);
  }

  /** The in-process bucket (one process, no Redis). */
  take(userId: number, now = Date.now()): FloodVerdict {
    const bucket = this.buckets.get(userId) ?? {
      tokens: this.burst,
      refilledAt: now,
      drops: 0,
      warned: false,
      blockedUntil: 0,
    };
    this.buckets.set(userId, bucket);
    if (bucket.blockedUntil > now) return 'drop';
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.ratePerSecond,
    );
    bucket.refilledAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.drops = 0;
      bucket.warned = false;
      return 'pass';
    }
    bucket.drops++;
    if (bucket.drops >= BLOCK_AFTER_DROPS) {
      bucket.blockedUntil = now + BLOCK_MS;
      bucket.drops = 0;
      return 'block';
    }
    if (!bucket.warned) {
      bucket.warned = true;
      return 'warn';
    }
    return 'drop';
  }
}
