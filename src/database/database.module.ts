import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Environment } from '../config/environment';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { bindNumbersOnSqlite } from './sqlite-bound-numbers';
import { TransactionModule } from './transaction.module';

/** The single DataSource of the process (one SQLite connection: no "database is locked"). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        dataSourceOptions({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          DATABASE_PATH: config.get('DATABASE_PATH', { infer: true }),
          MIGRATIONS_RUN: config.get('MIGRATIONS_RUN', { infer: true }),
        }),
      dataSourceFactory: async (options) => {
        const dataSource = new DataSource(options!);
        bindNumbersOnSqlite(dataSource);
        return dataSource.initialize();
      },
    }),
    TransactionModule,
  ],
})
export class DatabaseModule {}
