import { ProblemException } from '@agora/http';

/** A required field sent as null (PATCH): a 400 naming it. */
export function refuseCleared<T extends object>(dto: T, required: readonly (keyof T & string)[]): void {
  for (const field of required) {
    if (dto[field] === null) {
      throw new ProblemException(400, {
        code: 'VALIDATION_FAILED',
        detail: `${field} cannot be cleared`,
        errors: [{ field, messages: [`${field} is required`] }],
      });
    }
  }
}

/**
 * A field's new value: what was sent (null clears it); when left out, kept by a PATCH (`whole` false)
 * and cleared by a PUT (`whole` true).
 */
export function keptOrCleared<T>(sent: T | undefined, current: T, whole: boolean): NonNullable<T> | null {
  return (sent !== undefined ? sent : whole ? null : current) ?? null;
}

/** Two bounds (altitudes, production years) given the wrong way round: a 400 naming the lower one. */
export function refuseReversed(
  lowerField: string,
  lower: number | null,
  upperField: string,
  upper: number | null,
): void {
  if (lower !== null && upper !== null && lower > upper) {
    throw new ProblemException(400, {
      code: 'VALIDATION_FAILED',
      detail: `${lowerField} must not exceed ${upperField}`,
      errors: [{ field: lowerField, messages: [`must not exceed ${upperField}`] }],
    });
  }
}
