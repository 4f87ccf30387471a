import { Injectable, type PipeTransform } from '@nestjs/common';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * An ISO 8601 instant with a calendar date and a time that exist, and a zone: `2026-02-30T10:00:00Z` is
 * refused (JavaScript's Date would quietly read it as 2 March), as are hour 24 and offsets past ±23:59.
 */
export function parseInstant(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) {
    return undefined;
  }
  const [y, mo, d, h, mi, s, oh, om] = [1, 2, 3, 4, 5, 6, 8, 9].map((group) => Number(match[group] ?? 0));
  const lastDay = new Date(Date.UTC(2000 + (y % 400), mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) {
    return undefined;
  }
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** `?at=`: an ISO 8601 instant to compute `openNow` for; now when absent. */
@Injectable()
export class AtQueryPipe implements PipeTransform<unknown, Date> {
  transform(value: unknown): Date {
    if (value === undefined || value === '') {
      return new Date();
    }
    const at = typeof value === 'string' ? parseInstant(value) : undefined;
    if (!at) {
      throw new CatalogException(
        CatalogErrorCode.VALIDATION_FAILED,
        'at must be an ISO 8601 instant such as 2026-11-27T10:00:00Z',
        {
          errors: [
            { field: 'at', messages: ['must be an ISO 8601 instant with a date and time that exist'] },
          ],
        },
      );
    }
    return at;
  }
}
