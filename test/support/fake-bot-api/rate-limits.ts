import { tooManyRequests } from './api-error';
import type { RateLimits } from './types';

/** Telegram's published broadcasting limits (bots FAQ). */
export const TELEGRAM_LIMITS: RateLimits = {
  perPrivateChatPerSecond: 1,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

interface Delivery {
  chatId: number;
  at: number;
  kind: 'send' | 'edit';
}

/**
 * Remembers every successful send and edit. Sends count against the limits (sliding windows);
 * edits are only observed, because Telegram's edit limits are unpublished and a fake that
 * guessed them would fail bots that are fine.
 */
export class RateLimiter {
  private deliveries: Delivery[] = [];

  constructor(
    private readonly enforce: boolean,
    private readonly limits: RateLimits,
  ) {}

  /** Throws the 429 Telegram would answer if one more message to `chatId` went out `now`. */
  checkSend(chatId: number, now: number): void {
    if (!this.enforce) return;
    const sends = this.deliveries.filter((delivery) => delivery.kind === 'send');
    const group = chatId < 0;
    this.checkWindow(
      sends.filter((delivery) => delivery.chatId === chatId),
      group ? this.limits.perGroupPerMinute : this.limits.perPrivateChatPerSecond,
      group ? 60_000 : 1_000,
      now,
    );
    this.checkWindow(sends, this.limits.globalPerSecond, 1_000, now);
  }

  record(chatId: number, kind: Delivery['kind'], at: number): void {
    this.deliveries.push({ chatId, kind, at });
  }

  /** The most deliveries that fell into any `windowMs`-long window. */
  maxInWindow(chatId: number | 'all', windowMs: number, includeEdits: boolean): number {
    const times = this.deliveries
      .filter((delivery) => chatId === 'all' || delivery.chatId === chatId)
      .filter((delivery) => includeEdits || delivery.kind === 'send')
      .map((delivery) => delivery.at)
      .sort((a, b) => a - b);
    let max = 0;
    let first = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[last] - times[first] >= windowMs) first++;
      max = Math.max(max, last - first + 1);
    }
    return max;
  }

  reset(): void {
    this.deliveries = [];
  }

  private checkWindow(deliveries: Delivery[], limit: number, windowMs: number, now: number): void {
    const recent = deliveries.filter((delivery) => delivery.at > now - windowMs);
    if (recent.length < limit) return;
    // The window frees a slot when the delivery `limit` places back falls out of it.
    const freedAt = recent[recent.length - limit].at + windowMs;
    throw tooManyRequests(Math.max(1, Math.ceil((freedAt - now) / 1000)));
  }
}
