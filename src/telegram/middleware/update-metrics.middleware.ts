import { Injectable } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import type { Update } from 'telegraf/types';
import { Metrics } from '../../health/metrics';
import type { BotContext } from '../bot-context';

/**
 * Second in the chain, right after the gateway is installed: counts every update by its type
 * and outcome and times it through the rest of the chain (the wait for the chat's earlier
 * updates included: that is what the person waits). `ok` unless a middleware marked the update
 * `ignored` (a duplicate, a channel post, a flood drop) or `error` (the exception filter), or
 * the chain threw.
 */
@Injectable()
export class UpdateMetricsMiddleware {
  constructor(private readonly metrics: Metrics) {}

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const type = updateTypeOf(ctx.update);
    const stopTimer = this.metrics.updateDuration.startTimer({ type });
    try {
      await next();
    } catch (error) {
      ctx.state.outcome = 'error';
      throw error;
    } finally {
      stopTimer();
      this.metrics.updates.inc({ type, outcome: ctx.state.outcome ?? 'ok' });
    }
  };
}

/** `message`, `callback_query`, `my_chat_member`…: the update's one field besides its id. */
export function updateTypeOf(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
