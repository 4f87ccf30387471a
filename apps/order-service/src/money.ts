/**
 * Money in minor units (kopecks, cents): integers, never binary floating point. Catalog sends decimal strings
 * (`"250.00"`); ISO 4217 gives each currency's number of minor digits (2 unless listed here).
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function minorDigitsOf(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

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
  const digits = minorDigitsOf(currency);
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

/** 25000 RUB → `"250.00"`. */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
