// Loaded first by main.ts: the environment must be complete, and Sentry must instrument
// modules before they are imported.
import './config/load-dotenv';
import * as Sentry from '@sentry/nestjs';

if (process.env.SENTRY_DSN) {
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.ENVIRONMENT || 'development',
    sendDefaultPii: false,
    tracesSampleRate: 0.1,
  });
}
