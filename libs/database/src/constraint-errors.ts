import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query; undefined for every other error. */
export function sqlStateOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

/** The constraint a failed query broke, when its SQLSTATE is one of `codes`; undefined for every other error. */
function violatedConstraint(error: unknown, ...codes: string[]): string | undefined {
  const code = sqlStateOf(error);
  if (code === undefined || !codes.includes(code)) {
    return undefined;
  }
  return ((error as QueryFailedError).driverError as { constraint?: string }).constraint ?? 'unknown';
}

/**
 * The constraint a failed query broke when PostgreSQL refused it as a duplicate (SQLSTATE 23505), so two
 * writers racing past a check can be told which value was taken; undefined for every other error.
 */
export function uniqueViolation(error: unknown): string | undefined {
  return violatedConstraint(error, '23505');
}

/**
 * The foreign key a failed query broke: a row still referenced, or a missing parent. PostgreSQL reports
 * it as 23503 (foreign_key_violation), and from major 18 an `ON DELETE RESTRICT` one as 23001
 * (restrict_violation): the embedded server of `npm start` is 18, the test machine's 15.
 */
export function foreignKeyViolation(error: unknown): string | undefined {
  return violatedConstraint(error, '23503', '23001');
}

/** SQLSTATEs after which running the same transaction again may succeed: deadlock, serialization failure. */
const RETRYABLE_STATES = new Set(['40P01', '40001']);

export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && RETRYABLE_STATES.has(state);
}
