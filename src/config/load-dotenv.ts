import { config } from 'dotenv';

// `.env` fills what the real environment leaves unset. It must be loaded before the entities
// (their column types depend on DATABASE_URL) and before Sentry starts.
config({ quiet: true });
