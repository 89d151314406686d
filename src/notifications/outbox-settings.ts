import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { RateLimits } from './call-budget';
import type { RetrySettings } from './retry-policy';

/** How the sender paces and retries; from the environment, replaced in specs to run faster. */
export abstract class OutboxSettings {
  abstract readonly limits: RateLimits;
  abstract readonly retry: RetrySettings;
  /** An interactive call still failing after this long goes to the outbox (about 10 s). */
  abstract readonly interactiveBoundMs: number;
}

export function outboxSettingsFrom(config: ConfigService<Environment, true>): OutboxSettings {
  return {
    limits: {
      globalPerSecond: config.get('OUTBOX_GLOBAL_PER_SECOND', { infer: true }),
      privatePerSecond: config.get('OUTBOX_PRIVATE_PER_SECOND', { infer: true }),
      groupPerMinute: config.get('OUTBOX_GROUP_PER_MINUTE', { infer: true }),
    },
    retry: {
      maxAttempts: config.get('OUTBOX_MAX_ATTEMPTS', { infer: true }),
      baseDelayMs: config.get('OUTBOX_RETRY_BASE_MS', { infer: true }),
    },
    interactiveBoundMs: 10_000,
  };
}
