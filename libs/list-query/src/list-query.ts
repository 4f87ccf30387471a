import { decodeCursor } from './cursor.js';
import { parseIsoDate } from './iso-date.js';

/**
 * Generic list queries for every GET list route (seed 001: sort, filter any allowed field by any
 * operator, text search, pagination). Field names come only from the route's allow-lists, never from
 * the raw query string, because TypeORM's orderBy and where paths are not injection-safe; values are
 * always bound as parameters.
 *
 *   ?sort=-createdAt,login  &filter[login][ilike]=ann  &filter[rating][between]=3,5  &search=coffee
 *   &page=2&limit=20        (or &cursor=<nextCursor of the previous page>)
 */
/**
 * `integer` is a PostgreSQL int4 column (whole numbers within ±2³¹), `bigint` an int8 column (whole numbers
 * JavaScript holds exactly, within ±(2⁵³ − 1)); `number` any other numeric column.
 */
export type FieldType = 'string' | 'number' | 'integer' | 'bigint' | 'boolean' | 'date' | 'uuid';
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'like',
  'ilike',
  'between',
  'null',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface ListQuerySpec {
  /** Filterable and sortable fields (entity property names) and their types. */
  readonly fields: Readonly<Record<string, FieldType>>;
  /** Fields that may appear in `sort`; all of `fields` when absent. */
  readonly sortable?: readonly string[];
  /** String fields matched by `search` (case-insensitive substring). */
  readonly searchable?: readonly string[];
  /** e.g. `-createdAt`; ties are always broken by id. */
  readonly defaultSort: string;
  readonly defaultLimit?: number;
  readonly maxLimit?: number;
  /** The route's own query parameters besides the list query's; any other parameter is a 400. */
  readonly parameters?: readonly string[];
}

const LIST_PARAMETERS = new Set(['sort', 'search', 'page', 'limit', 'cursor']);

export type FilterValue = string | number | boolean | Date | (string | number | Date)[];

export interface ParsedFilter {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: FilterValue;
}

export interface ParsedSort {
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
}

export interface ParsedListQuery {
  readonly sort: readonly ParsedSort[];
  readonly filters: readonly ParsedFilter[];
  readonly search?: string;
  readonly page: number;
  readonly limit: number;
  /** Keyset position: the sort fields' values, then the id, of the last item already seen. */
  readonly cursor?: readonly (string | null)[];
}

export interface ListQueryProblem {
  readonly field: string;
  readonly messages: string[];
}

/** Thrown for a query that names an unknown field or operator, or a value of the wrong type. */
export class ListQueryError extends Error {
  constructor(readonly problems: readonly ListQueryProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.messages.join(', ')}`).join('; '));
    this.name = 'ListQueryError';
  }
}

export type RawQuery = Readonly<Record<string, unknown>>;

const FILTER_KEY = /^filter\[([A-Za-z][\w]*)\](?:\[([a-z]+)\])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 200;
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
/** Dates a list compares with: years 1 to 9999, which PostgreSQL and ISO 8601 both write plainly. */
const EARLIEST_DATE = Date.UTC(1, 0, 1) - 1;
const LATEST_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isStorableDate(value: Date): boolean {
  const time = value.getTime();
  return !Number.isNaN(time) && time > EARLIEST_DATE && time <= LATEST_DATE;
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    return single(value[value.length - 1]);
  }
  return typeof value === 'string' ? value : undefined;
}

function parseScalar(type: FieldType, raw: string): string | number | boolean | Date {
  switch (type) {
    case 'string':
      if (raw.length > MAX_TEXT) {
        throw new Error(`must be at most ${MAX_TEXT} characters`);
      }
      if (raw.includes('\u0000')) {
        throw new Error('must not contain NUL characters');
      }
      return raw;
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new Error('must be a number');
      }
      return value;
    }
    case 'integer': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isInteger(value) || value < INT4_MIN || value > INT4_MAX) {
        throw new Error(`must be a whole number from ${INT4_MIN} to ${INT4_MAX}`);
      }
      return value;
    }
    case 'bigint': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isSafeInteger(value)) {
        throw new Error(
          `must be a whole number from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`,
        );
      }
      return value;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        throw new Error('must be true or false');
      }
      return raw === 'true';
    case 'date': {
      const value = parseIsoDate(raw);
      if (!value || !isStorableDate(value)) {
        throw new Error('must be an ISO 8601 date between the years 1 and 9999');
      }
      return value;
    }
    case 'uuid':
      if (!UUID.test(raw)) {
        throw new Error('must be a UUID');
      }
      return raw;
  }
}

function parseFilterValue(type: FieldType, operator: FilterOperator, raw: string): FilterValue {
  switch (operator) {
    case 'null':
      if (raw !== 'true' && raw !== 'false') {
        throw new Error('null takes true (is null) or false (is not null)');
      }
      return raw === 'true';
    case 'between': {
      const bounds = raw.split(',');
      if (bounds.length !== 2) {
        throw new Error('between takes two comma-separated values: low,high');
      }
      if (type === 'boolean' || type === 'uuid') {
        throw new Error(`between does not apply to ${type} fields`);
      }
      return bounds.map((bound) => parseScalar(type, bound) as string | number | Date);
    }
    case 'in': {
      const items = raw.split(',');
      if (items.length > 100) {
        throw new Error('in takes at most 100 values');
      }
      if (type === 'boolean') {
        throw new Error('in does not apply to boolean fields');
      }
      return items.map((item) => parseScalar(type, item) as string | number | Date);
    }
    case 'like':
    case 'ilike':
      if (type !== 'string') {
        throw new Error(`${operator} applies to text fields only`);
      }
      return parseScalar(type, raw);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (type === 'boolean' || type === 'uuid') {
        throw new Error(`${operator} does not apply to ${type} fields`);
      }
      return parseScalar(type, raw);
    case 'eq':
    case 'ne':
      return parseScalar(type, raw);
  }
}

function parseInteger(
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  field: string,
): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ListQueryError([{ field, messages: [`must be an integer from ${min} to ${max}`] }]);
  }
  return value;
}

/** Validates a raw query string object against a route's allow-lists. */
export function parseListQuery(query: RawQuery, spec: ListQuerySpec): ParsedListQuery {
  const problems: ListQueryProblem[] = [];
  const sortable = new Set(spec.sortable ?? Object.keys(spec.fields));
  const maxLimit = spec.maxLimit ?? 100;

  const sortRaw = single(query.sort) ?? spec.defaultSort;
  const sort: ParsedSort[] = [];
  for (const part of sortRaw.split(',').filter(Boolean)) {
    const descending = part.startsWith('-');
    const field = descending || part.startsWith('+') ? part.slice(1) : part;
    if (!sortable.has(field)) {
      problems.push({
        field: 'sort',
        messages: [`cannot sort by "${field.slice(0, 50)}"; allowed: ${[...sortable].join(', ')}`],
      });
    } else {
      sort.push({ field, direction: descending ? 'DESC' : 'ASC' });
    }
  }

  const filters: ParsedFilter[] = [];
  for (const [key, rawValue] of Object.entries(query)) {
    if (!key.startsWith('filter')) {
      if (!LIST_PARAMETERS.has(key) && !spec.parameters?.includes(key)) {
        problems.push({
          field: key.slice(0, 80),
          messages: ['unknown parameter; lists take sort, filter[field][op], search, page, limit, cursor'],
        });
      }
      continue;
    }
    const match = FILTER_KEY.exec(key);
    const field = match?.[1];
    const type = field && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
    if (!match || !field || !type) {
      problems.push({
        field: key.slice(0, 80),
        messages: [`unknown filter; allowed fields: ${Object.keys(spec.fields).join(', ')}`],
      });
      continue;
    }
    const operator = (match[2] ?? 'eq') as FilterOperator;
    if (!FILTER_OPERATORS.includes(operator)) {
      problems.push({ field: key, messages: [`unknown operator; allowed: ${FILTER_OPERATORS.join(', ')}`] });
      continue;
    }
    const raw = single(rawValue);
    if (raw === undefined) {
      problems.push({ field: key, messages: ['must have a value'] });
      continue;
    }
    try {
      filters.push({ field, operator, value: parseFilterValue(type, operator, raw) });
    } catch (error) {
      problems.push({ field: key, messages: [(error as Error).message] });
    }
  }

  let search = single(query.search)?.trim();
  if (search && !spec.searchable?.length) {
    problems.push({ field: 'search', messages: ['this list has no text search'] });
    search = undefined;
  } else if (search && search.length > MAX_TEXT) {
    problems.push({ field: 'search', messages: [`must be at most ${MAX_TEXT} characters`] });
  } else if (search?.includes('\u0000')) {
    problems.push({ field: 'search', messages: ['must not contain NUL characters'] });
  }

  let page = 1;
  let limit = spec.defaultLimit ?? 20;
  try {
    page = parseInteger(single(query.page), 1, 1, 1_000_000, 'page');
  } catch (error) {
    problems.push(...(error as ListQueryError).problems);
  }
  try {
    limit = parseInteger(single(query.limit), limit, 1, maxLimit, 'limit');
  } catch (error) {
    problems.push(...(error as ListQueryError).problems);
  }

  const rawCursor = single(query.cursor);
  let cursor: readonly (string | null)[] | undefined;
  if (rawCursor !== undefined && problems.length === 0) {
    if (query.page !== undefined) {
      problems.push({ field: 'cursor', messages: ['use page or cursor, not both'] });
    } else {
      try {
        cursor = decodeCursor(rawCursor, sort, spec.fields);
      } catch (error) {
        problems.push({ field: 'cursor', messages: [(error as Error).message] });
      }
    }
  }

  if (problems.length > 0) {
    throw new ListQueryError(problems);
  }
  return { sort, filters, ...(search ? { search } : {}), page, limit, ...(cursor ? { cursor } : {}) };
}
