// Integration specs of the `postgres` jest project: entities load with PostgreSQL column types.
// Each spec file gets its own database (see test-database.ts).
import './test-env';

process.env.DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
process.env.TEST_DIALECT = 'postgres';
