import { Injectable } from '@nestjs/common';
import { basename } from 'node:path';
import { BackupService } from '../backup/backup.service';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox, toEachChat } from '../notifications/outbox';
import { UsersService } from '../users/users.service';
import type { ScheduledJob } from './job-runner';

/** The nightly backup (FEATURES.md §9); admins are told of the success or the failure. */
@Injectable()
export class BackupJob implements ScheduledJob {
  readonly name = 'backup';

  constructor(
    private readonly backups: BackupService,
    private readonly db: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  async run(now: Date): Promise<void> {
    let backup: Awaited<ReturnType<BackupService['backup']>>;
    try {
      backup = await this.backups.backup();
    } catch (error) {
      await this.tellAdmins(now, 'backup.failed', { reason: (error as Error).message });
      // Also recorded as the job's failure, for /admin jobs.
      throw error;
    }
    const { file, bytes, tookMs } = backup;
    await this.tellAdmins(now, 'backup.done', { file: basename(file), bytes, tookMs });
  }

  private async tellAdmins(now: Date, kind: string, payload: Record<string, unknown>) {
    await this.db.run(async (tx) => {
      const chats = await this.users.chatIdsWithRole(tx, ['ADMIN']);
      const key = `${this.name}:${now.toISOString()}`;
      await this.outbox.enqueue(tx, toEachChat(chats, { kind, payload, key }));
    });
  }
}
