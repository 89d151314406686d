import { operationOf } from './query-metrics.subscriber';

describe('the statement kind of a query', () => {
  it.each([
    ['SELECT 1', 'select'],
    ['  select "o"."id" FROM orders', 'select'],
    ['INSERT INTO notifications …', 'insert'],
    ['UPDATE job_runs SET …', 'update'],
    ['DELETE FROM processed_updates …', 'delete'],
    ['WITH due AS (SELECT …) UPDATE …', 'with'],
    ['BEGIN TRANSACTION', 'transaction'],
    ['START TRANSACTION', 'transaction'],
    ['COMMIT', 'transaction'],
    ['ROLLBACK TO SAVEPOINT typeorm_1', 'transaction'],
    ['PRAGMA foreign_keys = ON', 'other'],
    ['', 'other'],
  ])('labels %j as %s', (query, operation) => {
    expect(operationOf(query)).toBe(operation);
  });
});
