import type { DynamicModule } from '@nestjs/common';

type SentrySdk = typeof import('@sentry/nestjs');

/**
 * Sentry, loaded only when SENTRY_DSN is set: without it nothing is reported, and loading the
 * SDK cost start-up time and a tracing interceptor on every update for nothing.
 */
export function sentryOrNull(): SentrySdk | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return process.env.SENTRY_DSN ? (require('@sentry/nestjs') as SentrySdk) : null;
}

/** Sentry's Nest module (its interceptor and scopes), or nothing without SENTRY_DSN. */
export function sentryModules(): DynamicModule[] {
  if (!process.env.SENTRY_DSN) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const setup = require('@sentry/nestjs/setup') as typeof import('@sentry/nestjs/setup');
  return [setup.SentryModule.forRoot()];
}

/** Sends an unexpected error to Sentry when it is configured. */
export function reportError(error: unknown): void {
  sentryOrNull()?.captureException(error);
}
