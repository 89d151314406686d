import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { Environment } from '../config/environment';
import { JobRunner, ScheduledJob } from './job-runner';
import { JobSchedule } from './job-schedule';

const MINUTE = 60_000;
/** A cron tick stays taken this long, so a replica whose timer fires a moment later skips it. */
const CRON_HOLD_MS = 50_000;

/**
 * Registers the planned jobs with `@nestjs/schedule` on bootstrap: every-N-minutes jobs as
 * intervals, cron jobs in the business time zone (TZ). Each timer only asks the JobRunner to
 * run its job; the runner decides which replica does.
 */
@Injectable()
export class SchedulerRegistrar implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchedulerRegistrar.name);
  private readonly intervals: string[] = [];
  private readonly crons: string[] = [];

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: JobRunner,
    private readonly schedule: JobSchedule,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  get enabled(): boolean {
    return !this.config.get('SCHEDULER_DISABLED', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.log('scheduler disabled on this replica (SCHEDULER_DISABLED=true)');
      return;
    }
    for (const { job, timing } of this.schedule.planned) {
      if ('cron' in timing) this.addCron(job, timing.cron);
      else this.addInterval(job, timing.everyMinutes);
    }
  }

  /** When a cron job runs next on this replica; null for an interval job or when disabled. */
  nextRun(name: string): Date | null {
    if (!this.registry.doesExist('cron', name)) return null;
    return this.registry.getCronJob(name).nextDate().toJSDate();
  }

  /** Runs `job` every `minutes`; a replica holds the tick for 90 % of the period. */
  private addInterval(job: ScheduledJob, minutes: number): void {
    const periodMs = minutes * MINUTE;
    const handle = setInterval(() => void this.runner.tick(job, periodMs * 0.9), periodMs);
    this.registry.addInterval(job.name, handle);
    this.intervals.push(job.name);
  }

  private addCron(job: ScheduledJob, cron: string): void {
    const cronJob = CronJob.from({
      cronTime: cron,
      timeZone: this.config.get('TZ', { infer: true }),
      onTick: () => void this.runner.tick(job, CRON_HOLD_MS),
      start: false,
    });
    this.registry.addCronJob(job.name, cronJob);
    this.crons.push(job.name);
    cronJob.start();
  }

  /** Stops the timers; JobRunner refuses new ticks and waits for a job still running. */
  beforeApplicationShutdown(): void {
    for (const name of this.intervals.splice(0))
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    for (const name of this.crons.splice(0))
      if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
  }
}
