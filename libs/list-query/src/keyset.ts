import type { ParsedSort } from './list-query.js';

/** A key of a list's order: a sort field's column (or the id), its direction and whether it can be NULL. */
export interface KeysetColumn {
  /** The column as SQL, e.g. `"coffee"."created_at"`. */
  readonly column: string;
  readonly direction: 'ASC' | 'DESC';
  readonly nullable: boolean;
}

/**
 * Ties go by id in the direction of the last sort key, so one btree on (field, id) serves the sort both
 * ways, read forwards or backwards, with no sort step however many rows tie.
 */
export function tieDirection(sort: readonly ParsedSort[]): 'ASC' | 'DESC' {
  return sort.at(-1)?.direction ?? 'ASC';
}

/**
 * The condition for the rows after the cursor in the list's order, as SQL with the cursor's values bound by
 * `param(index)` (the index into `cursor`; NULL values are never bound). `keys` are the sort's columns then
 * the id's; PostgreSQL puts NULLs last ascending and first descending, and so does this.
 *
 * When every key goes the same way and none can be NULL (the common `-createdAt`, `name`, …), it is the row
 * comparison `(k1, …, id) < (v1, …, vid)` (`>` ascending): PostgreSQL walks the (k1, …, id) btree from the
 * cursor as an index condition, so a page 500,000 rows deep reads what the first page reads. Otherwise it is
 * `k1 after v1 OR (k1 = v1 AND k2 after v2) OR …`, with a bound on k1 that the OR implies (`k1 <= v1`
 * descending, `k1 >= v1` ascending on a NOT NULL column, `k1 IS NULL` ascending after a NULL) so that the walk
 * still starts at the cursor, not at the list's first row.
 */
export function afterCursor(
  keys: readonly KeysetColumn[],
  cursor: readonly (string | null)[],
  param: (index: number) => string,
): string {
  const direction = keys[0].direction;
  if (
    keys.every((key) => key.direction === direction && !key.nullable) &&
    cursor.every((value) => value !== null)
  ) {
    const columns = keys.map((key) => key.column).join(', ');
    const values = keys.map((_key, index) => param(index)).join(', ');
    return `(${columns}) ${direction === 'DESC' ? '<' : '>'} (${values})`;
  }
  const same = (index: number): string =>
    cursor[index] === null ? `${keys[index].column} IS NULL` : `${keys[index].column} = ${param(index)}`;
  const after = (index: number): string | undefined => {
    const { column, direction: way } = keys[index];
    if (cursor[index] === null) {
      return way === 'DESC' ? `${column} IS NOT NULL` : undefined;
    }
    return way === 'DESC'
      ? `${column} < ${param(index)}`
      : `(${column} > ${param(index)} OR ${column} IS NULL)`;
  };
  const branches: string[] = [];
  keys.forEach((_key, index) => {
    const step = after(index);
    if (step) {
      branches.push([...keys.slice(0, index).map((_previous, before) => same(before)), step].join(' AND '));
    }
  });
  const conditions = [
    branches.length > 0 ? `(${branches.map((branch) => `(${branch})`).join(' OR ')})` : 'FALSE',
  ];
  const first = keys[0];
  if (cursor[0] === null) {
    if (first.direction === 'ASC') {
      conditions.push(`${first.column} IS NULL`);
    }
  } else if (first.direction === 'DESC') {
    conditions.push(`${first.column} <= ${param(0)}`);
  } else if (!first.nullable) {
    conditions.push(`${first.column} >= ${param(0)}`);
  }
  return conditions.join(' AND ');
}
