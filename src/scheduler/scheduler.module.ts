import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { BackupModule } from '../backup/backup.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { BackupJob } from './backup-job';
import { CleanupJob } from './cleanup-job';
import { Clock } from './clock';
import { JobRunner } from './job-runner';
import { JobSchedule } from './job-schedule';
import {
  ReminderContext,
  SlaWatchJob,
  UnacceptedReminderJob,
  UnassignedReminderJob,
  VisitReminderJob,
} from './reminder-jobs';
import {
  DailyReportJob,
  EveningSummaryJob,
  MastersArchiveJob,
  MonthlyReportJob,
  ReportDispatch,
  WeeklyReportJob,
} from './report-jobs';
import { SchedulerStatus } from './scheduler-status';
import { SchedulerRegistrar } from './scheduler.registrar';

const JOBS = [
  UnassignedReminderJob,
  UnacceptedReminderJob,
  SlaWatchJob,
  VisitReminderJob,
  EveningSummaryJob,
  DailyReportJob,
  WeeklyReportJob,
  MonthlyReportJob,
  MastersArchiveJob,
  BackupJob,
  CleanupJob,
];

/**
 * The scheduled work of FEATURES.md §8 (docs/scheduler.md): the core (Clock, JobRunner,
 * registrar), the reminder, report, backup and cleanup jobs, and `SchedulerStatus` for
 * `/admin jobs`. Needs the database, the global config and `OutboxModule`.
 */
@Module({
  imports: [ScheduleModule.forRoot(), UsersModule, ReportsModule, BackupModule],
  providers: [
    Clock,
    JobRunner,
    ReminderContext,
    ReportDispatch,
    ...JOBS,
    JobSchedule,
    SchedulerRegistrar,
    SchedulerStatus,
  ],
  exports: [Clock, JobRunner, SchedulerStatus],
})
export class SchedulerModule {}
