import { CatalogException } from '../catalog.errors.js';
import { describe, expect, it } from 'vitest';
import { AtQueryPipe, parseInstant } from './at-query.pipe.js';

describe('parseInstant (?at=)', () => {
  it('reads instants with a zone, with or without seconds and fractions', () => {
    expect(parseInstant('2026-11-27T10:00:00Z')?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(parseInstant('2026-11-27T10:00Z')?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(parseInstant('2026-11-27T13:00:00.123+03:00')?.toISOString()).toBe('2026-11-27T10:00:00.123Z');
    expect(parseInstant('2028-02-29T00:00:00Z')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    for (const text of [
      '2026-02-30T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-13-45T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-06-01T24:00:00Z',
      '2026-06-01T12:60:00Z',
      '2026-06-01T12:00:60Z',
      '2026-06-01T12:00:00+25:00',
      '2026-06-01T12:00:00',
      '-010000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.001Z',
      '2026-13-45 25:61:61',
      '1e999999',
      '2026-06-01T12:00:00Z\u0000',
    ]) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('answers an impossible ?at= with a 400 problem naming the parameter', () => {
    let thrown: unknown;
    try {
      new AtQueryPipe().transform('2026-02-30T00:00:00Z');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CatalogException);
    expect((thrown as CatalogException).status).toBe(400);
    expect((thrown as CatalogException).code).toBe('VALIDATION_FAILED');
  });
});
