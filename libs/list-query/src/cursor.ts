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

const TEXT_FORMAT: Readonly<Record<FieldType, RegExp>> = {
  string: /^[\s\S]{0,1000}$/,
  number: /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i,
  boolean: /^(true|false)$/,
  date: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
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
  const types: FieldType[] = [...sort.map((item) => fields[item.field] ?? 'string'), 'uuid'];
  const values = candidate.v as unknown[];
  const valid =
    values.length === types.length &&
    values.every(
      (value, index) =>
        (value === null && index < types.length - 1) ||
        (typeof value === 'string' && TEXT_FORMAT[types[index]].test(value)),
    );
  if (!valid) {
    throw new Error('is damaged; use nextCursor as it came');
  }
  return values as (string | null)[];
}
