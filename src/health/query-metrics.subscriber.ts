import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { Metrics } from './metrics';

const OPERATIONS: Record<string, string> = {
  select: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
  with: 'with',
  begin: 'transaction',
  start: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
  savepoint: 'transaction',
  release: 'transaction',
};

/**
 * Database query time from TypeORM's own measurement (its `afterQuery` event), so no query is
 * wrapped or timed twice. The statement's first word is the only label: a closed set, cheap to
 * read, no SQL text in the metrics.
 */
@Injectable()
export class QueryMetricsSubscriber implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterQuery(event: AfterQueryEvent): void {
    if (event.executionTime === undefined) return;
    this.metrics.queryDuration.observe(
      { operation: operationOf(event.query), success: String(event.success) },
      event.executionTime / 1000,
    );
  }
}

export function operationOf(query: string): string {
  const word = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? '';
  return OPERATIONS[word] ?? 'other';
}
