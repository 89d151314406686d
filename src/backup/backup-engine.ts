import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { backupFileName, pruneBackups, timestamp } from './backup-files';

export interface BackupTarget {
  /** Set for PostgreSQL; otherwise `sqlitePath` is the database. */
  databaseUrl?: string;
  sqlitePath?: string;
}

export interface BackupOptions extends BackupTarget {
  dir: string;
  keepDays: number;
  zone: string;
  now?: () => Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  tookMs: number;
  /** Old backups deleted by retention after this one succeeded. */
  pruned: string[];
}

/** A failed backup or restore; the message says what went wrong and what to do. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * Takes a consistent online backup, checks it, stores it in `dir` and applies retention.
 *
 * SQLite: `VACUUM INTO` from a separate read-only connection. In WAL mode a reader sees one
 * committed snapshot and never blocks the service's writer, so the copy is consistent while the
 * bot writes. (The service's own connection is not used: its transactions span `await`s, so it
 * may be inside one — `VACUUM` refuses to run there and `db.backup()` would copy uncommitted
 * pages.) The copy must pass `PRAGMA integrity_check`, is gzipped, and the raw copy removed.
 *
 * PostgreSQL: `pg_dump --format=custom`, checked by `pg_restore --list`.
 */
export async function takeBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const now = (options.now ?? (() => new Date()))();
  mkdirSync(options.dir, { recursive: true });
  const file = options.databaseUrl
    ? await dumpPostgres(options.databaseUrl, options.dir, now, options.zone)
    : await copySqlite(sqlitePathOf(options), options.dir, now, options.zone);
  const pruned = pruneBackups(options.dir, options.keepDays, now, options.zone);
  return { file, bytes: statSync(file).size, tookMs: Date.now() - started, pruned };
}

function sqlitePathOf(target: BackupTarget): string {
  const path = target.sqlitePath;
  if (!path || path === ':memory:') {
    throw new BackupError('Backup needs a SQLite file (DATABASE_PATH), not an in-memory database.');
  }
  if (!existsSync(path)) throw new BackupError(`The database file ${path} does not exist.`);
  return path;
}

async function copySqlite(source: string, dir: string, now: Date, zone: string): Promise<string> {
  const file = join(dir, backupFileName(now, zone, 'db.gz'));
  const raw = `${file.slice(0, -'.gz'.length)}.partial`;
  const partial = `${file}.partial`;
  try {
    rmSync(raw, { force: true });
    const reader = new Database(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
    try {
      reader.prepare('VACUUM INTO ?').run(resolve(raw));
    } finally {
      reader.close();
    }
    checkSqliteIntegrity(raw, 'The backup copy');
    await pipeline(createReadStream(raw), createGzip({ level: 9 }), createWriteStream(partial));
    // Only a complete, checked archive ever carries the backup's name.
    renameSync(partial, file);
    return file;
  } catch (error) {
    rmSync(partial, { force: true });
    throw asBackupError(error, `SQLite backup of ${source} failed`);
  } finally {
    rmSync(raw, { force: true });
  }
}

/** Throws unless `PRAGMA integrity_check` on `path` answers "ok". */
export function checkSqliteIntegrity(path: string, what: string): void {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const answer = rows.map((row) => row.integrity_check).join('; ');
    if (answer !== 'ok') throw new BackupError(`${what} failed integrity_check: ${answer}`);
  } finally {
    db.close();
  }
}

async function dumpPostgres(url: string, dir: string, now: Date, zone: string): Promise<string> {
  const file = join(dir, backupFileName(now, zone, 'dump'));
  const partial = `${file}.partial`;
  const { dbname, env } = connectionOf(url);
  try {
    await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    await runTool('pg_restore', ['--list', partial], env);
    renameSync(partial, file);
    return file;
  } catch (error) {
    rmSync(partial, { force: true });
    throw asBackupError(error, 'PostgreSQL backup failed');
  }
}

export interface RestoreOptions extends BackupTarget {
  now?: () => Date;
  zone?: string;
}

export interface RestoreResult {
  /** The database that was replaced (SQLite), kept next to it; null when there was none. */
  previous: string | null;
}

/**
 * Restores `file` into the target database. Refuses while anything else holds the database:
 * the service must be stopped first.
 *
 * SQLite: the archive is gunzipped to a temp file that must pass `integrity_check`; the current
 * database is kept as `<db>.before-restore-<timestamp>`, the restored file moved into place and
 * stale `-wal`/`-shm` files removed.
 * PostgreSQL: `pg_restore --clean --if-exists` into the target database.
 */
export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`Backup file ${file} does not exist.`);
  if (options.databaseUrl) {
    await restorePostgres(file, options.databaseUrl);
    return { previous: null };
  }
  const target = options.sqlitePath;
  if (!target || target === ':memory:') {
    throw new BackupError('Restore needs a SQLite file (DATABASE_PATH).');
  }
  if (!file.endsWith('.db.gz')) {
    throw new BackupError(`${basename(file)} is not a SQLite backup (bot_database_….db.gz).`);
  }
  // Fail fast, before the work of unpacking; checked again right before the swap.
  if (existsSync(target)) assertSqliteNotHeld(target);
  const temp = join(dirname(resolve(target)), `.${basename(target)}.restoring-${process.pid}`);
  try {
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(temp));
    checkSqliteIntegrity(temp, `The backup ${basename(file)}`);
    if (existsSync(target)) assertSqliteNotHeld(target);
    let previous: string | null = null;
    if (existsSync(target)) {
      const stamp = timestamp((options.now ?? (() => new Date()))(), options.zone ?? 'UTC');
      previous = `${target}.before-restore-${stamp}`;
      renameSync(target, previous);
    }
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
    renameSync(temp, target);
    return { previous };
  } catch (error) {
    throw asBackupError(error, `Restore of ${basename(file)} failed`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Throws when another connection (the running service, in this or another process) has the
 * SQLite database open. The service keeps it in WAL mode, and leaving WAL mode needs the
 * database to itself: `PRAGMA journal_mode=DELETE` answers "database is locked" while any other
 * connection is open, even an idle one — unlike `BEGIN EXCLUSIVE`, which in WAL mode only waits
 * for a writer. A pid file would go stale after a crash; the lock dies with the process.
 */
export function assertSqliteNotHeld(path: string): void {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { fileMustExist: true, timeout: 300 });
    probe.pragma('journal_mode = DELETE');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/locked|busy/i.test(message)) {
      throw new BackupError(
        `The database ${path} is in use (is the bot running?). Stop the service, then restore.`,
      );
    }
    throw error;
  } finally {
    probe?.close();
  }
}

async function restorePostgres(file: string, url: string): Promise<void> {
  if (!file.endsWith('.dump')) {
    throw new BackupError(`${basename(file)} is not a PostgreSQL backup (bot_database_….dump).`);
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM pg_stat_activity ' +
        'WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    if (Number(rows[0].count) > 0) {
      throw new BackupError(
        `The database is in use by ${rows[0].count} other connection(s) (is the bot running?). ` +
          'Stop the service, then restore.',
      );
    }
  } finally {
    await client.end();
  }
  const { dbname, env } = connectionOf(url);
  try {
    await runTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--exit-on-error', `--dbname=${dbname}`, file],
      env,
    );
  } catch (error) {
    throw asBackupError(error, `Restore of ${basename(file)} failed`);
  }
}

/** The URL without its password (kept out of `ps`), and the password as PGPASSWORD. */
function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    execFile(tool, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return done();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return fail(
          new BackupError(
            `${tool} is needed for PostgreSQL backups but was not found on PATH: ` +
              'install the PostgreSQL client tools (e.g. apt-get install postgresql-client) ' +
              'of the server’s major version.',
          ),
        );
      }
      fail(new BackupError(`${tool} failed: ${String(stderr).trim() || error.message}`));
    });
  });
}

function asBackupError(error: unknown, context: string): BackupError {
  if (error instanceof BackupError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BackupError(`${context}: ${message}`);
}
