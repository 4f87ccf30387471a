import { isISO31661Alpha2 } from 'class-validator';
import { ROAST_LEVELS, type RoastLevel } from '../coffees/coffee.entity.js';
import { barcodeFormat } from '../items/barcode.js';
import type { FeedRow } from './feed.js';

/** Why a row is skipped: a code a script or a UI can branch on, the column, and words for people. */
export interface RowProblem {
  readonly code:
    | 'UNREADABLE_ROW'
    | 'MISSING_NAME'
    | 'MISSING_ROASTER'
    | 'UNKNOWN_ROASTER'
    | 'UNKNOWN_ORIGIN'
    | 'UNKNOWN_PROCESS'
    | 'UNKNOWN_FARMER'
    | 'INVALID_BARCODE'
    | 'INVALID_ROAST'
    | 'INVALID_COUNTRY'
    | 'INVALID_ALTITUDE'
    | 'INVALID_FIELD'
    | 'REFUSED';
  readonly field?: string;
  readonly message: string;
}

/** The coffee fields a row gives, dictionary values still by name. */
export interface CoffeeRow {
  readonly name?: string;
  readonly roaster?: string;
  readonly origin?: string;
  readonly process?: string;
  readonly farmer?: string;
  readonly countryCode?: string;
  readonly farm?: string;
  readonly variety?: string;
  readonly roastLevel?: RoastLevel;
  readonly altitudeMin?: number;
  readonly altitudeMax?: number;
  readonly tastingNotes?: string[];
  readonly barcode?: string;
}

/** The columns a feed may name each field by (lower case, spaces and dashes as `_`). */
const COLUMNS: Readonly<Record<keyof CoffeeRow | 'altitude', readonly string[]>> = {
  name: ['name', 'title', 'coffee', 'product'],
  roaster: ['roaster', 'brand', 'roastery'],
  origin: ['origin', 'region'],
  process: ['process', 'processing', 'process_method'],
  farmer: ['farmer', 'producer'],
  countryCode: ['country', 'country_code', 'countrycode'],
  farm: ['farm', 'station', 'washing_station'],
  variety: ['variety', 'varietal', 'cultivar'],
  roastLevel: ['roast', 'roast_level', 'roastlevel'],
  altitude: ['altitude', 'elevation'],
  altitudeMin: ['altitude_min', 'altitudemin'],
  altitudeMax: ['altitude_max', 'altitudemax'],
  tastingNotes: ['notes', 'tasting_notes', 'tastingnotes', 'flavour', 'flavor'],
  barcode: ['barcode', 'ean', 'upc', 'gtin', 'ean13'],
};

/** Columns the importer reads; any other (price, weight…) is reported as ignored. */
export const KNOWN_COLUMNS: ReadonlySet<string> = new Set(Object.values(COLUMNS).flat());

/**
 * A name as compared when matching: Unicode compatibility form without accents, lower case, every run
 * of punctuation and spaces as one space (`Ethiopia – Yirgacheffe` matches `ethiopia yirgacheffe`).
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function pick(row: FeedRow, field: keyof typeof COLUMNS): string | readonly string[] | undefined {
  for (const column of COLUMNS[field]) {
    const value = row[column];
    if (value !== undefined && value.length > 0) {
      return value;
    }
  }
  return undefined;
}

function text(row: FeedRow, field: keyof typeof COLUMNS): string | undefined {
  const value = pick(row, field);
  return typeof value === 'string' ? value : value?.join(', ');
}

function altitudeOf(value: string): [number, number] | null {
  const match = /^(\d{1,4})(?:\s*(?:-|–|—|to|\.\.)\s*(\d{1,4}))?\s*(?:m|masl|m\.a\.s\.l\.)?$/i.exec(value);
  if (!match) {
    return null;
  }
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= high && high <= 6000 ? [low, high] : null;
}

/** Reads a row's fields; the problems are the reasons to skip it (dictionaries are checked later). */
export function readCoffeeRow(row: FeedRow): { coffee: CoffeeRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const coffee: { -readonly [K in keyof CoffeeRow]: CoffeeRow[K] } = {};
  coffee.name = text(row, 'name');
  if (!coffee.name) {
    problems.push({ code: 'MISSING_NAME', field: 'name', message: 'the row names no coffee' });
  }
  coffee.roaster = text(row, 'roaster');
  if (!coffee.roaster) {
    problems.push({ code: 'MISSING_ROASTER', field: 'roaster', message: 'the row names no roaster' });
  }
  coffee.origin = text(row, 'origin');
  coffee.process = text(row, 'process');
  coffee.farmer = text(row, 'farmer');
  coffee.farm = text(row, 'farm');
  coffee.variety = text(row, 'variety');

  const barcode = text(row, 'barcode')?.replace(/[\s-]/g, '');
  if (barcode !== undefined) {
    if (barcodeFormat(barcode)) {
      coffee.barcode = barcode;
    } else {
      problems.push({
        code: 'INVALID_BARCODE',
        field: 'barcode',
        message: `"${barcode.slice(0, 20)}" is no EAN-8, UPC-A or EAN-13 with a valid check digit`,
      });
    }
  }

  const country = text(row, 'countryCode')?.toUpperCase();
  if (country !== undefined) {
    if (isISO31661Alpha2(country)) {
      coffee.countryCode = country;
    } else {
      problems.push({
        code: 'INVALID_COUNTRY',
        field: 'country',
        message: 'the country is an ISO 3166-1 alpha-2 code (ET, CO, KE…)',
      });
    }
  }

  const roast = text(row, 'roastLevel')
    ?.toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (roast !== undefined) {
    if ((ROAST_LEVELS as readonly string[]).includes(roast)) {
      coffee.roastLevel = roast as RoastLevel;
    } else {
      problems.push({
        code: 'INVALID_ROAST',
        field: 'roast',
        message: `the roast is one of ${ROAST_LEVELS.join(', ')}`,
      });
    }
  }

  const altitudes = (['altitude', 'altitudeMin', 'altitudeMax'] as const).map((field) => text(row, field));
  const [range, low, high] = altitudes.map((value) => (value === undefined ? undefined : altitudeOf(value)));
  if (range === null || low === null || high === null) {
    problems.push({
      code: 'INVALID_ALTITUDE',
      field: 'altitude',
      message: 'altitudes are metres from 0 to 6000, as 1900 or 1800-2100',
    });
  } else {
    coffee.altitudeMin = low?.[0] ?? range?.[0];
    coffee.altitudeMax = high?.[1] ?? range?.[1];
  }

  const notes = pick(row, 'tastingNotes');
  if (notes !== undefined) {
    const list = typeof notes === 'string' ? notes.split(/[,;|]/) : notes;
    coffee.tastingNotes = [
      ...new Set(list.map((note) => note.trim().toLowerCase()).filter((note) => note.length > 0)),
    ];
  }
  return { coffee, problems };
}
