import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { encodeCursor } from './cursor.js';
import { afterCursor, tieDirection } from './keyset.js';
import { boundedTotal, valuesKey, type Total } from './total.js';
import type { ParsedFilter, ParsedListQuery } from './list-query.js';

/** One page of a list route: `{items, total, totalExact, page, limit, nextCursor}`. */
export interface Page<T> {
  readonly items: T[];
  /** Items matching the filters and search, on every page: exact up to the cap, else the cap. */
  readonly total: number;
  /** False when more items match than the cap counts (`total` is then the cap). */
  readonly totalExact: boolean;
  /** The page number; null when the page was asked for by cursor. */
  readonly page: number | null;
  readonly limit: number;
  /** Pass as `cursor` for the next page (keyset paging); null on the last page. */
  readonly nextCursor: string | null;
}

export { setListTotalCap } from './total.js';

/**
 * A page of `items` (already cut to the limit), counted `count`. When more rows were fetched than the limit,
 * the next cursor is made of the page's last row's sort keys and id, selected as `lq_key_<n>`.
 */
export function pageOf<T>(
  items: T[],
  count: Total,
  query: ParsedListQuery,
  last: Readonly<Record<string, unknown>> | undefined,
  more: boolean,
): Page<T> {
  return {
    items,
    total: count.total,
    totalExact: count.exact,
    page: query.cursor ? null : query.page,
    limit: query.limit,
    nextCursor:
      more && last
        ? encodeCursor(
            query.sort,
            [...query.sort, undefined].map(
              (_key, index) => (last[`lq_key_${index}`] as string | null) ?? null,
            ),
          )
        : null,
  };
}

/** The page with its items turned into DTOs. */
export function mapPage<T, R>(page: Page<T>, toDto: (item: T) => R): Page<R> {
  return { ...page, items: page.items.map(toDto) };
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function condition(column: string, filter: ParsedFilter, param: string): [string, Record<string, unknown>] {
  const value = filter.value;
  switch (filter.operator) {
    case 'eq':
      return [`${column} = :${param}`, { [param]: value }];
    case 'ne':
      return [`${column} <> :${param}`, { [param]: value }];
    case 'gt':
      return [`${column} > :${param}`, { [param]: value }];
    case 'gte':
      return [`${column} >= :${param}`, { [param]: value }];
    case 'lt':
      return [`${column} < :${param}`, { [param]: value }];
    case 'lte':
      return [`${column} <= :${param}`, { [param]: value }];
    case 'in':
      return [`${column} IN (:...${param})`, { [param]: value }];
    case 'like':
      return [`${column} LIKE :${param}`, { [param]: `%${escapeLike(String(value))}%` }];
    case 'ilike':
      return [`${column} ILIKE :${param}`, { [param]: `%${escapeLike(String(value))}%` }];
    case 'between': {
      const [low, high] = value as unknown[];
      return [
        `${column} BETWEEN :${param}_low AND :${param}_high`,
        { [`${param}_low`]: low, [`${param}_high`]: high },
      ];
    }
    case 'null':
      return [value ? `${column} IS NULL` : `${column} IS NOT NULL`, {}];
  }
}

/**
 * A copy of the list's query on its root rows alone: no order, no selected relations, and no joins but the
 * inner joins of to-one relations, which can drop a row (`innerJoinAndSelect('follow.follower', 'follower',
 * 'follower.verified')`) without repeating one: the page's ids and the count must drop it too, or pages come
 * short and lose their next cursor.
 */
function rootRows<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const rows = builder.clone();
  rows.expressionMap.joinAttributes = rows.expressionMap.joinAttributes.filter(
    (join) =>
      join.direction === 'INNER' &&
      (join.relation?.isManyToOne === true || join.relation?.isOneToOne === true),
  );
  rows.expressionMap.relationIdAttributes = [];
  rows.expressionMap.orderBys = {};
  return rows;
}

/** `count(*)` of the matching rows, reading at most `cap + 1` of them (bounded and remembered by `boundedTotal`). */
function countUpTo<T extends ObjectLiteral>(rows: SelectQueryBuilder<T>): Total | Promise<Total> {
  const [query, parameters] = rows.clone().select('1').getQueryAndParameters() as [string, unknown[]];
  const sql = `SELECT count(*)::int AS count FROM (${query} LIMIT $${parameters.length + 1}) AS "lq_matching"`;
  return boundedTotal(`${sql}\u0000${valuesKey(parameters)}`, async (cap) => {
    const [{ count }] = await rows.connection.query<{ count: number }[]>(sql, [...parameters, cap + 1]);
    return count;
  });
}

/**
 * Runs a parsed list query on a query builder whose root alias holds the list's rows (with a uuid `id`).
 * The builder's joins only load relations: filters, search and sort apply to root columns (field names
 * were checked against the route's allow-list by parseListQuery; values are bound as parameters).
 *
 * Two short queries at once, none reading more than it returns: the page's rows with their relations,
 * picked by a subquery that walks the sort's index (offset or keyset) for the page's ids, and a count that
 * stops at LIST_TOTAL_CAP. TypeORM's skip/take over joins, which reads every row, is never used.
 */
export async function findPage<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  query: ParsedListQuery,
  searchable: readonly string[] = [],
): Promise<Page<T>> {
  const alias = builder.alias;
  query.filters.forEach((filter, index) => {
    const [sql, params] = condition(`${alias}.${filter.field}`, filter, `lq_filter_${index}`);
    builder.andWhere(sql, params);
  });
  if (query.search && searchable.length > 0) {
    builder.andWhere(
      new Brackets((where) => {
        searchable.forEach((field) => where.orWhere(`${alias}.${field} ILIKE :lq_search`));
      }),
      { lq_search: `%${escapeLike(query.search)}%` },
    );
  }
  const rows = rootRows(builder);
  const metadata = builder.expressionMap.mainAlias!.metadata;
  const keys = [...query.sort.map((sort) => sort.field), 'id'];
  const ties = tieDirection(query.sort);
  // The page's ids, by index: the root rows alone, in order, after the offset or the cursor.
  const pageIds = rows.clone().select(`${alias}.id`, 'lq_id');
  query.sort.forEach((sort) => pageIds.addOrderBy(`${alias}.${sort.field}`, sort.direction));
  pageIds.addOrderBy(`${alias}.id`, ties);
  if (query.cursor) {
    const cursor = query.cursor;
    const params: Record<string, string> = {};
    pageIds.andWhere(
      afterCursor(
        [...query.sort, { field: 'id', direction: ties }].map((key) => ({
          column: `${alias}.${key.field}`,
          direction: key.direction,
          nullable: metadata.findColumnWithPropertyPath(key.field)?.isNullable ?? true,
        })),
        cursor,
        (index) => {
          params[`lq_cursor_${index}`] = cursor[index]!;
          return `:lq_cursor_${index}`;
        },
      ),
      params,
    );
  } else {
    pageIds.offset((query.page - 1) * query.limit);
  }
  pageIds.limit(query.limit + 1);
  // The page's rows with their relations in the same statement, in the same order, with the sort keys as
  // PostgreSQL prints them (a cursor loses no precision: timestamps keep their microseconds).
  builder.andWhere(`${alias}.id IN (${pageIds.getQuery()})`).setParameters(pageIds.getParameters());
  keys.forEach((field, index) => {
    const column = metadata.findColumnWithPropertyPath(field);
    if (!column) {
      throw new Error(`list query field ${field} is not a column of ${metadata.name}`);
    }
    builder.addSelect(
      `${builder.escape(alias)}.${builder.escape(column.databaseName)}::text`,
      `lq_key_${index}`,
    );
  });
  const ownOrder = builder.expressionMap.orderBys;
  builder.expressionMap.orderBys = {};
  query.sort.forEach((sort) => builder.addOrderBy(`${alias}.${sort.field}`, sort.direction));
  builder.addOrderBy(`${alias}.id`, ties);
  Object.entries(ownOrder).forEach(([order, direction]) =>
    typeof direction === 'string'
      ? builder.addOrderBy(order, direction)
      : builder.addOrderBy(order, direction.order, direction.nulls),
  );
  const [{ raw, entities }, count] = await Promise.all([
    builder.getRawAndEntities<Record<string, string | null>>(),
    countUpTo(rows),
  ]);
  // Rows repeat for to-many relations: the first of each id, in order, carries the page's order and keys.
  const idKey = `lq_key_${keys.length - 1}`;
  const firstRows = new Map<string, Record<string, string | null>>();
  raw.forEach((row) => {
    const id = row[idKey] as string;
    if (!firstRows.has(id)) {
      firstRows.set(id, row);
    }
  });
  const found = [...firstRows.values()];
  const page = found.slice(0, query.limit);
  const byId = new Map(entities.map((item) => [(item as unknown as { id: string }).id, item]));
  return pageOf(
    page.map((row) => byId.get(row[idKey] as string)).filter((item): item is T => item !== undefined),
    count,
    query,
    page.at(-1),
    found.length > query.limit,
  );
}
