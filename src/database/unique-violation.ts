import { QueryFailedError } from 'typeorm';

/** Whether a statement failed on a unique index: PostgreSQL's 23505, SQLite's constraint code. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code } = error.driverError as { code?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
