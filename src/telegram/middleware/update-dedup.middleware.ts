import { Injectable, Logger } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { DataSource, LessThan, QueryFailedError } from 'typeorm';
import type { BotContext } from '../bot-context';
import { ProcessedUpdate } from '../processed-update.entity';

/** Telegram re-delivers an update it thinks was not handled; a week of ids is plenty. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY = 1000;

/** An update id seen twice is handled once (webhook retries, a restart mid-batch). */
@Injectable()
export class UpdateDedupMiddleware {
  private readonly logger = new Logger(UpdateDedupMiddleware.name);
  private handled = 0;

  constructor(private readonly dataSource: DataSource) {}

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    try {
      await this.dataSource
        .getRepository(ProcessedUpdate)
        .insert({ updateId: ctx.update.update_id });
    } catch (error) {
      // The primary key says another delivery of this update got here first.
      if (!isUniqueViolation(error)) throw error;
      this.logger.debug(`update ${ctx.update.update_id} seen before, skipped`);
      return;
    }
    if (++this.handled % PRUNE_EVERY === 0) await this.prune();
    return next();
  };

  private async prune() {
    await this.dataSource
      .getRepository(ProcessedUpdate)
      .delete({ createdAt: LessThan(new Date(Date.now() - KEEP_MS)) });
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}
