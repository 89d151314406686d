import { TelegramError } from 'telegraf';

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
 * Telegram's error contract (https://core.telegram.org/bots/api#making-requests, FEATURES §7):
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
    if (error instanceof TelegramError) {
      const reason = `${error.code} ${error.description}`;
      const retryAfter = error.parameters?.retry_after;
      if (error.code === 429 && retryAfter !== undefined) {
        return { kind: 'wait', delayMs: retryAfter * 1000, reason };
      }
      if (error.code === 403) return { kind: 'blocked', reason };
      if (error.code === 400) return { kind: 'rejected', reason };
      return this.transient(reason, attempt);
    }
    return this.transient(error instanceof Error ? error.message : String(error), attempt);
  }

  private transient(reason: string, attempt: number): Verdict {
    if (attempt >= this.settings.maxAttempts) return { kind: 'give_up', reason };
    const ceiling = Math.min(MAX_DELAY_MS, this.settings.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the backoff, so a retry never comes straight back.
    return { kind: 'retry', delayMs: Math.round(ceiling * (0.5 + this.random() / 2)), reason };
  }
}
