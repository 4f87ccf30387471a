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

/**
 * How much one counted rating weighs in the item's average and top-list score: 1, plus 1 for each proof that
 * its author had the item —
 *
 * | check-in                                                        | weight |
 * | --------------------------------------------------------------- | ------ |
 * | plain                                                           | 1      |
 * | verified photo (a photo's decoded barcode is the coffee's)      | 2      |
 * | verified purchase (an issued order of the item, or of a product | 2      |
 * | or listing that sells it)                                       |        |
 * | both                                                            | 3      |
 *
 * The count and the distribution count users, unweighted.
 */
export const PLAIN_WEIGHT = 1;
/** What each proof adds: a verified purchase, a verified pack photo. */
export const PROOF_WEIGHT = 1;
/** A rating with one proof (kept for the tables that name it). */
export const VERIFIED_WEIGHT = PLAIN_WEIGHT + PROOF_WEIGHT;

export const weightOf = (verifiedPurchase: boolean, verifiedPhoto = false): number =>
  PLAIN_WEIGHT + (verifiedPurchase ? PROOF_WEIGHT : 0) + (verifiedPhoto ? PROOF_WEIGHT : 0);

/** One user's counted rating: quarters, and its weight. */
export interface Rated {
  readonly quarters: number;
  readonly weight: number;
}

/** A counted check-in's rating as its aggregate takes it. */
export const ratedOf = (checkin: {
  readonly ratingQuarters: number;
  readonly verifiedPurchase: boolean;
  readonly verifiedPhoto: boolean;
}): Rated => ({
  quarters: checkin.ratingQuarters,
  weight: weightOf(checkin.verifiedPurchase, checkin.verifiedPhoto),
});

/**
 * An item's ratings as its row keeps them: how many users count, the sum in quarters, users per half star, and
 * the weighted sums the average and the top lists use (Σ weight and Σ weight × quarters).
 */
export interface RatingAggregate {
  readonly count: number;
  readonly sumQuarters: number;
  /** Index i holds the users whose rating falls in the half star (i + 1) / 2 (see {@link bucketOf}). */
  readonly distribution: readonly number[];
  /** Σ weight of the counted ratings. */
  readonly weight: number;
  /** Σ weight × quarters of the counted ratings. */
  readonly weightedQuarters: number;
}

export const EMPTY_AGGREGATE: RatingAggregate = {
  count: 0,
  sumQuarters: 0,
  distribution: Array.from({ length: DISTRIBUTION_BUCKETS }, () => 0),
  weight: 0,
  weightedQuarters: 0,
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

/**
 * The aggregate after one user's counted rating changes: `removed` stops counting, `added` starts (a rating
 * whose weight changes is removed at its old weight and added at its new one).
 */
export function applyRating(
  aggregate: RatingAggregate,
  change: { readonly removed?: Rated | null; readonly added?: Rated | null },
): RatingAggregate {
  const distribution = [...aggregate.distribution];
  let { count, sumQuarters, weight, weightedQuarters } = aggregate;
  if (change.removed) {
    count -= 1;
    sumQuarters -= change.removed.quarters;
    weight -= change.removed.weight;
    weightedQuarters -= change.removed.weight * change.removed.quarters;
    distribution[bucketOf(change.removed.quarters)] -= 1;
  }
  if (change.added) {
    count += 1;
    sumQuarters += change.added.quarters;
    weight += change.added.weight;
    weightedQuarters += change.added.weight * change.added.quarters;
    distribution[bucketOf(change.added.quarters)] += 1;
  }
  if (count < 0 || weight < 0 || distribution.some((users) => users < 0)) {
    throw new Error(
      `A rating aggregate cannot go below zero (${JSON.stringify(aggregate)}, ${JSON.stringify(change)})`,
    );
  }
  return { count, sumQuarters, distribution, weight, weightedQuarters };
}

/**
 * The aggregate of these counted ratings (one per user), computed from scratch; a bare number is a plain
 * (unverified) rating in quarters.
 */
export function aggregateOf(ratings: readonly (number | Rated)[]): RatingAggregate {
  return ratings.reduce<RatingAggregate>(
    (aggregate, added) =>
      applyRating(aggregate, {
        added: typeof added === 'number' ? { quarters: added, weight: PLAIN_WEIGHT } : added,
      }),
    EMPTY_AGGREGATE,
  );
}

/**
 * The weighted mean in stars, to two decimals: Σ (weight × stars) / Σ weight; null below `minCount` users
 * (and with none).
 */
export function averageOf(
  aggregate: Pick<RatingAggregate, 'count' | 'weight' | 'weightedQuarters'>,
  minCount: number,
): number | null {
  if (aggregate.count === 0 || aggregate.count < minCount) {
    return null;
  }
  return roundTo2(aggregate.weightedQuarters / QUARTERS_PER_STAR / aggregate.weight);
}

/**
 * The Bayesian average in stars that top lists rank by: the item's weighted ratings pulled towards the kind's
 * mean `prior` as if ratings of `weight` more had been given at the prior,
 * `(weight × prior + Σ wᵢ·starsᵢ) / (weight + Σ wᵢ)`. An item with few ratings stays near the kind's mean; one
 * with many approaches its own (weighted) mean.
 */
export function bayesianAverage(
  aggregate: Pick<RatingAggregate, 'weight' | 'weightedQuarters'>,
  prior: number,
  weight: number,
): number {
  return (weight * prior + aggregate.weightedQuarters / QUARTERS_PER_STAR) / (weight + aggregate.weight);
}

/** The kind's weighted mean in stars over every counted rating of its items (the prior); null with none. */
export function kindMean(
  aggregates: readonly Pick<RatingAggregate, 'weight' | 'weightedQuarters'>[],
): number | null {
  const weight = aggregates.reduce((total, aggregate) => total + aggregate.weight, 0);
  const sum = aggregates.reduce((total, aggregate) => total + aggregate.weightedQuarters, 0);
  return weight === 0 ? null : sum / QUARTERS_PER_STAR / weight;
}

/** Rated items ranked by Bayesian average (highest first, ties by id), at most `limit` of them. */
export function rankTop<
  T extends { readonly id: string } & Pick<RatingAggregate, 'count' | 'weight' | 'weightedQuarters'>,
>(items: readonly T[], weight: number, limit: number): { item: T; score: number }[] {
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
