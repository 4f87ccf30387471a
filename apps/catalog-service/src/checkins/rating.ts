/**
 * Check-in ratings (issue 17): stars in quarters from 0.25 to 5, kept as whole quarters (1..20) so sums and
 * averages never round; an item's aggregate counts the latest rating of each user, by half star.
 */

/** Quarters in one star. */
export const QUARTERS_PER_STAR = 4;
/** The lowest and highest rating, in quarters (0.25 and 5 stars). */
export const MIN_QUARTERS = 1;
export const MAX_QUARTERS = 20;
/** Half-star buckets of the distribution: 0.5, 1, 1.5, … 5. */
export const DISTRIBUTION_BUCKETS = 10;

/** An item's ratings as its row keeps them: how many users count, the sum in quarters, users per half star. */
export interface RatingAggregate {
  readonly count: number;
  readonly sumQuarters: number;
  /** Index i holds the users whose rating falls in the half star (i + 1) / 2 (see {@link bucketOf}). */
  readonly distribution: readonly number[];
}

export const EMPTY_AGGREGATE: RatingAggregate = {
  count: 0,
  sumQuarters: 0,
  distribution: Array.from({ length: DISTRIBUTION_BUCKETS }, () => 0),
};

/** Stars as sent (0.25 … 5 in steps of 0.25) to whole quarters; undefined for anything else (0.3, 0, 6). */
export function toQuarters(stars: unknown): number | undefined {
  if (typeof stars !== 'number' || !Number.isFinite(stars)) {
    return undefined;
  }
  const quarters = stars * QUARTERS_PER_STAR;
  return Number.isInteger(quarters) && quarters >= MIN_QUARTERS && quarters <= MAX_QUARTERS
    ? quarters
    : undefined;
}

export const toStars = (quarters: number): number => quarters / QUARTERS_PER_STAR;

/**
 * The half-star bucket of a rating (0-based): a whole or half star is its own bucket, a quarter rounds up to
 * the next half star (0.25 → 0.5, 0.75 → 1, 3.25 → 3.5).
 */
export function bucketOf(quarters: number): number {
  return Math.ceil(quarters / 2) - 1;
}

/** The aggregate after one user's counted rating changes: `removed` stops counting, `added` starts. */
export function applyRating(
  aggregate: RatingAggregate,
  change: { readonly removed?: number | null; readonly added?: number | null },
): RatingAggregate {
  const distribution = [...aggregate.distribution];
  let { count, sumQuarters } = aggregate;
  if (change.removed !== undefined && change.removed !== null) {
    count -= 1;
    sumQuarters -= change.removed;
    distribution[bucketOf(change.removed)] -= 1;
  }
  if (change.added !== undefined && change.added !== null) {
    count += 1;
    sumQuarters += change.added;
    distribution[bucketOf(change.added)] += 1;
  }
  if (count < 0 || distribution.some((users) => users < 0)) {
    throw new Error(
      `A rating aggregate cannot go below zero (${JSON.stringify(aggregate)}, ${JSON.stringify(change)})`,
    );
  }
  return { count, sumQuarters, distribution };
}

/** The aggregate of these counted ratings (one per user), computed from scratch. */
export function aggregateOf(quarters: readonly number[]): RatingAggregate {
  return quarters.reduce((aggregate, added) => applyRating(aggregate, { added }), EMPTY_AGGREGATE);
}

/** The mean in stars, to two decimals; null below `minCount` ratings (and with none). */
export function averageOf(
  aggregate: Pick<RatingAggregate, 'count' | 'sumQuarters'>,
  minCount: number,
): number | null {
  if (aggregate.count === 0 || aggregate.count < minCount) {
    return null;
  }
  return roundTo2(aggregate.sumQuarters / QUARTERS_PER_STAR / aggregate.count);
}

/**
 * The Bayesian average in stars that top lists rank by: the item's ratings pulled towards the kind's mean
 * `prior` as if `weight` more users had rated it at the prior,
 * `(weight × prior + Σ ratings) / (weight + count)`. An item with few ratings stays near the kind's mean; one
 * with many approaches its own mean.
 */
export function bayesianAverage(
  aggregate: Pick<RatingAggregate, 'count' | 'sumQuarters'>,
  prior: number,
  weight: number,
): number {
  return (weight * prior + aggregate.sumQuarters / QUARTERS_PER_STAR) / (weight + aggregate.count);
}

/** The kind's mean rating in stars over every counted rating of its items (the prior); null with none. */
export function kindMean(
  aggregates: readonly Pick<RatingAggregate, 'count' | 'sumQuarters'>[],
): number | null {
  const count = aggregates.reduce((total, aggregate) => total + aggregate.count, 0);
  const sum = aggregates.reduce((total, aggregate) => total + aggregate.sumQuarters, 0);
  return count === 0 ? null : sum / QUARTERS_PER_STAR / count;
}

/** Rated items ranked by Bayesian average (highest first, ties by id), at most `limit` of them. */
export function rankTop<T extends { readonly id: string } & Pick<RatingAggregate, 'count' | 'sumQuarters'>>(
  items: readonly T[],
  weight: number,
  limit: number,
): { item: T; score: number }[] {
  const rated = items.filter((item) => item.count > 0);
  const prior = kindMean(rated);
  if (prior === null) {
    return [];
  }
  return rated
    .map((item) => ({ item, score: bayesianAverage(item, prior, weight) }))
    .sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))
    .slice(0, limit);
}

export const roundTo2 = (value: number): number => Math.round(value * 100) / 100;
