import { Injectable } from '@nestjs/common';
import { BusinessConfig } from '../config/business-config';
import { BackupJob } from './backup-job';
import { CleanupJob } from './cleanup-job';
import { IntakeExpiryJob } from './intake-expiry-job';
import type { ScheduledJob } from './job-runner';
import {
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
  WeeklyReportJob,
} from './report-jobs';

/** Every job class, for the module's providers. */
export const SCHEDULED_JOBS = [
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
  IntakeExpiryJob,
];

/** When a job runs: every N minutes, or on a cron string in the business time zone. */
export type JobTiming = { everyMinutes: number } | { cron: string };

export interface PlannedJob {
  job: ScheduledJob;
  timing: JobTiming;
}

/** Every job of docs/product.md §8 and when it runs, from the business configuration. */
@Injectable()
export class JobSchedule {
  readonly planned: readonly PlannedJob[];

  constructor(
    business: BusinessConfig,
    unassigned: UnassignedReminderJob,
    unaccepted: UnacceptedReminderJob,
    sla: SlaWatchJob,
    visit: VisitReminderJob,
    evening: EveningSummaryJob,
    daily: DailyReportJob,
    weekly: WeeklyReportJob,
    monthly: MonthlyReportJob,
    archive: MastersArchiveJob,
    backup: BackupJob,
    cleanup: CleanupJob,
    intakeExpiry: IntakeExpiryJob,
  ) {
    const { checkEveryMinutes, slaCheckEveryMinutes } = business.reminders;
    const { schedule } = business;
    this.planned = [
      { job: unassigned, timing: { everyMinutes: checkEveryMinutes } },
      { job: unaccepted, timing: { everyMinutes: checkEveryMinutes } },
      { job: visit, timing: { everyMinutes: checkEveryMinutes } },
      { job: sla, timing: { everyMinutes: slaCheckEveryMinutes } },
      { job: evening, timing: { cron: schedule.eveningSummary } },
      { job: daily, timing: { cron: schedule.dailyReport } },
      { job: weekly, timing: { cron: schedule.weeklyReport } },
      { job: monthly, timing: { cron: schedule.monthlyReport } },
      { job: archive, timing: { cron: schedule.mastersMonthlyArchive } },
      { job: backup, timing: { cron: schedule.backup } },
      { job: cleanup, timing: { cron: schedule.cleanup } },
      { job: intakeExpiry, timing: { everyMinutes: checkEveryMinutes } },
    ];
  }
}
