export type Dialect = 'sqlite' | 'postgres';

/** PostgreSQL when `DATABASE_URL` is set, otherwise the SQLite file at `DATABASE_PATH`. */
export function dialectOf(env: Record<string, string | undefined>): Dialect {
  return env.DATABASE_URL ? 'postgres' : 'sqlite';
}

/**
 * The dialect the entity column types were declared for. Column types differ per dialect
 * (`timestamptz` vs `datetime`) and decorators run once, when the entity files load, so the
 * environment (`.env` included) must be final before the first entity is imported.
 */
export const ENTITY_DIALECT: Dialect = dialectOf(process.env);

/** The placeholder of the single parameter of a hand-written hot-path query: `$1` or `?`. */
export const onlyParameter = (dataSource: { options: { type: string } }) =>
  dataSource.options.type === 'postgres' ? '$1' : '?';
