import { sanitizeText } from '@agora/http';

/** A feed's row as read: lower-cased column names to text (a list of notes stays a list). */
export type FeedRow = Readonly<Record<string, string | readonly string[]>>;

export type FeedFormat = 'csv' | 'json';

export interface FeedLimits {
  /** The largest feed, in bytes of UTF-8 (CATALOG_IMPORT_MAX_BYTES). */
  readonly maxBytes: number;
  /** The most rows a feed may have (CATALOG_IMPORT_MAX_ROWS). */
  readonly maxRows: number;
}

/** A row the parser could not read; the importer reports it as skipped. */
export interface UnreadableRow {
  readonly row: number;
  readonly message: string;
}

export interface ParsedFeed {
  readonly rows: readonly { readonly row: number; readonly values: FeedRow }[];
  readonly unreadable: readonly UnreadableRow[];
}

/** Why a whole feed is refused: too large (413), or not a feed at all (400). */
export class FeedError extends Error {
  constructor(
    readonly reason: 'too-large' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** The longest cell kept; a longer one makes its row unreadable. */
const MAX_CELL = 2_000;
const MAX_COLUMNS = 64;

/** The format a feed is in: as named, else by its first character (`[` or `{` is JSON). */
export function feedFormatOf(text: string, named?: string | null): FeedFormat {
  const hint = (named ?? '').toLowerCase();
  if (hint.includes('json')) {
    return 'json';
  }
  if (hint.includes('csv') || hint.includes('text/plain')) {
    return 'csv';
  }
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

/** Reads a feed of coffees (CSV with a header line, or JSON) within the limits; throws {@link FeedError}. */
export function parseFeed(text: string, format: FeedFormat, limits: FeedLimits): ParsedFeed {
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    throw new FeedError('too-large', `The feed is larger than ${limits.maxBytes} bytes`);
  }
  const feed = format === 'json' ? parseJsonFeed(text, limits) : parseCsvFeed(text, limits);
  if (feed.rows.length === 0 && feed.unreadable.length === 0) {
    throw new FeedError('invalid', 'The feed has no rows');
  }
  return feed;
}

const cleanKey = (key: string): string =>
  sanitizeText(key)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function cell(value: string): string {
  return sanitizeText(value);
}

function parseJsonFeed(text: string, limits: FeedLimits): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new FeedError('invalid', 'The feed is not valid JSON');
  }
  const list = Array.isArray(document)
    ? document
    : typeof document === 'object' && document !== null
      ? (['items', 'coffees', 'rows'] as const)
          .map((key) => (document as Record<string, unknown>)[key])
          .find(Array.isArray)
      : undefined;
  if (!Array.isArray(list)) {
    throw new FeedError('invalid', 'A JSON feed is an array of rows, or an object with an "items" array');
  }
  if (list.length > limits.maxRows) {
    throw new FeedError('too-large', `The feed has more than ${limits.maxRows} rows`);
  }
  const rows: { row: number; values: FeedRow }[] = [];
  const unreadable: UnreadableRow[] = [];
  list.forEach((entry: unknown, index) => {
    const row = index + 1;
    const values = jsonRow(entry);
    if (typeof values === 'string') {
      unreadable.push({ row, message: values });
    } else {
      rows.push({ row, values });
    }
  });
  return { rows, unreadable };
}

/** A JSON row as a flat row, or why it is not one. */
function jsonRow(entry: unknown): FeedRow | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return 'a row is an object of texts and numbers';
  }
  const entries = Object.entries(entry as Record<string, unknown>);
  if (entries.length > MAX_COLUMNS) {
    return `a row has at most ${MAX_COLUMNS} fields`;
  }
  const values: Record<string, string | readonly string[]> = {};
  for (const [key, value] of entries) {
    if (value === null || value === undefined) {
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = cell(String(value));
      if (text.length > MAX_CELL) {
        return `"${cleanKey(key).slice(0, 40)}" is longer than ${MAX_CELL} characters`;
      }
      values[cleanKey(key)] = text;
    } else if (
      Array.isArray(value) &&
      value.length <= 50 &&
      value.every((item) => typeof item === 'string')
    ) {
      values[cleanKey(key)] = value.map(cell).filter((item) => item.length <= MAX_CELL);
    } else {
      return `"${cleanKey(key).slice(0, 40)}" must be a text, a number or a list of texts`;
    }
  }
  return values;
}

/** The delimiter of a CSV feed: the one of `,` `;` and tab its header line has most of. */
function delimiterOf(header: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
function* csvRecords(text: string, delimiter: string): Generator<string[] | null> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field.length === 0) {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') {
        index += 1;
      }
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else {
      field += char;
    }
    if (field.length > MAX_CELL * 4) {
      // A runaway field (an unclosed quote): the rest of the feed is one broken record.
      yield null;
      return;
    }
    index += 1;
  }
  if (quoted) {
    yield null;
    return;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    yield record;
  }
}

function parseCsvFeed(text: string, limits: FeedLimits): ParsedFeed {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  const records = csvRecords(body, delimiterOf(firstLine));
  const first = records.next();
  const header = first.done ? null : first.value;
  if (!header || header.every((name) => name.trim() === '')) {
    throw new FeedError('invalid', 'A CSV feed starts with a header line naming its columns');
  }
  if (header.length > MAX_COLUMNS) {
    throw new FeedError('invalid', `A CSV feed has at most ${MAX_COLUMNS} columns`);
  }
  const columns = header.map(cleanKey);
  const rows: { row: number; values: FeedRow }[] = [];
  const unreadable: UnreadableRow[] = [];
  let row = 0;
  for (const record of records) {
    if (record === null) {
      unreadable.push({ row: row + 1, message: 'an unclosed quote runs to the end of the feed' });
      break;
    }
    if (record.every((value) => value.trim() === '')) {
      continue;
    }
    row += 1;
    if (row > limits.maxRows) {
      throw new FeedError('too-large', `The feed has more than ${limits.maxRows} rows`);
    }
    if (record.length > columns.length) {
      unreadable.push({ row, message: `the row has ${record.length} fields, the header ${columns.length}` });
      continue;
    }
    if (record.some((value) => value.length > MAX_CELL)) {
      unreadable.push({ row, message: `a field is longer than ${MAX_CELL} characters` });
      continue;
    }
    const values: Record<string, string> = {};
    record.forEach((value, index) => {
      const text = cell(value);
      if (text !== '' && columns[index] !== '') {
        values[columns[index]] = text;
      }
    });
    rows.push({ row, values });
  }
  return { rows, unreadable };
}
