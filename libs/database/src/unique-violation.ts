import { QueryFailedError } from 'typeorm';

/** The constraint a failed query broke, when its SQLSTATE is `code`; undefined for every other error. */
function violatedConstraint(error: unknown, code: string): string | undefined {
  if (!(error instanceof QueryFailedError)) {
    return undefined;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === code ? (driverError.constraint ?? 'unknown') : undefined;
}

/**
 * The constraint a failed query broke when PostgreSQL refused it as a duplicate (SQLSTATE 23505), so two
 * writers racing past a check can be told which value was taken; undefined for every other error.
 */
export function uniqueViolation(error: unknown): string | undefined {
  return violatedConstraint(error, '23505');
}

/** The foreign key a failed query broke (SQLSTATE 23503): a row still referenced, or a missing parent. */
export function foreignKeyViolation(error: unknown): string | undefined {
  return violatedConstraint(error, '23503');
}
