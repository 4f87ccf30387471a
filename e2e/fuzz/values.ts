import fc from 'fast-check';

/**
 * The values a generated request carries before it is sent: JSON, plus two markers. A `PoolPick` becomes an id
 * the run has seen (resolved when the request is sent, so plans stay independent of the server's answers); a
 * `RawJson` is written into the body verbatim (`-0`, `1e20`, `1e999` and duplicated keys have no JSON value).
 */
export class PoolPick {
  constructor(
    /** Pool keys to try in order, e.g. `path:/api/dictionaries/{kind}`, `field:mediaId`, `schema:*.WatchDto`. */
    readonly hints: readonly string[],
    readonly index: number,
    /** Take from any pool instead (an id of another kind). */
    readonly foreign = false,
  ) {}
}

/** A path parameter sent as written, not percent-encoded (`%zz`, a cut UTF-8 sequence): what URL parsers refuse. */
export class RawSegment {
  constructor(readonly text: string) {}
}

export class RawJson {
  constructor(readonly text: string) {}
}

/** A cursor the run has seen for this list (or another), sent as it came or with one value changed. */
export class CursorPick {
  constructor(
    readonly hints: readonly string[],
    readonly index: number,
    readonly mutation?: { readonly slot: number; readonly value: string },
  ) {}
}

/** `in` and `between` values: resolved one by one, sent comma-separated. */
export class JoinedValues {
  constructor(readonly values: readonly Template[]) {}
}

export type Template =
  | null
  | boolean
  | number
  | string
  | PoolPick
  | RawJson
  | RawSegment
  | readonly Template[]
  | { readonly [key: string]: Template };

/** A template after pool picks are resolved: what is serialized and sent. */
export type Resolved =
  null | boolean | number | string | RawJson | readonly Resolved[] | { readonly [key: string]: Resolved };

/** JSON text of a resolved value; `RawJson` goes in as written. */
export function serialize(value: Resolved): string {
  if (value instanceof RawJson) {
    return value.text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: Resolved) => serialize(item)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, Resolved>)
      .map(([key, item]) => `${JSON.stringify(key)}:${serialize(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const RTL = '\u202E\u200F\u061C';
const EMOJI = '☕️🧋👩🏽‍💻🏳️‍🌈';

/** Strings PostgreSQL, parsers or renderers have trouble with. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  `${RTL}evil${RTL}`,
  EMOJI,
  '\uD800',
  '\uDFFF\uD800',
  'e\u0301\u0301\u0301',
  '\uFEFFbom',
  '\r\n\t\u000b\u000c',
  'x'.repeat(10_000),
  `${EMOJI}`.repeat(2_000),
  "' OR 1=1--",
  '"; DROP TABLE users; --',
  '\\',
  '%',
  '_',
  '*',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e20',
  '1e999999',
  '-0',
  '0x10',
  ' 12 ',
  '１２',
  '٣',
  '2026-13-45',
  '-010000-01-01T00:00:00Z',
  '2026-13-45 25:61:61',
  '+275760-09-13T00:00:00.001Z',
  '0000-00-00T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '1969-12-31T23:59:60Z',
  'Ωmega ЁЛКА ёлка',
];

/** Dates that no calendar has, or no PostgreSQL timestamp holds. */
export const IMPOSSIBLE_DATES: readonly string[] = [
  '2026-13-45',
  '2026-13-45 25:61:61',
  '-010000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '+010000-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '0000-00-00T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-06-01T24:00:01Z',
  '2026-06-01T12:00:00+25:00',
  '1e999999',
  '99999-12-31',
  'now',
  '',
  '\u00002026-01-01',
];

/** Numbers at and past every bound a column may have, fractions on integers, and number-like non-numbers. */
export function nastyNumbers(minimum?: number, maximum?: number): Template[] {
  const around = (bound: number | undefined): Template[] =>
    bound === undefined ? [] : [bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5, bound + 1e-9];
  return [
    ...around(minimum),
    ...around(maximum),
    0,
    -1,
    1.5,
    0.1,
    2_147_483_647,
    2_147_483_648,
    -2_147_483_649,
    32_768,
    Number.MAX_SAFE_INTEGER,
    new RawJson('9007199254740993'),
    new RawJson('1e20'),
    new RawJson('-1e20'),
    new RawJson('1e308'),
    new RawJson('1e999'),
    new RawJson('-0'),
    new RawJson('-0.0'),
    new RawJson('5e-324'),
    new RawJson('1E2'),
    new RawJson('100000000000000000000000000000000000000000'),
    'NaN',
    'Infinity',
    '1e20',
    '12',
    '',
  ];
}

/** Values of the wrong JSON type for any field. */
export const WRONG_TYPES: readonly Template[] = [
  null,
  true,
  false,
  0,
  -1,
  'text',
  [],
  [null],
  [[[]]],
  {},
  { $gt: '' },
  { __proto__x: 1 },
];

const nastyString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  // A plausible value with a NUL, a bidi mark or an emoji somewhere inside.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom('\u0000', RTL, EMOJI, '\uD800'),
        fc.nat(),
      )
      .map(([text, inserted, at]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + inserted + text.slice(position);
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

export const arbitraries = {
  nastyString,
  impossibleDate: fc.constantFrom(...IMPOSSIBLE_DATES),
  wrongType: fc.constantFrom(...WRONG_TYPES),
  nastyNumber: (minimum?: number, maximum?: number) => fc.constantFrom(...nastyNumbers(minimum, maximum)),
  uuid: fc.uuid(),
  nastyUuid: fc.oneof(
    fc.uuid(),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B',
      '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5',
      '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b0',
      '{0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b}',
      '0190a1b2c3d47e5f8a9b0c1d2e3f4a5b',
      '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5\u0000',
      '1',
      '-1',
      '1.5',
      '1e20',
      'me',
      'null',
    ),
    nastyString,
  ),
};

/** An EAN-13 with its check digit, as a barcode field expects. */
export function ean13(digits: string): string {
  const body = digits.padStart(12, '0').slice(-12);
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** JSON text nested `depth` levels deep, around `inner`. */
export function deepJson(depth: number, kind: 'object' | 'array', inner = '1'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}
