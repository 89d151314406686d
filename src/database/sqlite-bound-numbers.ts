import type { DataSource } from 'typeorm';

/** A number the SQLite driver must bind, not write into the SQL text. */
class BoundNumber {
  constructor(readonly value: number) {}
}

type Escape = (
  sql: string,
  parameters: Record<string, unknown>,
  nativeParameters: Record<string, unknown>,
) => [string, unknown[]];

/**
 * TypeORM's SQLite drivers write number parameters into the SQL text (`WHERE update_id =
 * 1000112`), so every user id and update id makes a new statement: prepared again, and pushing
 * the constant statements out of the statement cache. Here numbers are bound like strings are.
 * Integers go as BigInt, which better-sqlite3 binds as INTEGER — what the inlined literal was
 * (a JS number would bind as REAL, and turn into "5.0" in a text column).
 */
export function bindNumbersOnSqlite(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: Escape };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, nativeParameters) => {
    const boxed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters ?? {}))
      boxed[key] =
        typeof value === 'number' && Number.isFinite(value) ? new BoundNumber(value) : value;
    const [query, values] = escape(sql, boxed, nativeParameters);
    return [query, values.map(unbox)];
  };
}

function unbox(value: unknown): unknown {
  if (!(value instanceof BoundNumber)) return value;
  return Number.isSafeInteger(value.value) ? BigInt(value.value) : value.value;
}
