import type { DataSource } from 'typeorm';

/** A value of a raw result row, as either driver returns it. */
export type RawValue = string | number | boolean | Date | null | undefined;
export type RawRow = Record<string, RawValue>;

/** SUM/COUNT come back as strings from pg (bigint) and as numbers from SQLite; NULL for no rows. */
export const numberOf = (value: RawValue): number => Number(value ?? 0);

/** pg returns booleans, SQLite 0/1; NULL (not asked) reads as no. */
export const flagOf = (value: RawValue): boolean => value === true || value === 1 || value === '1';

/** pg returns `Date`s; SQLite returns the UTC text TypeORM wrote ("2025-10-01 09:30:00.000"). */
export function instantOf(value: RawValue): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/**
 * A period bound in the column's own format. SQLite compares instants as UTC text, written
 * with milliseconds by TypeORM and without them by the `datetime('now')` default; a bound of
 * whole seconds without them sorts correctly against both.
 */
export function instantParameter(dataSource: DataSource, date: Date): Date | string {
  if (dataSource.options.type === 'postgres') return date;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/(\.000)?Z$/, '');
}
