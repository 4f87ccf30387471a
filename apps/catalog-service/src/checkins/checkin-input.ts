import { sanitizeText, textLength } from '@agora/http';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const invalid = (field: string, message: string): CatalogException =>
  new CatalogException(CatalogErrorCode.VALIDATION_FAILED, `${field} ${message}`, {
    errors: [{ field, messages: [message] }],
  });

/**
 * A user's text as stored and shown, sanitized as every user text is (`sanitizeText`): a 400 naming the field
 * when it is longer than `max` code points, or empty when required. Optional text left empty is null.
 */
export function cleanText(text: string, max: number, field: string): string;
export function cleanText(
  text: string | null | undefined,
  max: number,
  field: string,
  optional: true,
): string | null;
export function cleanText(
  text: string | null | undefined,
  max: number,
  field: string,
  optional = false,
): string | null {
  const clean = text === null || text === undefined ? '' : sanitizeText(text);
  if (textLength(clean) > max) {
    throw invalid(field, `must be at most ${max} characters`);
  }
  if (!clean) {
    if (optional) {
      return null;
    }
    throw invalid(field, 'must not be empty');
  }
  return clean;
}

/** A check-in's venue is a shop location or free text, never both. */
export function refuseBothVenues(
  locationId: string | null | undefined,
  venue: string | null | undefined,
): void {
  if (typeof locationId === 'string' && typeof venue === 'string') {
    throw invalid('venue', 'give either locationId (a shop location) or venue (free text), not both');
  }
}

/** Serving is how a coffee was brewed: a wrist check has none. */
export function refuseServingOnWatch(kind: 'coffee' | 'watch', serving: string | null | undefined): void {
  if (kind === 'watch' && typeof serving === 'string') {
    throw invalid('serving', 'only coffee check-ins have a serving');
  }
}
