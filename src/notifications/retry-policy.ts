import { readFailure } from './telegram-failure';

/** What to do with a notification whose Telegram call failed. */
export type Verdict =
  /** 429: Telegram said when to come back; the try does not count against the limit. */
  | { kind: 'wait'; delayMs: number; reason: string }
  /** 5xx or a network error: try again later. */
  | { kind: 'retry'; delayMs: number; reason: string }
  /** 5xx or network errors, and the tries are used up. */
  | { kind: 'give_up'; reason: string }
  /** 403: the user blocked the bot, or the bot left the group. */
  | { kind: 'blocked'; reason: string }
  /** Any other 400: sending it again would fail the same way. */
  | { kind: 'rejected'; reason: string };

export interface RetrySettings {
  /** Tries (the first one included) on 5xx and network errors. */
  maxAttempts: number;
  /** The first retry delay; each next one doubles. */
  baseDelayMs: number;
}

/** Outages of the Bot API rarely last longer; past this, one retry every 5 minutes. */
const MAX_DELAY_MS = 5 * 60_000;

/**
 * Telegram's error contract (https://core.telegram.org/bots/api#making-requests, docs/product.md §7):
 * `retry_after` is honoured to the second, 5xx and network errors back off exponentially with
 * jitter (so senders that failed together do not retry together), 403 stops sending to the
 * chat, other 4xx are final.
 */
export class RetryPolicy {
  constructor(
    private readonly settings: RetrySettings,
    private readonly random: () => number = Math.random,
  ) {}

  /** `attempt`: the number of this try among those that count (1 for the first). */
  decide(error: unknown, attempt: number): Verdict {
    const failure = readFailure(error);
    switch (failure.kind) {
      case 'flood':
        return { kind: 'wait', delayMs: failure.retryAfterMs, reason: failure.reason };
      case 'unreachable':
        return { kind: 'blocked', reason: failure.reason };
      case 'transient':
        return this.transient(failure.reason, attempt);
      default:
        // A group migrated twice over, or any other 400: the gateway already did what it could.
        return { kind: 'rejected', reason: failure.reason };
    }
  }

  private transient(reason: string, attempt: number): Verdict {
    if (attempt >= this.settings.maxAttempts) return { kind: 'give_up', reason };
    const ceiling = Math.min(MAX_DELAY_MS, this.settings.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the backoff, so a retry never comes straight back.
    return { kind: 'retry', delayMs: Math.round(ceiling * (0.5 + this.random() / 2)), reason };
  }
}
