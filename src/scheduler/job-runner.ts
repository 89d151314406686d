import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Metrics } from '../health/metrics';
import { JobRun } from './job-run.entity';

/** A scheduled job: one small class with `run(now)`. */
export interface ScheduledJob {
  readonly name: string;
  run(now: Date): Promise<void>;
}

export type TickResult = 'ran' | 'failed' | 'skipped';

const SHUTDOWN_WAIT_MS = 5000;

/**
 * Runs a named job once per tick across replicas. Each job has a row in `job_runs`; a replica
 * takes the tick with a conditional UPDATE (the lease is free, expired, or already its own) and
 * keeps the lease for `holdMs` — about one period — so a replica whose tick fires a moment later
 * finds it taken. A failure is caught, recorded and logged; it never stops other jobs.
 *
 * The lease and the outcome are written through `TransactionRunner`, like every write: on
 * SQLite's one connection a write made beside it while a use case's transaction is open would
 * join that transaction and vanish with its rollback.
 */
@Injectable()
export class JobRunner implements BeforeApplicationShutdown {
  readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly logger = new Logger(JobRunner.name);
  private readonly running = new Map<string, Promise<TickResult>>();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** Runs `job` if this replica gets the tick; `holdMs` is how long the tick stays taken. */
  tick(job: ScheduledJob, holdMs: number): Promise<TickResult> {
    if (this.stopping || this.running.has(job.name)) return Promise.resolve(this.skipped(job));
    const run = this.runGuarded(job, holdMs).finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  /** Every job's last run, for `/admin jobs`. */
  lastRuns(): Promise<JobRun[]> {
    return this.dataSource.getRepository(JobRun).find({ order: { name: 'ASC' } });
  }

  /** Before any module's shutdown, so the database is still open while a job ends. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const pending = [...this.running.values()];
    if (!pending.length) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
    });
    await Promise.race([Promise.allSettled(pending), timeout]);
    clearTimeout(timer);
  }

  private async runGuarded(job: ScheduledJob, holdMs: number): Promise<TickResult> {
    let startedAt: Date;
    try {
      startedAt = this.clock.now();
      if (!(await this.acquire(job.name, startedAt, holdMs))) return this.skipped(job);
    } catch (error) {
      this.logger.error(`job ${job.name}: could not take the lease: ${messageOf(error)}`);
      return this.skipped(job);
    }
    const began = Date.now();
    let error: unknown = null;
    try {
      await job.run(startedAt);
    } catch (caught) {
      error = caught ?? new Error('unknown failure');
    }
    const durationMs = Date.now() - began;
    const outcome = error ? 'failed' : 'ok';
    this.metrics.jobRuns.inc({ job: job.name, outcome });
    this.metrics.jobDuration.observe({ job: job.name, outcome }, durationMs / 1000);
    if (error) this.logger.error(`job ${job.name} failed: ${messageOf(error)}`);
    try {
      await this.db.run((tx) =>
        tx
          .createQueryBuilder()
          .update(JobRun)
          .set({
            lastFinishedAt: this.clock.now(),
            lastOutcome: outcome,
            lastError: error ? messageOf(error).slice(0, 2000) : null,
            lastDurationMs: durationMs,
          })
          .where('name = :name AND lease_owner = :owner', { name: job.name, owner: this.owner })
          .execute(),
      );
    } catch (caught) {
      this.logger.error(`job ${job.name}: could not record the outcome: ${messageOf(caught)}`);
    }
    return error ? 'failed' : 'ran';
  }

  /** Another replica has this tick, or this replica is still running the previous one. */
  private skipped(job: ScheduledJob): TickResult {
    this.metrics.jobRuns.inc({ job: job.name, outcome: 'skipped' });
    return 'skipped';
  }

  private acquire(name: string, now: Date, holdMs: number): Promise<boolean> {
    return this.db.run((tx) => this.takeLease(tx, name, now, holdMs));
  }

  private async takeLease(
    tx: EntityManager,
    name: string,
    now: Date,
    holdMs: number,
  ): Promise<boolean> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(JobRun)
      .values({ name, leaseOwner: null, leaseUntil: null })
      .orIgnore()
      .execute();
    const taken = await tx
      .createQueryBuilder()
      .update(JobRun)
      .set({
        leaseOwner: this.owner,
        leaseUntil: new Date(now.getTime() + holdMs),
        lastStartedAt: now,
        lastFinishedAt: null,
        lastOutcome: 'running',
        lastError: null,
        lastDurationMs: null,
      })
      .where('name = :name', { name })
      .andWhere('(lease_until IS NULL OR lease_until <= :now OR lease_owner = :owner)', {
        now,
        owner: this.owner,
      })
      .execute();
    return (taken.affected ?? 0) > 0;
  }
}

const messageOf = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);
