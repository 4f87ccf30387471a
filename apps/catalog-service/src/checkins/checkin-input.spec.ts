import { describe, expect, it } from 'vitest';
import { CatalogException } from '../catalog.errors.js';
import { cleanText, refuseBothVenues, refuseServingOnWatch } from './checkin-input.js';

/** The CatalogException `run` throws (fails when it throws nothing or something else). */
function thrown(run: () => unknown): CatalogException {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogException);
    return error as CatalogException;
  }
  throw new Error('nothing was thrown');
}

describe('check-in input', () => {
  it('sanitizes text and leaves empty optional text null', () => {
    expect(cleanText('  Bergamot\u202e and\r\njasmine  ', 100, 'text')).toBe('Bergamot and\njasmine');
    expect(cleanText(' \u200e ', 100, 'text', true)).toBeNull();
    expect(cleanText(null, 100, 'text', true)).toBeNull();
  });

  it('refuses text over the limit in code points, and empty required text, naming the field', () => {
    expect(cleanText('😀'.repeat(3), 3, 'text')).toBe('😀😀😀');
    const long = thrown(() => cleanText('😀'.repeat(4), 3, 'text'));
    expect(long.code).toBe('VALIDATION_FAILED');
    expect(long.extras).toEqual({ errors: [{ field: 'text', messages: ['must be at most 3 characters'] }] });
    expect(thrown(() => cleanText('\u0000 ', 3, 'comment')).extras).toEqual({
      errors: [{ field: 'comment', messages: ['must not be empty'] }],
    });
  });

  it('takes a shop location or a free-text venue, not both', () => {
    expect(() => refuseBothVenues('id', null)).not.toThrow();
    expect(() => refuseBothVenues(undefined, 'home')).not.toThrow();
    expect(thrown(() => refuseBothVenues('id', 'home')).code).toBe('VALIDATION_FAILED');
  });

  it('takes a serving only on a coffee', () => {
    expect(() => refuseServingOnWatch('coffee', 'espresso')).not.toThrow();
    expect(() => refuseServingOnWatch('watch', null)).not.toThrow();
    expect(thrown(() => refuseServingOnWatch('watch', 'espresso')).code).toBe('VALIDATION_FAILED');
  });
});
