import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

/** `bot_database_YYYY-MM-DD_HH-MM-SS` + `.db.gz` (SQLite) or `.dump` (PostgreSQL custom format). */
export const BACKUP_PREFIX = 'bot_database_';
const STAMP = 'yyyy-MM-dd_HH-mm-ss';
const NAME = /^bot_database_(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2})\.(db\.gz|dump)$/;

export type BackupExtension = 'db.gz' | 'dump';

/** The wall-clock time in the business time zone, as used in backup file names. */
export function timestamp(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toFormat(STAMP);
}

export function backupFileName(now: Date, zone: string, extension: BackupExtension): string {
  return `${BACKUP_PREFIX}${timestamp(now, zone)}.${extension}`;
}

/** When a backup was taken, read from its name; null for any other file. */
export function backupTimeOf(name: string, zone: string): Date | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const time = DateTime.fromFormat(match[1], STAMP, { zone });
  return time.isValid ? time.toJSDate() : null;
}

/**
 * Deletes the backups in `dir` taken more than `keepDays` days before `now` (by the time in
 * their names). Files not named like a backup are never touched. Returns the deleted names.
 */
export function pruneBackups(dir: string, keepDays: number, now: Date, zone: string): string[] {
  const cutoff = DateTime.fromJSDate(now, { zone }).minus({ days: keepDays }).toMillis();
  const deleted: string[] = [];
  for (const name of readdirSync(dir)) {
    const taken = backupTimeOf(name, zone);
    if (taken && taken.getTime() < cutoff) {
      unlinkSync(join(dir, name));
      deleted.push(name);
    }
  }
  return deleted.sort();
}

/** When the newest backup in `dir` was taken; null when there is none (or no such folder). */
export function newestBackupTime(dir: string, zone: string): Date | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  let newest: Date | null = null;
  for (const name of names) {
    const taken = backupTimeOf(name, zone);
    if (taken && (!newest || taken > newest)) newest = taken;
  }
  return newest;
}
