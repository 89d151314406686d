import { TelegramError } from 'telegraf';

/**
 * What a failed Bot API call means, read from Telegram's answer (the Bot API's "Making
 * requests" section and ../docs/telegram.md): the gateway and the outbox's retry policy both
 * decide from this one reading.
 */
export type TelegramFailure =
  /** 429: come back after `retryAfterMs`; the call itself was fine. */
  | { kind: 'flood'; retryAfterMs: number; reason: string }
  /** 5xx, a network error or a time-out: the same call may well succeed later. */
  | { kind: 'transient'; reason: string }
  /** 403: the user blocked the bot, or the bot is no longer in the group. */
  | { kind: 'unreachable'; reason: string }
  /** 400 with `migrate_to_chat_id`: the group became a supergroup with a new id. */
  | { kind: 'migrated'; toChatId: number; reason: string }
  /** An edit or a callback answer that has nothing left to do: as good as done. */
  | { kind: 'pointless'; reason: string }
  /** Any other 400: sending it again would fail the same way. */
  | { kind: 'rejected'; reason: string };

// Bot API descriptions of calls that became pointless rather than failed.
const POINTLESS = /message is not modified|query is too old|query ID is invalid/i;

export function readFailure(error: unknown): TelegramFailure {
  if (error instanceof TelegramError) {
    const reason = `${error.code} ${error.description}`;
    const parameters = error.parameters;
    if (error.code === 429 && parameters?.retry_after !== undefined) {
      return { kind: 'flood', retryAfterMs: parameters.retry_after * 1000, reason };
    }
    if (error.code === 400 && parameters?.migrate_to_chat_id !== undefined) {
      return { kind: 'migrated', toChatId: parameters.migrate_to_chat_id, reason };
    }
    if (error.code === 400 && POINTLESS.test(error.description)) {
      return { kind: 'pointless', reason };
    }
    if (error.code === 403) return { kind: 'unreachable', reason };
    if (error.code === 400) return { kind: 'rejected', reason };
    return { kind: 'transient', reason };
  }
  // A time-out (an aborted fetch) included: whether the caller itself gave up, it knows.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
