import { Injectable, Logger } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { DataSource, QueryFailedError } from 'typeorm';
import type { BotContext } from '../bot-context';
import { ProcessedUpdate } from '../processed-update.entity';

/**
 * An update id seen twice is handled once (webhook retries, a restart mid-batch). Old ids are
 * pruned by the scheduler's cleanup job.
 */
@Injectable()
export class UpdateDedupMiddleware {
  private readonly logger = new Logger(UpdateDedupMiddleware.name);

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
    return next();
  };
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}
