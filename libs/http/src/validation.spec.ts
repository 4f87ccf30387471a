import 'reflect-metadata';
import { IsOptional, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { RequestException } from './http.errors.js';
import { createValidationPipe, DecimalNumber, NestedObject } from './validation.js';

class AddressDto {
  @IsString()
  city!: string;
}

class OrderDto {
  @NestedObject(() => AddressDto)
  address!: AddressDto;

  @IsOptional()
  @NestedObject(() => AddressDto)
  billing?: AddressDto;
}

async function validate(body: unknown): Promise<unknown> {
  return createValidationPipe().transform(body, { type: 'body', metatype: OrderDto });
}

async function refusedFields(body: unknown): Promise<string[]> {
  const error: unknown = await validate(body).then(
    () => undefined,
    (refused: unknown) => refused,
  );
  expect(error).toBeInstanceOf(RequestException);
  return ((error as RequestException).extras.errors ?? []).map((entry) => entry.field);
}

describe('NestedObject', () => {
  it('turns a nested object into its class and validates it', async () => {
    const order = await validate({ address: { city: 'Tula' } });
    expect(order).toBeInstanceOf(OrderDto);
    expect((order as OrderDto).address).toBeInstanceOf(AddressDto);
  });

  it('refuses an array, empty or not, where one object belongs', async () => {
    expect(await refusedFields({ address: [] })).toContain('address');
    expect(await refusedFields({ address: [{ city: 'Tula' }] })).toContain('address');
    expect(await refusedFields({ address: { city: 'Tula' }, billing: [] })).toContain('billing');
  });

  it('refuses a scalar and names a nested field that fails', async () => {
    expect(await refusedFields({ address: 'Tula' })).toContain('address');
    expect(await refusedFields({ address: { city: 7 } })).toContain('address.city');
  });

  it('leaves an optional nested object out', async () => {
    const order = await validate({ address: { city: 'Tula' } });
    expect((order as OrderDto).billing).toBeUndefined();
  });
});

class AmountDto {
  @DecimalNumber(3)
  amount!: number;
}

describe('DecimalNumber', () => {
  const check = (amount: unknown): Promise<unknown> =>
    createValidationPipe().transform({ amount }, { type: 'body', metatype: AmountDto });

  it('takes a number with up to its decimal places, an integer written with an exponent too', async () => {
    for (const amount of [0, 3, 2.5, 0.125, -1.001, 1e21]) {
      await expect(check(amount), String(amount)).resolves.toMatchObject({ amount });
    }
  });

  it('refuses more places, numbers written with a negative exponent, and what is no finite number (a 400)', async () => {
    for (const amount of [0.1234, 5e-324, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, '1.5', null]) {
      const refused: unknown = await check(amount).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, String(amount)).toBeInstanceOf(RequestException);
      expect((refused as RequestException).extras.errors?.map((entry) => entry.field)).toEqual(['amount']);
    }
  });
});
