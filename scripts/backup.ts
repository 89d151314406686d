// npm run backup — one backup of the configured database, without starting the bot.
// Safe while the bot runs (see docs/backups.md). Prints the file; exits 1 with the reason.
import '../src/config/load-dotenv';
import { backupCommand, runCommand } from '../src/backup/backup-cli';

runCommand('Backup', backupCommand);
