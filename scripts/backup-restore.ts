// npm run backup:restore -- <file> — restores a backup into the configured database.
// Refuses while the bot (or anything else) holds that database; see docs/backups.md.
import '../src/config/load-dotenv';
import { restoreCommand, runCommand } from '../src/backup/backup-cli';

runCommand('Restore', () => restoreCommand(process.argv[2]));
