import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox, toEachChat } from '../notifications/outbox';
import type { OutboxEvent } from '../notifications/outbox-events';
import { UsersService } from '../users/users.service';

/** What the scheduler tells admins about its jobs. */
export type AdminAlert = Extract<
  OutboxEvent,
  { kind: 'backup.done' | 'backup.failed' | 'report.failed' }
>;

/** Tells every admin how a scheduled job went, through the outbox (docs/product.md §8, §9). */
@Injectable()
export class AdminAlerts {
  private readonly logger = new Logger(AdminAlerts.name);

  constructor(
    private readonly db: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  /** `key` names the event (job and tick), so a retried notice is queued once. */
  async tell(key: string, alert: AdminAlert): Promise<void> {
    await this.db.run(async (tx) => {
      const chats = await this.users.chatIdsWithRole(tx, ['ADMIN']);
      await this.outbox.enqueue(tx, toEachChat(chats, { ...alert, key }));
    });
  }

  /**
   * Runs a job's `work`; if it throws, the admins get `report.failed` naming the job and the
   * reason — the report jobs once crashed silently (docs/product.md §12) — and the error is
   * rethrown, so the run is recorded as failed for `/admin jobs` too.
   */
  async tellIfReportFails(job: string, now: Date, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The job's own error is what matters; a notice that cannot be queued only adds a log line.
      await this.tell(`${job}:${now.toISOString()}:failed`, {
        kind: 'report.failed',
        payload: { job, reason },
      }).catch((notice: unknown) =>
        this.logger.error(`could not tell the admins ${job} failed: ${notice}`),
      );
      throw error;
    }
  }
}
