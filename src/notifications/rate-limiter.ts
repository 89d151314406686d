/** Time as the limiter sees it; specs pass a fake one. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A token bucket whose tokens may be reserved ahead of time: `reserve` hands out the moment
 * the next token is available and takes it, so concurrent callers queue in order without a
 * timer per caller.
 */
export class TokenBucket {
  private tokens: number;
  /** The moment `tokens` was counted; ahead of the clock while tokens are reserved. */
  private countedAt: number;

  constructor(
    private readonly capacity: number,
    /** Tokens per millisecond. */
    private readonly rate: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.countedAt = now;
  }

  /** When a token will be available (now, if one is). */
  readyAt(now: number): number {
    const at = Math.max(now, this.countedAt);
    const tokens = this.tokensAt(at);
    return tokens >= 1 ? at : at + (1 - tokens) / this.rate;
  }

  /** Takes the next token and returns the moment it may be used (never before `now`). */
  reserve(now: number): number {
    const at = this.readyAt(now);
    this.tokens = this.tokensAt(at) - 1;
    this.countedAt = at;
    return at;
  }

  /** Full and nothing reserved: forgetting the bucket changes nothing. */
  isIdle(now: number): boolean {
    return now >= this.countedAt && this.tokensAt(now) >= this.capacity;
  }

  private tokensAt(at: number): number {
    return Math.min(this.capacity, this.tokens + (at - this.countedAt) * this.rate);
  }
}

/** Telegram's limits (FEATURES.md §7); private chats have positive ids, groups negative. */
export interface RateLimits {
  globalPerSecond: number;
  privatePerSecond: number;
  groupPerMinute: number;
}

// Telegram counts its limits over sliding windows at its end, and a request can reach it a
// little sooner after the previous one than it left here (event loop, network). Spacing the
// buckets 5 % wider keeps every window within the limit; a deeper bucket (capacity > 1) would
// allow its whole capacity on top of the rate inside one window, so every bucket holds one token.
const SAFETY = 1.05;
const CAPACITY = 1;
/** The spacing kept between two messages to one chat, safety margin included. */
export function chatIntervalMs(limits: RateLimits, chatId: number): number {
  const perMs = chatId < 0 ? limits.groupPerMinute / 60_000 : limits.privatePerSecond / 1000;
  return SAFETY / perMs;
}

/** Forget idle per-chat buckets once there are this many, so memory stays flat. */
const PRUNE_ABOVE = 10_000;

/**
 * One global bucket and one bucket per chat. `acquire` resolves when a message to the chat
 * may go out under both; callers queue in the order they asked.
 */
export class RateLimiter {
  private readonly global: TokenBucket;
  private readonly chats = new Map<number, TokenBucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock = systemClock,
  ) {
    this.global = new TokenBucket(CAPACITY, limits.globalPerSecond / 1000 / SAFETY, clock.now());
  }

  async acquire(chatId: number, signal?: AbortSignal): Promise<void> {
    const chat = this.bucketOf(chatId);
    // Wait for the chat first and only then take a global slot: reserving the global slot for
    // a chat that must still wait would leave it unused while other chats could send.
    for (let ready = chat.readyAt(this.clock.now()); ready > this.clock.now();) {
      await this.clock.sleep(ready - this.clock.now(), signal);
      ready = chat.readyAt(this.clock.now());
    }
    const at = this.global.reserve(this.clock.now());
    chat.reserve(at);
    const wait = at - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, signal);
  }

  private bucketOf(chatId: number): TokenBucket {
    let bucket = this.chats.get(chatId);
    if (!bucket) {
      if (this.chats.size >= PRUNE_ABOVE) this.pruneIdle();
      const interval = chatIntervalMs(this.limits, chatId);
      bucket = new TokenBucket(CAPACITY, 1 / interval, this.clock.now());
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }

  private pruneIdle() {
    const now = this.clock.now();
    for (const [chatId, bucket] of this.chats) if (bucket.isIdle(now)) this.chats.delete(chatId);
  }
}
