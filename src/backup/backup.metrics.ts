import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { Metrics } from '../health/metrics';
import { newestBackupTime } from './backup-files';

/**
 * The age of the newest backup in BACKUP_DIR, by the time in its name, read at scrape time (one
 * directory listing). +Inf when there is none, so "no backup for 26 h" also fires on a folder
 * that never got one.
 */
@Injectable()
export class BackupMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onModuleInit(): void {
    const dir = this.config.get('BACKUP_DIR', { infer: true });
    const zone = this.config.get('TZ', { infer: true });
    const age = this.metrics.gauge({
      name: 'backup_newest_age_seconds',
      help: 'Seconds since the newest backup in BACKUP_DIR was taken; +Inf when there is none',
      collect: () => {
        const newest = newestBackupTime(dir, zone);
        age.set(newest ? Math.max(0, (Date.now() - newest.getTime()) / 1000) : Infinity);
      },
    });
  }
}
