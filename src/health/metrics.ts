import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  GaugeConfiguration,
  Histogram,
  Registry,
} from 'prom-client';

/** Seconds: a reply is quick, a report or a backup is not. */
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/**
 * The Prometheus families of this process (docs/operations.md), on a registry of its own so a
 * second app in one process (specs, a restart) starts from zero. Labels are closed sets —
 * update types, Bot API methods, job names, outcomes — never a chat or a user.
 *
 * Code that sees an event counts it here; state that lives elsewhere (the outbox, the backups,
 * the transport) is read at scrape time through `gauge(…, collect)`, registered by its module.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly updates = new Counter({
    name: 'bot_updates_total',
    help: 'Telegram updates received, by type and outcome (ok, error, ignored)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly updateDuration = new Histogram({
    name: 'bot_update_duration_seconds',
    help: 'Time from an update entering the middleware chain to its handler finishing',
    labelNames: ['type'] as const,
    buckets: FAST_BUCKETS,
    registers: [this.registry],
  });

  readonly botApiCalls = new Counter({
    name: 'bot_api_calls_total',
    help: 'Bot API calls by method and result (ok, flood, transient, unreachable, rejected…)',
    labelNames: ['method', 'result'] as const,
    registers: [this.registry],
  });
  readonly botApiRetryWait = new Histogram({
    name: 'bot_api_retry_wait_seconds',
    help: 'Pauses before retrying a Bot API call (retry_after or backoff); _count is the retries',
    labelNames: ['method'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    registers: [this.registry],
  });
  readonly botApiSlotWait = new Histogram({
    name: 'bot_api_slot_wait_seconds',
    help: 'Time a send waited for a slot of the chat and global budget',
    labelNames: ['priority'] as const,
    buckets: FAST_BUCKETS,
    registers: [this.registry],
  });
  readonly botApiDeferrals = new Counter({
    name: 'bot_api_deferrals_total',
    help: 'Interactive calls still failing after the bound, handed to the outbox',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  readonly outboxSettled = new Counter({
    name: 'outbox_settled_total',
    help: 'Outbox rows settled by this process, by resulting state (sent, failed, skipped, pending = retry later)',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'scheduler_job_runs_total',
    help: 'Scheduler ticks by job and outcome (ok, failed, skipped = another replica or a run in progress had it)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'scheduler_job_duration_seconds',
    help: 'Duration of the jobs this process ran, by job and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  readonly queryDuration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Database query time as TypeORM measures it, by statement kind and success',
    labelNames: ['operation', 'success'] as const,
    buckets: QUERY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge read at scrape time, for state owned by a module (the outbox, the backups…). */
  gauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
