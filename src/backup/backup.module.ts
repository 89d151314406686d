import { Module } from '@nestjs/common';
import { BackupService } from './backup.service';

/** Needs the app's TypeORM DataSource and the global ConfigModule (AppConfigModule). */
@Module({
  providers: [BackupService],
  exports: [BackupService],
})
export class BackupModule {}
