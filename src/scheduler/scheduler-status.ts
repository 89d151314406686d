import { Injectable } from '@nestjs/common';
import type { JobRun } from './job-run.entity';
import { JobRunner } from './job-runner';
import { JobSchedule, JobTiming } from './job-schedule';
import { SchedulerRegistrar } from './scheduler.registrar';

export interface JobStatus {
  name: string;
  timing: JobTiming;
  /** The next cron tick on this replica (null for interval jobs or a disabled scheduler). */
  nextRunAt: Date | null;
  /** The last run on any replica; undefined when the job never ran. */
  lastRun?: JobRun;
}

/** What `/admin jobs` shows: every planned job with its timing, next and last run. */
@Injectable()
export class SchedulerStatus {
  constructor(
    private readonly schedule: JobSchedule,
    private readonly runner: JobRunner,
    private readonly registrar: SchedulerRegistrar,
  ) {}

  get enabledHere(): boolean {
    return this.registrar.enabled;
  }

  async jobs(): Promise<JobStatus[]> {
    const runs = new Map((await this.runner.lastRuns()).map((run) => [run.name, run]));
    return this.schedule.planned.map(({ job, timing }) => ({
      name: job.name,
      timing,
      nextRunAt: this.registrar.nextRun(job.name),
      lastRun: runs.get(job.name),
    }));
  }
}
