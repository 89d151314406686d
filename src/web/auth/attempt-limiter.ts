/**
 * Failed sign-in attempts per client address: after `limit` failures within `windowMs` the
 * address is refused until the oldest falls out of the window. Successful sign-ins do not
 * count, so an office behind one address is not locked out by its own people. Kept in memory:
 * each replica counts its own, which still bounds guessing (a link's secret has 256 random
 * bits; this is against hammering, not the security boundary).
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.limit;
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.forgetOld(now);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }

  private forgetOld(now: number): void {
    for (const key of this.failures.keys()) {
      if (!this.recent(key, now).length) this.failures.delete(key);
    }
  }
}
