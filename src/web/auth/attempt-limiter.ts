/**
 * Sign-in link attempts per client address: `limit` in any `windowMs`. Kept in memory: each
 * replica counts its own, which still bounds guessing (a link's secret has 256 random bits;
 * the limit is against hammering, not a security boundary).
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; false when the address has used up its attempts. */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.forgetOld(now);
    return true;
  }

  private forgetOld(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((at) => now - at >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
