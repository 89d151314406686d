import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../health/metrics';
import { JobRunner } from './job-runner';

/**
 * Each job's last outcome from `job_runs`, read at scrape time: the same answer on every
 * replica, whichever one ran the job. An alert on it fires from the failed run until the next
 * successful one, where the run counters of one process may never see the failure.
 */
@Injectable()
export class SchedulerMetrics implements OnModuleInit {
  private readonly logger = new Logger(SchedulerMetrics.name);

  constructor(
    private readonly metrics: Metrics,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    const lastFailed = this.metrics.gauge({
      name: 'scheduler_job_last_run_failed',
      help: "1 when the job's last finished run failed, 0 when it succeeded (job_runs, all replicas)",
      labelNames: ['job'] as const,
      collect: async () => {
        try {
          for (const run of await this.runner.lastRuns()) {
            if (run.lastOutcome === 'ok' || run.lastOutcome === 'failed') {
              lastFailed.set({ job: run.name }, run.lastOutcome === 'failed' ? 1 : 0);
            }
          }
        } catch (error) {
          this.logger.warn(`job metrics not read: ${(error as Error).message}`);
        }
      },
    });
  }
}
