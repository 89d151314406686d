import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { BackupModule } from '../backup/backup.module';
import { OrderRepositoryModule } from '../orders/order-repository.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { AdminAlerts } from './admin-alerts';
import { JobRunner } from './job-runner';
import { IntakeModule } from '../intake/intake.module';
import { JobSchedule, SCHEDULED_JOBS } from './job-schedule';
import { ReminderContext } from './reminder-jobs';
import { ReportDispatch } from './report-jobs';
import { SchedulerStatus } from './scheduler-status';
import { SchedulerMetrics } from './scheduler.metrics';
import { SchedulerRegistrar } from './scheduler.registrar';

/**
 * The scheduled work of docs/product.md §8 (docs/scheduler.md): the core (JobRunner,
 * registrar), the reminder, report, backup and cleanup jobs, and `SchedulerStatus` for
 * `/admin jobs`. Needs the database, the global config and `OutboxModule`.
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    UsersModule,
    OrderRepositoryModule,
    ReportsModule,
    BackupModule,
    IntakeModule,
  ],
  providers: [
    JobRunner,
    AdminAlerts,
    ReminderContext,
    ReportDispatch,
    ...SCHEDULED_JOBS,
    JobSchedule,
    SchedulerRegistrar,
    SchedulerStatus,
    SchedulerMetrics,
  ],
  exports: [JobRunner, SchedulerStatus],
})
export class SchedulerModule {}
