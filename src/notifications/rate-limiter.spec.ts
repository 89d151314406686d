import { Clock, RateLimiter, TokenBucket } from './rate-limiter';

/** A clock that only moves when the spec says so; sleepers wake in time order. */
class FakeClock implements Clock {
  private time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];

  now() {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = { at: this.time + ms, wake: resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      });
    });
  }

  /** Lets every pending promise settle, waking sleepers in order until nobody waits. */
  async runAll(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.sleepers.length) return;
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
  }
}

const LIMITS = { globalPerSecond: 30, privatePerSecond: 1, groupPerMinute: 20 };

/** Acquires for each chat in turn (all at once), returning the moment each was let through. */
async function sendTimes(limiter: RateLimiter, clock: FakeClock, chatIds: number[]) {
  const times: number[] = new Array(chatIds.length);
  const done = chatIds.map((chatId, i) =>
    limiter.acquire(chatId).then(() => (times[i] = clock.now())),
  );
  await clock.runAll();
  await Promise.all(done);
  return times;
}

/** The most sends inside any window of `windowMs` (half-open, as a sliding window). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('TokenBucket', () => {
  it('starts full, then hands out tokens one interval apart', () => {
    const bucket = new TokenBucket(3, 1 / 100, 0);
    expect([0, 0, 0, 0, 0].map(() => bucket.reserve(0))).toEqual([0, 0, 0, 100, 200]);
  });

  it('refills while nobody asks, but never above its capacity', () => {
    const bucket = new TokenBucket(2, 1 / 100, 0);
    bucket.reserve(0);
    bucket.reserve(0);
    expect(bucket.readyAt(50)).toBe(100);
    expect([bucket.reserve(1_000), bucket.reserve(1_000), bucket.reserve(1_000)]).toEqual([
      1_000, 1_000, 1_100,
    ]);
  });

  it('tells when a token is ready without taking it', () => {
    const bucket = new TokenBucket(1, 1 / 100, 0);
    bucket.reserve(0);
    expect(bucket.readyAt(10)).toBe(100);
    expect(bucket.readyAt(10)).toBe(100);
    expect(bucket.reserve(10)).toBe(100);
  });

  it('is idle only when full and nothing is reserved ahead', () => {
    const bucket = new TokenBucket(1, 1 / 100, 0);
    bucket.reserve(0);
    bucket.reserve(0);
    expect(bucket.isIdle(150)).toBe(false);
    expect(bucket.isIdle(200)).toBe(true);
  });
});

describe('RateLimiter', () => {
  it('keeps one private chat to one message per second, with a safety margin', async () => {
    const clock = new FakeClock();
    const times = await sendTimes(new RateLimiter(LIMITS, clock), clock, [7, 7, 7, 7]);
    expect(times.map(Math.round)).toEqual([0, 1050, 2100, 3150]);
  });

  it('keeps one group to 20 messages per minute in any window', async () => {
    const clock = new FakeClock();
    const times = await sendTimes(new RateLimiter(LIMITS, clock), clock, new Array(45).fill(-100));
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(20);
    expect(Math.round(times[1] - times[0])).toBe(3150);
  });

  it('keeps all chats together to 30 messages per second in any window', async () => {
    const clock = new FakeClock();
    const chats = Array.from({ length: 300 }, (_, i) => i + 1);
    const times = await sendTimes(new RateLimiter(LIMITS, clock), clock, chats);
    expect(maxInWindow(times, 1_000)).toBe(29);
    // 300 messages at 30/s (5 % slower) take about ten seconds, not more.
    expect(Math.max(...times)).toBeLessThan(10_500);
  });

  it('lets other chats use the global slots while one chat waits for its own', async () => {
    const clock = new FakeClock();
    const times = await sendTimes(new RateLimiter(LIMITS, clock), clock, [5, 5, 6, 7, 8]);
    expect(times[1]).toBeCloseTo(1050);
    expect(Math.max(times[2], times[3], times[4])).toBeLessThan(200);
  });

  it('gives up waiting when the signal is aborted (shutdown)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(LIMITS, clock);
    const abort = new AbortController();
    await limiter.acquire(9);
    const waiting = limiter.acquire(9, abort.signal);
    abort.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });
});
