import { Injectable, Logger } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { DataSource } from 'typeorm';
import { GroupCommit } from '../../database/group-commit';
import { TransactionRunner } from '../../database/transaction-runner';
import type { BotContext } from '../bot-context';
import { ProcessedUpdate } from '../processed-update.entity';
import { onlyParameter } from '../../database/dialect';

/**
 * An update id seen twice is handled once (webhook retries, a restart mid-batch). It is
 * recorded as processed only once it has been handled, never before: an update cut short by a
 * crash is delivered again by Telegram and handled again, and its effects are idempotent (an
 * order is keyed by its dialog's draft). A copy arriving while the first is still being handled
 * is dropped here. Old ids are pruned by the scheduler's cleanup job.
 *
 * Markers are written through `TransactionRunner` (on SQLite's one connection a write made
 * while a use case's transaction is open would join it and be rolled back with it), and the
 * ones finished while a write is in flight go together in the next one.
 */
@Injectable()
export class UpdateDedupMiddleware {
  private readonly logger = new Logger(UpdateDedupMiddleware.name);
  private readonly inHand = new Set<number>();
  private readonly markers: GroupCommit<number>;
  private readonly seenSql: string;

  constructor(
    private readonly dataSource: DataSource,
    db: TransactionRunner,
  ) {
    const param = onlyParameter(dataSource);
    this.seenSql = `SELECT 1 FROM "processed_updates" WHERE "update_id" = ${param}`;
    this.markers = new GroupCommit((updateIds) =>
      db.run(async (tx) => {
        // A copy another replica handled and recorded first is the same outcome: ignored.
        await tx
          .createQueryBuilder()
          .insert()
          .into(ProcessedUpdate)
          .values(updateIds.map((updateId) => ({ updateId })))
          .orIgnore()
          .updateEntity(false)
          .execute();
      }),
    );
  }

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const updateId = ctx.update.update_id;
    // Taken before the first await: a copy in the same polled batch runs concurrently.
    if (this.inHand.has(updateId)) return this.skip(ctx);
    this.inHand.add(updateId);
    try {
      const seen = (await this.dataSource.query(this.seenSql, [updateId])) as unknown[];
      if (seen.length) return this.skip(ctx);
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
    await this.markers
      .add(updateId)
      .catch((error) => this.logger.warn(`update ${updateId} not recorded: ${error}`));
  }
}
