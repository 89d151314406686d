import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { BackupTarget, takeBackup } from './backup-engine';

/** Backups of the service's own database (docs/product.md §9); see docs/backups.md. */
@Injectable()
export class BackupService {
  private readonly logger = new Logger(BackupService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * A consistent online backup, safe while the bot writes, followed by retention.
   * Throws a `BackupError` with a readable message on failure (the caller tells the admins).
   */
  async backup(): Promise<{ file: string; bytes: number; tookMs: number }> {
    const result = await takeBackup({
      ...backupTargetOf(this.dataSource),
      dir: this.config.get('BACKUP_DIR', { infer: true }),
      keepDays: this.config.get('BACKUP_KEEP_DAYS', { infer: true }),
      zone: this.config.get('TZ', { infer: true }),
    });
    this.logger.log(
      `Backup ${result.file}: ${result.bytes} bytes in ${result.tookMs} ms` +
        (result.pruned.length ? `; deleted old: ${result.pruned.join(', ')}` : ''),
    );
    return { file: result.file, bytes: result.bytes, tookMs: result.tookMs };
  }
}

/** Which database a DataSource is connected to, as backup/restore need it. */
export function backupTargetOf(dataSource: DataSource): BackupTarget {
  const options = dataSource.options;
  if (options.type === 'postgres') {
    if (!options.url) throw new Error('The PostgreSQL DataSource has no url to back up.');
    return { databaseUrl: options.url };
  }
  if (options.type === 'better-sqlite3') return { sqlitePath: options.database };
  throw new Error(`Backups do not support the ${options.type} driver.`);
}
