import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from './transaction-runner';

/** `TransactionRunner` for every module; needs the TypeORM DataSource. */
@Global()
@Module({ providers: [TransactionRunner], exports: [TransactionRunner] })
export class TransactionModule {}
