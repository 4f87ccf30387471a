import { describe, expect, it } from 'vitest';
import { normaliseName, readCoffeeRow } from './coffee-row.js';
import { changedFields, fingerprintOf } from './import.service.js';

describe('importer rows', () => {
  it('normalises names for matching: accents, case, punctuation and spaces', () => {
    expect(normaliseName('Café  Ethiopia – Yirgacheffe, “Kochere”')).toBe(
      'cafe ethiopia yirgacheffe kochere',
    );
    expect(normaliseName('Кения Ньери AA')).toBe('кения ньери aa');
    expect(normaliseName('ＫＥＮＹＡ')).toBe('kenya');
  });

  it('reads a price-list row into coffee fields, by any of the column names', () => {
    const { coffee, problems } = readCoffeeRow({
      title: 'Kenya Nyeri',
      brand: 'Tasty',
      region: 'Nyeri',
      processing: 'Washed',
      roast_level: 'Medium Light',
      ean: '4006-3813-3393-1',
      elevation: '1700 - 1900 m',
      notes: 'Blackcurrant; lime | Blackcurrant',
      country: 'ke',
      price: '890',
    });
    expect(problems).toEqual([]);
    expect(coffee).toEqual({
      name: 'Kenya Nyeri',
      roaster: 'Tasty',
      origin: 'Nyeri',
      process: 'Washed',
      roastLevel: 'medium-light',
      barcode: '4006381333931',
      altitudeMin: 1700,
      altitudeMax: 1900,
      tastingNotes: ['blackcurrant', 'lime'],
      countryCode: 'KE',
    });
  });

  it('names every reason to skip a row', () => {
    const { problems } = readCoffeeRow({
      barcode: '4006381333932',
      roast: 'burnt',
      country: 'Kenya',
      altitude: '9000',
    });
    expect(problems.map((problem) => problem.code)).toEqual([
      'MISSING_NAME',
      'MISSING_ROASTER',
      'INVALID_BARCODE',
      'INVALID_COUNTRY',
      'INVALID_ROAST',
      'INVALID_ALTITUDE',
    ]);
  });

  it('proposes only the fields a feed changes, never clearing what it leaves out', () => {
    const current = { name: 'Kenya', variety: 'SL28', processId: 'a', tastingNotes: ['lime'], farm: 'X' };
    expect(changedFields({ name: 'Kenya', processId: 'b', tastingNotes: ['lime'] }, current)).toEqual({
      processId: 'b',
    });
    expect(changedFields({ name: 'Kenya', barcode: '96385074' }, current)).toEqual({ barcode: '96385074' });
  });

  it('fingerprints a change the same whatever its fields’ order', () => {
    expect(fingerprintOf(null, { a: 1, b: [1, 2] })).toBe(fingerprintOf(null, { b: [1, 2], a: 1 }));
    expect(fingerprintOf(null, { a: 1 })).not.toBe(fingerprintOf('id', { a: 1 }));
    expect(fingerprintOf(null, { a: 1 })).not.toBe(fingerprintOf(null, { a: 2 }));
  });
});
