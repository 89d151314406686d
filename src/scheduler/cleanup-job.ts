import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from '../notifications/notification.entity';
import { OutboxAttachment } from '../notifications/outbox-attachment.entity';
import { ProcessedUpdate } from '../telegram/processed-update.entity';
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

/** Prunes what only grows: settled outbox rows, report files, handled update ids. */
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
            .from(Notification)
            .where('state IN (:...states) AND created_at < :before', {
              states,
              before: before(days),
            })
            .execute()
        ).affected ?? 0;
      const olderThan = async (
        entity: typeof OutboxAttachment | typeof ProcessedUpdate,
        days: number,
      ) =>
        (
          await tx
            .createQueryBuilder()
            .delete()
            .from(entity)
            .where('created_at < :before', { before: before(days) })
            .execute()
        ).affected ?? 0;
      return {
        delivered: await notifications(['sent', 'skipped'], RETENTION_DAYS.deliveredNotifications),
        failed: await notifications(['failed'], RETENTION_DAYS.failedNotifications),
        attachments: await olderThan(OutboxAttachment, RETENTION_DAYS.attachments),
        updates: await olderThan(ProcessedUpdate, RETENTION_DAYS.processedUpdates),
      };
    });
    this.logger.log(`cleanup: ${JSON.stringify(deleted)}`);
  }
}
