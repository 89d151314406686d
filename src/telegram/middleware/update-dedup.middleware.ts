import { Injectable, Logger } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { DataSource, QueryFailedError } from 'typeorm';
import type { BotContext } from '../bot-context';
import { ProcessedUpdate } from '../processed-update.entity';

/**
 * An update id seen twice is handled once (webhook retries, a restart mid-batch). It is
 * recorded as processed only once it has been handled, never before: an update cut short by a
 * crash is delivered again by Telegram and handled again, and its effects are idempotent (an
 * order is keyed by its dialog's draft). A copy arriving while the first is still being handled
 * is dropped here. Old ids are pruned by the scheduler's cleanup job.
 */
@Injectable()
export class UpdateDedupMiddleware {
  private readonly logger = new Logger(UpdateDedupMiddleware.name);
  private readonly inHand = new Set<number>();

  constructor(private readonly dataSource: DataSource) {}

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const updateId = ctx.update.update_id;
    // Taken before the first await: a copy in the same polled batch runs concurrently.
    if (this.inHand.has(updateId)) return this.skip(ctx);
    this.inHand.add(updateId);
    try {
      const repository = this.dataSource.getRepository(ProcessedUpdate);
      if (await repository.existsBy({ updateId })) return this.skip(ctx);
      await next();
      await this.record(updateId);
    } finally {
      this.inHand.delete(updateId);
    }
  };

  private skip(ctx: BotContext): void {
    ctx.state.outcome = 'ignored';
    this.logger.debug(`update ${ctx.update.update_id} seen before, skipped`);
  }

  private async record(updateId: number): Promise<void> {
    try {
      await this.dataSource.getRepository(ProcessedUpdate).insert({ updateId });
    } catch (error) {
      // Another replica handled a copy too and recorded it first: the same outcome.
      if (!isUniqueViolation(error)) this.logger.warn(`update ${updateId} not recorded: ${error}`);
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}
