import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { JobRunner, ScheduledJob } from './job-runner';
import {
  SlaWatchJob,
  UnacceptedReminderJob,
  UnassignedReminderJob,
  VisitReminderJob,
} from './reminder-jobs';

const MINUTE = 60_000;

/**
 * Registers the jobs with `@nestjs/schedule`: every-N-minutes jobs as intervals, cron jobs
 * (reports, backup — added by their modules through `addCron`) in the business time zone.
 */
@Injectable()
export class SchedulerRegistrar implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerRegistrar.name);
  private readonly intervals: string[] = [];
  private readonly crons: string[] = [];

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    private readonly unassigned: UnassignedReminderJob,
    private readonly unaccepted: UnacceptedReminderJob,
    private readonly sla: SlaWatchJob,
    private readonly visit: VisitReminderJob,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.SCHEDULER_DISABLED === 'true') {
      this.logger.log('scheduler disabled (SCHEDULER_DISABLED=true)');
      return;
    }
    const { checkEveryMinutes, slaCheckEveryMinutes } = this.business.reminders;
    this.addInterval(this.unassigned, checkEveryMinutes);
    this.addInterval(this.unaccepted, checkEveryMinutes);
    this.addInterval(this.visit, checkEveryMinutes);
    this.addInterval(this.sla, slaCheckEveryMinutes);
  }

  /** Runs `job` every `minutes`; a replica holds the tick for 90 % of the period. */
  addInterval(job: ScheduledJob, minutes: number): void {
    const periodMs = minutes * MINUTE;
    const handle = setInterval(() => void this.runner.tick(job, periodMs * 0.9), periodMs);
    this.registry.addInterval(job.name, handle);
    this.intervals.push(job.name);
  }

  /** Runs `job` on a cron string in the business time zone (TZ); a tick is held for 50 s. */
  addCron(job: ScheduledJob, cron: string): void {
    const cronJob = CronJob.from({
      cronTime: cron,
      timeZone: this.config.get('TZ', { infer: true }),
      onTick: () => void this.runner.tick(job, 50_000),
      start: false,
    });
    this.registry.addCronJob(job.name, cronJob);
    this.crons.push(job.name);
    cronJob.start();
  }

  /** Stops the timers first; JobRunner then waits for a job still running. */
  onApplicationShutdown(): void {
    for (const name of this.intervals.splice(0))
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    for (const name of this.crons.splice(0))
      if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
  }
}
