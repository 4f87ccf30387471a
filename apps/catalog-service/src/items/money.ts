import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO4217CurrencyCode, IsString, Matches } from 'class-validator';

/** Up to 10 whole digits and 2 decimals, as a string (no binary floating point for money). */
const AMOUNT = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

/** `"250"`, `"250.5"` → `"250.00"`, `"250.50"`: the form numeric(12,2) gives back. */
export function normalizeAmount(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** A price: a non-negative decimal string with at most two decimals, normalised to two. */
export const Amount = (example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, pattern: AMOUNT.source, description: 'Decimal string, at most 2 decimals' }),
    IsString(),
    Matches(AMOUNT, { message: 'price must be a decimal string such as "250" or "250.50"' }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && AMOUNT.test(value) ? normalizeAmount(value) : value,
    ),
  );

/** An ISO 4217 currency code, upper-cased. */
export const Currency = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example: 'RUB', description: 'ISO 4217' }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toUpperCase() : value,
    ),
    IsISO4217CurrencyCode(),
  );
