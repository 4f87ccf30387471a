import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ParsedFilter, ParsedListQuery } from './list-query.js';

export interface PageResult<T> {
  readonly items: T[];
  readonly page: number;
  readonly limit: number;
  readonly total: number;
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
      return [`${column} ILIKE :${param}`, { [param]: `%${escapeLike(String(value))}%` }];
    case 'isnull':
      return [value ? `${column} IS NULL` : `${column} IS NOT NULL`, {}];
  }
}

/**
 * Applies a parsed list query to a query builder whose root alias is `alias`. Field names were checked
 * against the allow-list by parseListQuery; values are always bound as parameters.
 */
export async function findPage<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  query: ParsedListQuery,
  searchable: readonly string[] = [],
): Promise<PageResult<T>> {
  query.filters.forEach((filter, index) => {
    const [sql, params] = condition(`${alias}.${filter.field}`, filter, `lq_filter_${index}`);
    builder.andWhere(sql, params);
  });
  if (query.search && searchable.length > 0) {
    const clauses = searchable.map((field) => `${alias}.${field} ILIKE :lq_search`);
    builder.andWhere(`(${clauses.join(' OR ')})`, { lq_search: `%${escapeLike(query.search)}%` });
  }
  query.sort.forEach((sort, index) => {
    if (index === 0) {
      builder.orderBy(`${alias}.${sort.field}`, sort.direction);
    } else {
      builder.addOrderBy(`${alias}.${sort.field}`, sort.direction);
    }
  });
  builder.addOrderBy(`${alias}.id`, 'ASC');
  builder.skip((query.page - 1) * query.limit).take(query.limit);
  const [items, total] = await builder.getManyAndCount();
  return { items, page: query.page, limit: query.limit, total };
}
