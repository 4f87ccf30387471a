import { ApiProperty } from '@nestjs/swagger';
import { formatMinorUnits } from '@agora/contracts';

/** An amount of money: minor units (the number to compute with), its currency, and the same as a decimal string. */
export class MoneyDto {
  @ApiProperty({ description: 'Minor units of the currency (kopecks, cents)', example: 25000 })
  amountMinor!: number;

  @ApiProperty({ description: 'ISO 4217', example: 'RUB' })
  currency!: string;

  @ApiProperty({ description: 'The amount as a decimal string, for display', example: '250.00' })
  amount!: string;
}

export function toMoneyDto(amountMinor: number, currency: string): MoneyDto {
  return { amountMinor, currency, amount: formatMinorUnits(amountMinor, currency) };
}

/** Sums amounts per currency, in the order currencies first appear. */
export function totalsByCurrency(amounts: readonly { amountMinor: number; currency: string }[]): MoneyDto[] {
  const sums = new Map<string, number>();
  for (const { amountMinor, currency } of amounts) {
    sums.set(currency, (sums.get(currency) ?? 0) + amountMinor);
  }
  return [...sums].map(([currency, amountMinor]) => toMoneyDto(amountMinor, currency));
}
