import { describe, expect, it } from 'vitest';
import {
  aggregateOf,
  applyRating,
  averageOf,
  bayesianAverage,
  bucketOf,
  EMPTY_AGGREGATE,
  kindMean,
  rankTop,
  ratedOf,
  toQuarters,
  weightOf,
} from './rating.js';

describe('check-in rating maths', () => {
  it.each([
    [0.25, 1],
    [0.5, 2],
    [3.75, 15],
    [5, 20],
  ])('takes %s stars as %s quarters', (stars, quarters) => {
    expect(toQuarters(stars)).toBe(quarters);
  });

  it.each([0, 0.3, 5.25, 6, -1, Number.NaN, Number.POSITIVE_INFINITY, '4', null])(
    'refuses %s stars',
    (stars) => {
      expect(toQuarters(stars)).toBeUndefined();
    },
  );

  it.each([
    [1, 0, '0.25 → 0.5'],
    [2, 0, '0.5 → 0.5'],
    [3, 1, '0.75 → 1'],
    [4, 1, '1 → 1'],
    [13, 6, '3.25 → 3.5'],
    [14, 6, '3.5 → 3.5'],
    [19, 9, '4.75 → 5'],
    [20, 9, '5 → 5'],
  ])('puts %s quarters in half-star bucket %s (%s)', (quarters, bucket) => {
    expect(bucketOf(quarters)).toBe(bucket);
  });

  const plain = (quarters: number) => ({ quarters, weight: weightOf(false) });
  const verified = (quarters: number) => ({ quarters, weight: weightOf(true) });

  it('weighs a verified purchase 2 and any other rating 1', () => {
    expect([weightOf(true), weightOf(false)]).toEqual([2, 1]);
  });

  it('weighs a verified pack photo 2, and a check-in with both proofs 3 (the documented table)', () => {
    expect([
      weightOf(false, false),
      weightOf(false, true),
      weightOf(true, false),
      weightOf(true, true),
    ]).toEqual([1, 2, 2, 3]);
    expect(ratedOf({ ratingQuarters: 16, verifiedPurchase: true, verifiedPhoto: true })).toEqual({
      quarters: 16,
      weight: 3,
    });
    // 5 ★ with both proofs, 4 ★ by photo, 1 ★ plain: (3·20 + 2·16 + 1·4) / 6 quarters = 4 ★.
    const aggregate = aggregateOf([
      { quarters: 20, weight: weightOf(true, true) },
      { quarters: 16, weight: weightOf(false, true) },
      4,
    ]);
    expect(aggregate).toMatchObject({ count: 3, sumQuarters: 40, weight: 6, weightedQuarters: 96 });
    expect(averageOf(aggregate, 1)).toBe(4);
  });

  it('adds, replaces, reweighs and removes a user’s counted rating, ending where a recomputation does', () => {
    let aggregate = applyRating(EMPTY_AGGREGATE, { added: plain(20) });
    aggregate = applyRating(aggregate, { added: plain(12) });
    expect(aggregate).toEqual({
      count: 2,
      sumQuarters: 32,
      distribution: [0, 0, 0, 0, 0, 1, 0, 0, 0, 1],
      weight: 2,
      weightedQuarters: 32,
    });
    // The second user checks in again with 4 stars: the new rating replaces the old one.
    aggregate = applyRating(aggregate, { removed: plain(12), added: plain(16) });
    expect(aggregate).toEqual(aggregateOf([20, 16]));
    // The first user's purchase is issued: the same rating now weighs 2.
    aggregate = applyRating(aggregate, { removed: plain(20), added: verified(20) });
    expect(aggregate).toEqual(aggregateOf([verified(20), 16]));
    expect(aggregate).toMatchObject({ count: 2, sumQuarters: 36, weight: 3, weightedQuarters: 56 });
    aggregate = applyRating(aggregate, { removed: verified(20) });
    expect(aggregate).toEqual({
      count: 1,
      sumQuarters: 16,
      distribution: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
      weight: 1,
      weightedQuarters: 16,
    });
    expect(() => applyRating(EMPTY_AGGREGATE, { removed: plain(4) })).toThrow(/below zero/);
  });

  it('shows the weighted average only from the minimum count of users, to two decimals', () => {
    // 10 plain ratings summing 140 quarters = 35 stars: 3.5.
    expect(averageOf({ count: 10, weight: 10, weightedQuarters: 140 }, 10)).toBe(3.5);
    expect(averageOf({ count: 9, weight: 9, weightedQuarters: 140 }, 10)).toBeNull();
    expect(averageOf({ count: 0, weight: 0, weightedQuarters: 0 }, 0)).toBeNull();
    // 3 ratings of 4.25, 4.5 and 5: 55 quarters / 4 / 3 = 4.5833… → 4.58.
    expect(averageOf(aggregateOf([17, 18, 20]), 1)).toBe(4.58);
    // c below: 5 verified 4s (weight 2 each) and 5 plain 3s: (5·2·4 + 5·3) / (5·2 + 5) = 55 / 15 = 3.666… → 3.67,
    // where the plain mean is 3.5.
    const c = aggregateOf([
      ...Array.from({ length: 5 }, () => verified(16)),
      ...Array.from({ length: 5 }, () => plain(12)),
    ]);
    expect(c).toMatchObject({ count: 10, sumQuarters: 140, weight: 15, weightedQuarters: 220 });
    expect(averageOf(c, 10)).toBe(3.67);
  });

  /**
   * Worked out by hand, weight C = 10 (RATING_MIN_COUNT's default), a verified purchase weighing 2 and any
   * other rating 1 (Σw: the ratings' weights; Σw·★: each rating's stars times its weight):
   *
   * | item | ratings                            | count | Σw | Σw·★  | own mean      | score = (C·m + Σw·★) / (C + Σw)  |
   * | ---- | ---------------------------------- | ----- | -- | ----- | ------------- | -------------------------------- |
   * | a    | 2 plain 5s                         |     2 |  2 |  10   | 5.00          | (38.7 + 10) / 12 = 4.058333…     |
   * | b    | 5 verified and 15 plain 4.5s       |    20 | 25 | 112.5 | 4.50          | (38.7 + 112.5) / 35 = 4.32       |
   * | c    | 5 verified 4s and 5 plain 3s       |    10 | 15 |  55   | 3.666… (3.5 unweighted) | (38.7 + 55) / 25 = 3.748 |
   * | d    | 8 plain 2s                         |     8 |  8 |  16   | 2.00          | (38.7 + 16) / 18 = 3.038888…     |
   * | e    | none                               |     0 |  0 |   0   | –             | not ranked                       |
   *
   * The prior m is the kind's weighted mean over every counted rating: (10 + 112.5 + 55 + 16) / (2 + 25 + 15 + 8)
   * = 193.5 / 50 = 3.87, so C·m = 38.7. Two perfect ratings (a) rank below twenty ratings of 4.5 (b).
   */
  const table = [
    { id: 'a', count: 2, weight: 2, weightedQuarters: 40 },
    { id: 'b', count: 20, weight: 25, weightedQuarters: 450 },
    { id: 'c', count: 10, weight: 15, weightedQuarters: 220 },
    { id: 'd', count: 8, weight: 8, weightedQuarters: 64 },
    { id: 'e', count: 0, weight: 0, weightedQuarters: 0 },
  ];

  it('takes the kind’s weighted mean over every counted rating as the prior', () => {
    expect(kindMean(table)).toBe(3.87);
    expect(kindMean([{ weight: 0, weightedQuarters: 0 }])).toBeNull();
  });

  it.each([
    ['a', 48.7 / 12, 4.058333],
    ['b', 151.2 / 35, 4.32],
    ['c', 93.7 / 25, 3.748],
    ['d', 54.7 / 18, 3.038888],
  ])('scores %s as the hand-computed table says', (id, exact, printed) => {
    const item = table.find((row) => row.id === id)!;
    expect(bayesianAverage(item, 3.87, 10)).toBeCloseTo(exact, 12);
    expect(bayesianAverage(item, 3.87, 10)).toBeCloseTo(printed, 5);
  });

  it('ranks by Bayesian average, leaves unrated items out and keeps to the limit', () => {
    expect(rankTop(table, 10, 10).map(({ item }) => item.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(rankTop(table, 10, 2).map(({ item, score }) => [item.id, Number(score.toFixed(6))])).toEqual([
      ['b', 4.32],
      ['a', 4.058333],
    ]);
    // With no weight the raw (weighted) means rank: a's two perfect ratings come first.
    expect(rankTop(table, 0, 4).map(({ item }) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(rankTop([{ id: 'x', count: 0, weight: 0, weightedQuarters: 0 }], 10, 5)).toEqual([]);
  });
});
