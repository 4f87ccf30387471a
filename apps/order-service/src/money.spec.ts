import { describe, expect, it } from 'vitest';
import { toMinor } from './money.js';

describe('money in minor units', () => {
  it.each([
    ['250.00', 'RUB', 25000],
    ['250', 'RUB', 25000],
    ['0.05', 'USD', 5],
    ['99999999999.99', 'RUB', 9999999999999],
    ['100.00', 'JPY', 100],
    ['100.50', 'JPY', 101],
    ['100.49', 'JPY', 100],
    ['1.5', 'KWD', 1500],
    ['-3.20', 'EUR', -320],
  ])('%s %s is %i minor units', (amount, currency, minor) => {
    expect(toMinor(amount, currency)).toBe(minor);
  });

  it('refuses what is not a decimal amount', () => {
    expect(() => toMinor('free', 'RUB')).toThrow(/not a decimal/);
    expect(() => toMinor('1e5', 'RUB')).toThrow(/not a decimal/);
  });
});
