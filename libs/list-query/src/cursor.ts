import { parseIsoDate } from './iso-date.js';
import type { FieldType, ParsedSort } from './list-query.js';

/**
 * Keyset cursors: base64url JSON of the sort they were made for and the last item's sort values and id, as
 * PostgreSQL prints them (`::text`, so timestamps keep their microseconds). Values are checked against the
 * field types here and bound as parameters later; a tampered cursor is a 400, never SQL.
 */
interface CursorBody {
  /** The sort, e.g. `-createdAt,login`. */
  readonly s: string;
  /** The sort fields' values, then the id; null for SQL NULL. */
  readonly v: readonly (string | null)[];
}

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a cursor value is one a column of this type can hold, so binding it never makes SQL fail. */
const VALID_TEXT: Readonly<Record<FieldType, (text: string) => boolean>> = {
  string: (text) => text.length <= 1000 && !text.includes('\u0000'),
  number: (text) => NUMBER.test(text) && Number.isFinite(Number(text)),
  integer: (text) => /^-?\d{1,10}$/.test(text) && Number(text) >= INT4_MIN && Number(text) <= INT4_MAX,
  bigint: (text) => /^-?\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text)),
  boolean: (text) => text === 'true' || text === 'false',
  date: (text) => parseIsoDate(text) !== undefined,
  uuid: (text) => UUID.test(text),
};

export function sortKey(sort: readonly ParsedSort[]): string {
  return sort.map((item) => `${item.direction === 'DESC' ? '-' : ''}${item.field}`).join(',');
}

export function encodeCursor(sort: readonly ParsedSort[], values: readonly (string | null)[]): string {
  const body: CursorBody = { s: sortKey(sort), v: values };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The cursor's values for this sort (its fields, then the id); throws with a message for the client. */
export function decodeCursor(
  raw: string,
  sort: readonly ParsedSort[],
  fields: Readonly<Record<string, FieldType>>,
): readonly (string | null)[] {
  let body: unknown;
  try {
    body = raw.length <= 4096 ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const candidate = body as Partial<CursorBody> | undefined;
  if (typeof candidate?.s !== 'string' || !Array.isArray(candidate.v)) {
    throw new Error('is not a cursor from this list; use nextCursor as it came');
  }
  if (candidate.s !== sortKey(sort)) {
    throw new Error(`was made for sort=${candidate.s.slice(0, 80)}; keep the sort while paging`);
  }
  const types: FieldType[] = [
    ...sort.map((item) => (Object.hasOwn(fields, item.field) ? fields[item.field] : 'string')),
    'uuid',
  ];
  const values = candidate.v as unknown[];
  const valid =
    values.length === types.length &&
    values.every(
      (value, index) =>
        (value === null && index < types.length - 1) ||
        (typeof value === 'string' && VALID_TEXT[types[index]](value)),
    );
  if (!valid) {
    throw new Error('is damaged; use nextCursor as it came');
  }
  return values as (string | null)[];
}
