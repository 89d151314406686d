// Integration specs of the `sqlite` jest project: entities load with SQLite column types.
import './test-env';

delete process.env.DATABASE_URL;
process.env.TEST_DIALECT = 'sqlite';
