/**
 * Counts of what the gateway did, in this process: calls by method and result, retries, time
 * spent waiting for a send slot, replies handed to the outbox. Shown by `/health`; the
 * Prometheus metrics of the observability work read the same numbers.
 */
export class BotApiStats {
  private readonly calls = new Map<string, number>();
  private retries = 0;
  private retryWaitMs = 0;
  private slotWaitMs = 0;
  private readonly deferrals = new Map<string, number>();

  called(method: string, result: string): void {
    increment(this.calls, `${method} ${result}`);
  }

  retried(pauseMs: number): void {
    this.retries++;
    this.retryWaitMs += pauseMs;
  }

  waited(ms: number): void {
    this.slotWaitMs += ms;
  }

  deferred(method: string): void {
    increment(this.deferrals, method);
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
