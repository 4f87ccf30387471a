import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The retail barcodes a pack carries: GS1 EAN-8, UPC-A (12 digits) and EAN-13. */
export type BarcodeFormat = 'EAN-8' | 'UPC-A' | 'EAN-13';

const FORMATS: Readonly<Record<number, BarcodeFormat>> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13' };

export const BARCODE_MESSAGE = 'must be an EAN-8, UPC-A or EAN-13 with a valid check digit';

/**
 * The GS1 check digit of the digits before it: weights 3 and 1 alternate from the rightmost payload
 * digit, and the check digit brings the weighted sum to a multiple of ten (the same rule for all three).
 */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let index = 0; index < payload.length; index += 1) {
    const digit = payload.charCodeAt(payload.length - 1 - index) - 48;
    sum += digit * (index % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** The code's format when it is 8, 12 or 13 digits with a right check digit; null otherwise. */
export function barcodeFormat(code: unknown): BarcodeFormat | null {
  if (typeof code !== 'string' || !/^(\d{8}|\d{12,13})$/.test(code)) {
    return null;
  }
  const check = code.charCodeAt(code.length - 1) - 48;
  return gs1CheckDigit(code.slice(0, -1)) === check ? (FORMATS[code.length] ?? null) : null;
}

export const isBarcode = (code: unknown): code is string => barcodeFormat(code) !== null;

/**
 * The spellings of one GTIN a pack may be stored under: a UPC-A is the EAN-13 with a leading 0, so a
 * scan of either finds an item saved as the other.
 */
export function barcodeForms(code: string): string[] {
  if (code.length === 12) {
    return [code, `0${code}`];
  }
  if (code.length === 13 && code.startsWith('0')) {
    return [code, code.slice(1)];
  }
  return [code];
}

/** Property decorator: an EAN-8, UPC-A or EAN-13 whose check digit is right (400 VALIDATION_FAILED). */
export function IsBarcode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isBarcode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property ${BARCODE_MESSAGE}`, ...options },
      validator: { validate: (value: unknown) => isBarcode(value) },
    });
  };
}
