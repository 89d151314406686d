import { Injectable } from '@nestjs/common';
import { basename } from 'node:path';
import { BackupService } from '../backup/backup.service';
import { AdminAlerts } from './admin-alerts';
import type { ScheduledJob } from './job-runner';

/** The nightly backup (docs/product.md §9); admins are told of the success or the failure. */
@Injectable()
export class BackupJob implements ScheduledJob {
  readonly name = 'backup';

  constructor(
    private readonly backups: BackupService,
    private readonly alerts: AdminAlerts,
  ) {}

  async run(now: Date): Promise<void> {
    const key = `${this.name}:${now.toISOString()}`;
    let backup: Awaited<ReturnType<BackupService['backup']>>;
    try {
      backup = await this.backups.backup();
    } catch (error) {
      await this.alerts.tell(key, {
        kind: 'backup.failed',
        payload: { reason: (error as Error).message },
      });
      // Also recorded as the job's failure, for /admin jobs.
      throw error;
    }
    const { file, bytes, tookMs } = backup;
    await this.alerts.tell(key, {
      kind: 'backup.done',
      payload: { file: basename(file), bytes, tookMs },
    });
  }
}
