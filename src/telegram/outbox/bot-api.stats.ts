import type { Metrics } from '../../health/metrics';
import type { Priority } from '../../notifications/call-budget';

/**
 * Counts of what the gateway did, in this process: calls by method and result, retries, time
 * spent waiting for a send slot, replies handed to the outbox. Shown by `/health` as totals,
 * and counted into the Prometheus families of `Metrics` (docs/operations.md) as they happen.
 */
export class BotApiStats {
  private readonly calls = new Map<string, number>();
  private retries = 0;
  private retryWaitMs = 0;
  private slotWaitMs = 0;
  private readonly deferrals = new Map<string, number>();

  constructor(private readonly metrics?: Metrics) {}

  called(method: string, result: string): void {
    increment(this.calls, `${method} ${result}`);
    this.metrics?.botApiCalls.inc({ method, result });
  }

  retried(method: string, pauseMs: number): void {
    this.retries++;
    this.retryWaitMs += pauseMs;
    this.metrics?.botApiRetryWait.observe({ method }, pauseMs / 1000);
  }

  waited(priority: Priority, ms: number): void {
    this.slotWaitMs += ms;
    this.metrics?.botApiSlotWait.observe({ priority }, ms / 1000);
  }

  deferred(method: string): void {
    increment(this.deferrals, method);
    this.metrics?.botApiDeferrals.inc({ method });
  }

  snapshot() {
    return {
      calls: Object.fromEntries(this.calls),
      retries: this.retries,
      retryWaitMs: this.retryWaitMs,
      slotWaitMs: Math.round(this.slotWaitMs),
      deferred: Object.fromEntries(this.deferrals),
    };
  }
}

const increment = (counts: Map<string, number>, key: string) =>
  counts.set(key, (counts.get(key) ?? 0) + 1);
