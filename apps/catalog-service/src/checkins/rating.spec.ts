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
  toQuarters,
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

  it('adds, replaces and removes a user’s counted rating, ending where a recomputation does', () => {
    let aggregate = applyRating(EMPTY_AGGREGATE, { added: 20 });
    aggregate = applyRating(aggregate, { added: 12 });
    expect(aggregate).toEqual({ count: 2, sumQuarters: 32, distribution: [0, 0, 0, 0, 0, 1, 0, 0, 0, 1] });
    // The second user checks in again with 4 stars: the new rating replaces the old one.
    aggregate = applyRating(aggregate, { removed: 12, added: 16 });
    expect(aggregate).toEqual(aggregateOf([20, 16]));
    aggregate = applyRating(aggregate, { removed: 20 });
    expect(aggregate).toEqual({ count: 1, sumQuarters: 16, distribution: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0] });
    expect(() => applyRating(EMPTY_AGGREGATE, { removed: 4 })).toThrow(/below zero/);
  });

  it('shows the average only from the minimum count, to two decimals', () => {
    // 10 ratings summing 140 quarters = 35 stars: 3.5.
    expect(averageOf({ count: 10, sumQuarters: 140 }, 10)).toBe(3.5);
    expect(averageOf({ count: 9, sumQuarters: 140 }, 10)).toBeNull();
    expect(averageOf({ count: 0, sumQuarters: 0 }, 0)).toBeNull();
    // 3 ratings of 4.25, 4.5 and 5: 55 quarters / 4 / 3 = 4.5833… → 4.58.
    expect(averageOf(aggregateOf([17, 18, 20]), 1)).toBe(4.58);
  });

  /**
   * Worked out by hand, weight C = 10 (RATING_MIN_COUNT's default):
   *
   * | item | count | Σ stars | own mean | score = (C·m + Σ) / (C + count)       |
   * | ---- | ----- | ------- | -------- | ------------------------------------- |
   * | a    |     2 |      10 |     5.00 | (37.75 + 10) / 12 = 47.75 / 12 = 3.979166… |
   * | b    |    20 |      90 |     4.50 | (37.75 + 90) / 30 = 127.75 / 30 = 4.258333… |
   * | c    |    10 |      35 |     3.50 | (37.75 + 35) / 20 = 72.75 / 20 = 3.6375 |
   * | d    |     8 |      16 |     2.00 | (37.75 + 16) / 18 = 53.75 / 18 = 2.986111… |
   * | e    |     0 |       0 |        – | not ranked                            |
   *
   * The prior m is the kind's mean over every counted rating: (10 + 90 + 35 + 16) / (2 + 20 + 10 + 8)
   * = 151 / 40 = 3.775, so C·m = 37.75. Two perfect ratings (a) rank below twenty ratings of 4.5 (b).
   */
  const table = [
    { id: 'a', count: 2, sumQuarters: 40 },
    { id: 'b', count: 20, sumQuarters: 360 },
    { id: 'c', count: 10, sumQuarters: 140 },
    { id: 'd', count: 8, sumQuarters: 64 },
    { id: 'e', count: 0, sumQuarters: 0 },
  ];

  it('takes the kind’s mean over every counted rating as the prior', () => {
    expect(kindMean(table)).toBe(3.775);
    expect(kindMean([{ count: 0, sumQuarters: 0 }])).toBeNull();
  });

  it.each([
    ['a', 47.75 / 12, 3.979166],
    ['b', 127.75 / 30, 4.258333],
    ['c', 72.75 / 20, 3.6375],
    ['d', 53.75 / 18, 2.986111],
  ])('scores %s as the hand-computed table says', (id, exact, printed) => {
    const item = table.find((row) => row.id === id)!;
    expect(bayesianAverage(item, 3.775, 10)).toBeCloseTo(exact, 12);
    expect(bayesianAverage(item, 3.775, 10)).toBeCloseTo(printed, 5);
  });

  it('ranks by Bayesian average, leaves unrated items out and keeps to the limit', () => {
    expect(rankTop(table, 10, 10).map(({ item }) => item.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(rankTop(table, 10, 2).map(({ item, score }) => [item.id, Number(score.toFixed(6))])).toEqual([
      ['b', 4.258333],
      ['a', 3.979167],
    ]);
    // With no weight the raw means rank: a's two perfect ratings come first.
    expect(rankTop(table, 0, 4).map(({ item }) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(rankTop([{ id: 'x', count: 0, sumQuarters: 0 }], 10, 5)).toEqual([]);
  });
});
