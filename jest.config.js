// Three kinds of specs (docs/architecture.md, Tests): unit specs beside the code; integration specs run
// once per database dialect; e2e specs against the running app.
const { Client } = require('pg');

const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

// The journeys run again with Telegram failing 15 % of every call (test/support/use-chaos.ts).
const CHAOS_SPECS = ['dispatcher-bot', 'master-bot', 'admin-bot', 'reports-bot', 'dialog-exit'];

const tsJest = { '^.+\\.ts$': ['ts-jest', {}] };
const base = {
  testEnvironment: 'node',
  transform: tsJest,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

async function postgresReachable() {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = async () => {
  const projects = [
    { ...base, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'sqlite',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
    },
  ];
  if (process.env.CHAOS !== 'false') {
    projects.push({
      ...base,
      displayName: 'chaos',
      rootDir: __dirname,
      testMatch: CHAOS_SPECS.map((name) => `<rootDir>/test/e2e/${name}.e2e-spec.ts`),
      setupFiles: ['<rootDir>/test/support/use-chaos.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/chaos-checks.ts'],
    });
  }
  // Under CI the PostgreSQL specs always run, so an unreachable server fails them loudly.
  if (process.env.CI === 'true' || (await postgresReachable())) {
    projects.push({
      ...base,
      displayName: 'postgres',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      setupFiles: ['<rootDir>/test/support/use-postgres.ts'],
    });
  } else {
    console.warn(
      `\n⚠️  PostgreSQL is not reachable at ${TEST_DATABASE_URL}: the PostgreSQL specs are SKIPPED.\n` +
        '   Start PostgreSQL or set TEST_DATABASE_URL to run them (they always run with CI=true).\n',
    );
  }
  return { projects, testTimeout: 30000 };
};
