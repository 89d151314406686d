// The DataSource for the TypeORM CLI: `npx typeorm migration:run -d dist/ormconfig.js`.
import './src/config/load-dotenv';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';

export default new DataSource(
  dataSourceOptions({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATABASE_PATH: process.env.DATABASE_PATH || undefined,
  }),
);
