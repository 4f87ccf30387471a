import type { ProblemExtras } from '@agora/http';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import type { ChangeContext } from '../moderation/item-editor.js';

/**
 * Input that does not hold: a 400 with its own code, or DRAFT_NO_LONGER_APPLIES (409) while a draft is
 * approved: the draft was checked when it was written, so what it refers to has changed since.
 */
export function invalidInput(
  context: ChangeContext | undefined,
  code: CatalogErrorCode,
  detail: string,
  extras?: ProblemExtras,
): CatalogException {
  const approving = context !== undefined && context.draftId !== null;
  return new CatalogException(approving ? CatalogErrorCode.DRAFT_NO_LONGER_APPLIES : code, detail, extras);
}

/** A required field sent as null (PATCH): a 400 naming it. */
export function refuseCleared<T extends object>(
  dto: T,
  required: readonly (keyof T & string)[],
  context?: ChangeContext,
): void {
  for (const field of required) {
    if (dto[field] === null) {
      throw invalidInput(context, CatalogErrorCode.VALIDATION_FAILED, `${field} cannot be cleared`, {
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
  context?: ChangeContext,
): void {
  if (lower !== null && upper !== null && lower > upper) {
    throw invalidInput(
      context,
      CatalogErrorCode.VALIDATION_FAILED,
      `${lowerField} must not exceed ${upperField}`,
      { errors: [{ field: lowerField, messages: [`must not exceed ${upperField}`] }] },
    );
  }
}
