import type { ValueTransformer } from 'typeorm';

/** A bigint column (money in minor units) read as a number: amounts stay far below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
