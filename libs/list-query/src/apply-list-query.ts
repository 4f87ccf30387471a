import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { encodeCursor } from './cursor.js';
import type { ParsedFilter, ParsedListQuery, ParsedSort } from './list-query.js';

/** One page of a list route: `{items, total, page, limit, nextCursor}`. */
export interface Page<T> {
  readonly items: T[];
  /** Items matching the filters and search, on every page. */
  readonly total: number;
  /** The page number; null when the page was asked for by cursor. */
  readonly page: number | null;
  readonly limit: number;
  /** Pass as `cursor` for the next page (keyset paging); null on the last page. */
  readonly nextCursor: string | null;
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
 * Rows after the cursor in this order: for sort keys k1..kn (then id) and the cursor's values v1..vn,
 * `k1 after v1 OR (k1 = v1 AND k2 after v2) OR …`. PostgreSQL puts NULLs last ascending and first
 * descending, and so does this.
 */
function whereAfterCursor(
  where: WhereExpressionBuilder,
  alias: string,
  sort: readonly ParsedSort[],
  cursor: readonly (string | null)[],
): void {
  const keys = [...sort, { field: 'id', direction: 'ASC' as const }];
  const params: Record<string, string> = {};
  const same = (index: number): string => {
    const column = `${alias}.${keys[index].field}`;
    const value = cursor[index];
    if (value === null) {
      return `${column} IS NULL`;
    }
    params[`lq_cursor_${index}`] = value;
    return `${column} = :lq_cursor_${index}`;
  };
  const after = (index: number): string | undefined => {
    const { field, direction } = keys[index];
    const column = `${alias}.${field}`;
    const value = cursor[index];
    if (value === null) {
      return direction === 'DESC' ? `${column} IS NOT NULL` : undefined;
    }
    params[`lq_cursor_${index}`] = value;
    return direction === 'DESC'
      ? `${column} < :lq_cursor_${index}`
      : `(${column} > :lq_cursor_${index} OR ${column} IS NULL)`;
  };
  const branches: string[] = [];
  keys.forEach((_key, index) => {
    const step = after(index);
    if (step) {
      branches.push([...keys.slice(0, index).map((_previous, before) => same(before)), step].join(' AND '));
    }
  });
  where.andWhere(
    branches.length > 0 ? `(${branches.map((branch) => `(${branch})`).join(' OR ')})` : 'FALSE',
    params,
  );
}

/** The sort values and id of a row as PostgreSQL prints them, for a cursor that loses no precision. */
async function cursorAfter<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  sort: readonly ParsedSort[],
  last: T,
): Promise<string> {
  const metadata = builder.expressionMap.mainAlias!.metadata;
  const fields = [...sort.map((item) => item.field), 'id'];
  const selection = builder.connection
    .createQueryBuilder()
    .from(metadata.target, 'row')
    .where('row.id = :id', { id: (last as { id?: unknown }).id });
  fields.forEach((field, index) => {
    const column = metadata.findColumnWithPropertyPath(field);
    if (!column) {
      throw new Error(`list query field ${field} is not a column of ${metadata.name}`);
    }
    selection.addSelect(`"row".${builder.escape(column.databaseName)}::text`, `v${index}`);
  });
  const row = await selection.getRawOne<Record<string, string | null>>();
  return encodeCursor(
    sort,
    fields.map((_field, index) => row?.[`v${index}`] ?? null),
  );
}

/**
 * Runs a parsed list query on a query builder (root alias: the entity's rows, which have a uuid `id`).
 * Field names were checked against the route's allow-list by parseListQuery; values are bound as
 * parameters. Pages by number (offset) or, with a cursor, by keyset; either way the answer carries the
 * cursor of the next page.
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
  const total = await builder.getCount();
  query.sort.forEach((sort, index) => {
    if (index === 0) {
      builder.orderBy(`${alias}.${sort.field}`, sort.direction);
    } else {
      builder.addOrderBy(`${alias}.${sort.field}`, sort.direction);
    }
  });
  builder.addOrderBy(`${alias}.id`, 'ASC');
  if (query.cursor) {
    whereAfterCursor(builder, alias, query.sort, query.cursor);
  } else {
    builder.skip((query.page - 1) * query.limit);
  }
  const rows = await builder.take(query.limit + 1).getMany();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    total,
    page: query.cursor ? null : query.page,
    limit: query.limit,
    nextCursor: rows.length > query.limit && last ? await cursorAfter(builder, query.sort, last) : null,
  };
}
