import { QueryFailedError } from 'typeorm';

/**
 * Whether a failed query broke a unique constraint, on any of the three supported drivers: the last
 * guard of idempotency when two copies of a notification race on two app instances.
 *
 * @internal
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as
    { code?: string; errno?: number } | undefined;
  return (
    driverError?.code === '23505' || // PostgreSQL unique_violation
    driverError?.code === 'ER_DUP_ENTRY' || // MySQL / MariaDB
    driverError?.errno === 1062 ||
    driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
