import { ApiProperty } from '@nestjs/swagger';
import { averageOf, type RatingAggregate } from './rating.js';

export class RatingBucketDto {
  @ApiProperty({ example: 4.5, description: 'The half star: 0.5 to 5' })
  stars!: number;

  @ApiProperty({ example: 3, description: 'Users whose counted rating falls here (a quarter counts above)' })
  count!: number;
}

/** An item's check-in ratings: each user's latest rating counts once. */
export class RatingDto {
  @ApiProperty({ example: 12, description: 'Users whose rating counts' })
  count!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4.13,
    description:
      'Weighted mean in stars (two decimals): a verified purchase weighs 2, any other rating 1; null below RATING_MIN_COUNT ratings',
  })
  average!: number | null;

  @ApiProperty({ type: [RatingBucketDto], description: 'By half star, 0.5 first' })
  distribution!: RatingBucketDto[];
}

/** The columns an item row keeps its ratings in. */
export interface RatedRow {
  readonly ratingCount: number;
  readonly ratingSum: number;
  readonly ratingWeight: number;
  readonly ratingWeightedSum: number;
  readonly ratingDistribution: readonly number[];
}

export const aggregateOfRow = (row: RatedRow): RatingAggregate => ({
  count: row.ratingCount,
  sumQuarters: row.ratingSum,
  weight: row.ratingWeight,
  weightedQuarters: row.ratingWeightedSum,
  distribution: row.ratingDistribution,
});

export function toRatingDto(aggregate: RatingAggregate, minCount: number): RatingDto {
  return {
    count: aggregate.count,
    average: averageOf(aggregate, minCount),
    distribution: aggregate.distribution.map((count, index) => ({ stars: (index + 1) / 2, count })),
  };
}
