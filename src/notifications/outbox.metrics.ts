import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../health/metrics';
import { OutboxAdminService, OutboxStats } from './outbox-admin.service';

/**
 * The outbox in /metrics, read from the database at scrape time: what waits, how long the
 * oldest has waited, what failed for good. One query set per scrape, shared by the three gauges;
 * the same numbers as `components.outbox` of /health.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  private readonly logger = new Logger(OutboxMetrics.name);
  private pending: Promise<OutboxStats | null> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly admin: OutboxAdminService,
  ) {}

  onModuleInit(): void {
    const depth = this.metrics.gauge({
      name: 'outbox_depth',
      help: 'Outbox rows waiting or being sent',
      collect: async () => {
        const stats = await this.read();
        if (stats) depth.set(stats.depth);
      },
    });
    const oldest = this.metrics.gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'How long the oldest waiting outbox row has waited; 0 when none waits',
      collect: async () => {
        const stats = await this.read();
        if (stats) oldest.set(stats.oldestPendingAgeSeconds ?? 0);
      },
    });
    const failed = this.metrics.gauge({
      name: 'outbox_failed',
      help: 'Outbox rows failed for good and still kept (listed by /admin outbox)',
      collect: async () => {
        const stats = await this.read();
        if (stats) failed.set(stats.failed);
      },
    });
  }

  /** prom-client collects every gauge before awaiting any: the three share one read. */
  private read(): Promise<OutboxStats | null> {
    this.pending ??= this.admin
      .stats()
      .catch((error: Error) => {
        // The scrape still answers (process, Bot API, updates); the gauges keep their last value.
        this.logger.warn(`outbox metrics not read: ${error.message}`);
        return null;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }
}
