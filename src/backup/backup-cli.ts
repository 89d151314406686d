// The bodies of `npm run backup` and `npm run backup:restore -- <file>`. They live in src so
// they are built into dist: in the production image (no ts-node) run
//   node dist/src/backup/backup-cli.js backup
//   node dist/src/backup/backup-cli.js restore <file>
// `.env` must be loaded before this module is imported (the scripts import load-dotenv first).
import { parseEnvironment } from '../config/environment';
import { restoreBackup, takeBackup } from './backup-engine';

/** The environment as the service validates it; the Telegram token is not needed here. */
function environment() {
  const { env, problems } = parseEnvironment({
    ...process.env,
    BOT_TOKEN: '0:not-needed-for-backups-xxxxxxxx',
  });
  if (!env) throw new Error(problems.join('\n'));
  return env;
}

/** Runs one backup of the configured database; prints the file. Safe while the bot runs. */
export async function backupCommand(): Promise<void> {
  const env = environment();
  const result = await takeBackup({
    databaseUrl: env.DATABASE_URL,
    sqlitePath: env.DATABASE_PATH,
    dir: env.BACKUP_DIR,
    keepDays: env.BACKUP_KEEP_DAYS,
    zone: env.TZ,
  });
  process.stdout.write(`${result.file}\n`);
  console.error(`${result.bytes} bytes in ${result.tookMs} ms`);
  for (const name of result.pruned) console.error(`deleted old backup ${name}`);
}

/** Restores `file` into the configured database; refuses while the database is in use. */
export async function restoreCommand(file: string | undefined): Promise<void> {
  if (!file) throw new Error('Usage: npm run backup:restore -- <backup file>');
  const env = environment();
  const { previous } = await restoreBackup(file, {
    databaseUrl: env.DATABASE_URL,
    sqlitePath: env.DATABASE_PATH,
    zone: env.TZ,
  });
  const into = env.DATABASE_URL ? 'the PostgreSQL database' : env.DATABASE_PATH;
  process.stdout.write(`Restored ${file} into ${into}\n`);
  if (previous) process.stdout.write(`The replaced database is kept as ${previous}\n`);
}

/** Runs a command, turning a failure into its reason on stderr and exit code 1. */
export function runCommand(what: string, command: () => Promise<void>): void {
  command().catch((error: unknown) => {
    console.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../config/load-dotenv');
  const [command, file] = process.argv.slice(2);
  if (command === 'backup') runCommand('Backup', backupCommand);
  else if (command === 'restore') runCommand('Restore', () => restoreCommand(file));
  else {
    console.error('Usage: backup-cli.js backup | restore <file>');
    process.exit(1);
  }
}
