export { BackupModule } from './backup.module';
export { BackupService, backupTargetOf } from './backup.service';
export { BackupError, restoreBackup, takeBackup, assertSqliteNotHeld } from './backup-engine';
export { backupFileName, backupTimeOf, pruneBackups } from './backup-files';
