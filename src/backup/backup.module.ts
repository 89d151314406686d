import { Module } from '@nestjs/common';
import { BackupMetrics } from './backup.metrics';
import { BackupService } from './backup.service';

/** Needs the app's TypeORM DataSource, the global ConfigModule and HealthModule (metrics). */
@Module({
  providers: [BackupService, BackupMetrics],
  exports: [BackupService],
})
export class BackupModule {}
