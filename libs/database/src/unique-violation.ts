import { QueryFailedError } from 'typeorm';

/**
 * The constraint a failed query broke when PostgreSQL refused it as a duplicate (SQLSTATE 23505), so two
 * writers racing past a check can be told which value was taken; undefined for every other error.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) {
    return undefined;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? (driverError.constraint ?? 'unknown') : undefined;
}
