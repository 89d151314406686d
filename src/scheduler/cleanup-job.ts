import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import type { ScheduledJob } from './job-runner';

const DAY = 24 * 3600 * 1000;

/**
 * How long settled records are kept. Delivered notifications are of no use after a month;
 * failed ones stay longer for `/admin outbox`; an attachment outlives every retry of its
 * documents by far; Telegram never re-delivers an update after a week.
 */
export const RETENTION_DAYS = {
  deliveredNotifications: 30,
  failedNotifications: 90,
  attachments: 7,
  processedUpdates: 7,
} as const;

/**
 * Prunes what only grows: settled outbox rows, report files, handled update ids. The tables are
 * named, not imported: each belongs to another module (the outbox, the Telegram adapter) and
 * all this job needs of them is a `created_at` column.
 */
@Injectable()
export class CleanupJob implements ScheduledJob {
  readonly name = 'cleanup';
  private readonly logger = new Logger(CleanupJob.name);

  constructor(private readonly db: TransactionRunner) {}

  async run(now: Date): Promise<void> {
    const before = (days: number) => new Date(now.getTime() - days * DAY);
    const deleted = await this.db.run(async (tx) => {
      const notifications = async (states: string[], days: number) =>
        (
          await tx
            .createQueryBuilder()
            .delete()
            .from('notifications')
            .where('state IN (:...states) AND created_at < :before', {
              states,
              before: before(days),
            })
            .execute()
        ).affected ?? 0;
      const olderThan = async (table: 'outbox_attachments' | 'processed_updates', days: number) =>
        (
          await tx
            .createQueryBuilder()
            .delete()
            .from(table)
            .where('created_at < :before', { before: before(days) })
            .execute()
        ).affected ?? 0;
      return {
        delivered: await notifications(['sent', 'skipped'], RETENTION_DAYS.deliveredNotifications),
        failed: await notifications(['failed'], RETENTION_DAYS.failedNotifications),
        attachments: await olderThan('outbox_attachments', RETENTION_DAYS.attachments),
        updates: await olderThan('processed_updates', RETENTION_DAYS.processedUpdates),
      };
    });
    this.logger.log(`cleanup: ${JSON.stringify(deleted)}`);
  }
}
