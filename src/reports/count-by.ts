import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { numberOf, RawRow } from './sql-values';

/** How many rows share one value of a column (a status, a type, a master). */
export interface CountOf<K> {
  key: K;
  orders: number;
}

/** Groups `query`'s rows by `column`, largest group first. */
export async function countBy<K>(
  query: SelectQueryBuilder<ObjectLiteral>,
  column: string,
  keyOf: (value: RawRow[string]) => K,
): Promise<CountOf<K>[]> {
  const rows = await query
    .select(column, 'key')
    .addSelect('COUNT(*)', 'orders')
    .groupBy(column)
    .orderBy('orders', 'DESC')
    .addOrderBy(column)
    .getRawMany<RawRow>();
  return rows.map((row) => ({ key: keyOf(row.key), orders: numberOf(row.orders) }));
}
