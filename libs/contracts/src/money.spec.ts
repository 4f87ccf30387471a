import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, formatMinorUnits } from './money.js';

describe('formatMinorUnits', () => {
  it('writes minor units as the major amount with the currency’s digits', () => {
    expect(formatMinorUnits(45150, 'RUB')).toBe('451.50');
    expect(formatMinorUnits(5, 'usd')).toBe('0.05');
    expect(formatMinorUnits(0, 'EUR')).toBe('0.00');
    expect(formatMinorUnits(1200, 'JPY')).toBe('1200');
    expect(formatMinorUnits(1234, 'KWD')).toBe('1.234');
    expect(formatMinorUnits(-250, 'RUB')).toBe('-2.50');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'RUB')).toBe('90071992547409.91');
    expect(currencyMinorDigits('clf')).toBe(4);
  });
});
