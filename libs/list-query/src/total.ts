/** How far a list's total is counted exactly (LIST_TOTAL_CAP): past it the answer says `totalExact: false`. */
let totalCap = 10_000;

/** How long a count that reached the cap is believed without counting again. */
export const CAPPED_TOTAL_TTL_MS = 10_000;
/** Counts that reached the cap, remembered at most: the oldest go first. */
const CAPPED_TOTALS_KEPT = 1_000;

/** Lists (count statement and its values) whose count reached the cap, with when that stops being believed. */
const cappedTotals = new Map<string, number>();

export function setListTotalCap(cap: number): void {
  totalCap = cap;
  cappedTotals.clear();
}

export function listTotalCap(): number {
  return totalCap;
}

export interface Total {
  readonly total: number;
  readonly exact: boolean;
}

const CAPPED = (): Total => ({ total: totalCap, exact: false });

/**
 * The bounded total of a list: `count` runs the statement that counts at most `cap + 1` matching rows.
 *
 * Counting up to the cap costs a walk of up to 10,000 index entries on every page of a big list, so a count
 * that reached the cap is remembered for CAPPED_TOTAL_TTL_MS per statement and values (in this process): a
 * list that had more than the cap matching rows a few seconds ago answers `{ total: cap, totalExact: false }`
 * without counting. Totals under the cap are always counted, so they are exact at once after every write; a
 * list can fall from above the cap to below it only by mass deletion, and then shows the cap for at most the
 * TTL longer.
 */
export function boundedTotal(key: string, count: (cap: number) => Promise<number>): Total | Promise<Total> {
  const believedUntil = cappedTotals.get(key);
  const now = Date.now();
  if (believedUntil !== undefined) {
    if (believedUntil > now) {
      return CAPPED();
    }
    cappedTotals.delete(key);
  }
  const cap = totalCap;
  return count(cap).then((total) => {
    if (total <= cap) {
      return { total, exact: true };
    }
    if (cap === totalCap) {
      if (cappedTotals.size >= CAPPED_TOTALS_KEPT) {
        cappedTotals.delete(cappedTotals.keys().next().value!);
      }
      cappedTotals.set(key, Date.now() + CAPPED_TOTAL_TTL_MS);
    }
    return { total: cap, exact: false };
  });
}

/** A cache key for values bound to a statement (dates by their instant). */
export function valuesKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}
