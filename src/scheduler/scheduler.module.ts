import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { UsersModule } from '../users/users.module';
import { Clock } from './clock';
import { JobRunner } from './job-runner';
import {
  ReminderContext,
  SlaWatchJob,
  UnacceptedReminderJob,
  UnassignedReminderJob,
  VisitReminderJob,
} from './reminder-jobs';
import { SchedulerRegistrar } from './scheduler.registrar';

export const REMINDER_JOBS = [
  UnassignedReminderJob,
  UnacceptedReminderJob,
  SlaWatchJob,
  VisitReminderJob,
];

/** The scheduler core (JobRunner, Clock) and the reminder jobs (docs/scheduler.md). */
@Module({
  imports: [ScheduleModule.forRoot(), UsersModule],
  providers: [Clock, JobRunner, ReminderContext, ...REMINDER_JOBS, SchedulerRegistrar],
  exports: [Clock, JobRunner, SchedulerRegistrar],
})
export class SchedulerModule {}
