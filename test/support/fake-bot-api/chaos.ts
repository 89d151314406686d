import type { FaultRule, RateLimits } from './types';

/**
 * Telegram on a bad day, on every method (issue: one gateway for every call): a share of calls
 * answered 429 with `retry_after` 1–3 s, a share answered 500, and the sending limits enforced.
 * When a chaos fake stops it checks what the bot did against the limits and a forbidden text.
 */
export interface Chaos {
  floodRate: number;
  errorRate: number;
  limits: RateLimits;
  /** Waits in specs are multiplied by this: every call may now take a few retries. */
  waitScale: number;
  /** A text no message of the bot may contain (the product's apology for a failure). */
  forbiddenText?: string;
}

/** Chaos from the environment the `chaos` jest project sets (test/support/use-chaos.ts). */
export function chaosFromEnv(env = process.env): Chaos | undefined {
  if (!env.FAKE_BOT_API_CHAOS) return undefined;
  const [floodRate, errorRate] = env.FAKE_BOT_API_CHAOS.split(',').map(Number);
  return {
    floodRate,
    errorRate,
    limits: {
      globalPerSecond: Number(env.OUTBOX_GLOBAL_PER_SECOND),
      perPrivateChatPerSecond: Number(env.OUTBOX_PRIVATE_PER_SECOND),
      perGroupPerMinute: Number(env.OUTBOX_GROUP_PER_MINUTE),
    },
    waitScale: Number(env.FAKE_BOT_API_WAIT_SCALE ?? 1),
    forbiddenText: env.FAKE_BOT_API_FORBIDDEN_TEXT,
  };
}

/** The rules, in order: the 500 rule draws only for calls the 429 rule let through. */
export function chaosFaults(chaos: Chaos): FaultRule[] {
  return [
    { probability: chaos.floodRate, fault: { code: 429, retryAfter: [1, 3] } },
    { probability: chaos.errorRate / (1 - chaos.floodRate), fault: { code: 500 } },
  ];
}

/** What a chaos fake found wrong when it stopped; the `chaos` project fails a spec file on it. */
export const chaosViolations: string[] = [];
