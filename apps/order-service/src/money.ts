import { currencyMinorDigits } from '@agora/contracts';

/**
 * Money in minor units (kopecks, cents): integers, never binary floating point. Catalog sends decimal strings
 * (`"250.00"`); ISO 4217 gives each currency's number of minor digits (@agora/contracts `currencyMinorDigits`),
 * which `formatMinorUnits` there turns back into text.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `"250.00"` RUB → 25000. Digits past the currency's minor unit are rounded half away from zero
 * (`"100.50"` JPY → 101): catalog stores two decimals for every currency.
 */
export function toMinor(amount: string, currency: string): number {
  const match = DECIMAL.exec(amount.trim());
  if (!match) {
    throw new Error(`${amount} is not a decimal amount`);
  }
  const [, sign, whole, fraction = ''] = match;
  const digits = currencyMinorDigits(currency);
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(kept || '0');
  if (Number(fraction.charAt(digits) || '0') >= 5) {
    minor += 1n;
  }
  const value = Number(minor);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${amount} is too large an amount`);
  }
  return sign === '-' ? -value : value;
}
