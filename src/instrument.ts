// Loaded first by main.ts: the environment must be complete, and Sentry must instrument
// modules before they are imported. Without SENTRY_DSN Sentry is not loaded at all (about 650
// modules at start-up, and an interceptor on every update).
import './config/load-dotenv';
import { sentryOrNull } from './common/error-reporting';

const Sentry = sentryOrNull();
if (Sentry) {
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.ENVIRONMENT || 'development',
    sendDefaultPii: false,
    tracesSampleRate: 0.1,
  });
}
