import fc from 'fast-check';
import { resolveRef, type JsonSchema, type OpenApiDocument } from './openapi.js';
import {
  arbitraries,
  CursorPick,
  deepJson,
  ean13,
  PoolPick,
  RawJson,
  RawSegment,
  type Template,
} from './values.js';

/** A generated value and what was bent in it, for the report (`.altitudeMin ← 1e20`). */
export interface Labeled<T> {
  readonly value: T;
  readonly label: string;
}

export const WORDS = [
  'Ethiopia',
  'Guji',
  'Amphibia',
  'Восток',
  'Командирские',
  'Seamaster',
  'espresso',
  'crema',
  'ёлка',
  'Café',
  'Yirgacheffe',
  'chronograph',
];
const COUNTRIES = ['ET', 'IT', 'RU', 'CH', 'JP', 'BR', 'KE', 'CO'];
const CURRENCIES = ['RUB', 'USD', 'EUR'];
const TIME_ZONES = ['Europe/Moscow', 'UTC', 'America/New_York', 'Asia/Tokyo'];
const EXTRA_PROPERTIES: readonly (readonly [string, Template])[] = [
  ['role', 'admin'],
  ['verified', true],
  ['id', '00000000-0000-0000-0000-000000000000'],
  ['ownerId', '00000000-0000-0000-0000-000000000000'],
  ['authorId', '00000000-0000-0000-0000-000000000000'],
  ['version', 99],
  ['createdAt', '2000-01-01T00:00:00Z'],
  ['isAdmin', true],
  ['constructor', { prototype: { polluted: true } }],
  ['x'.repeat(300), 1],
  ['\u0000', 1],
];

/** A value as the report shows it: short, markers named. */
export function preview(value: unknown): string {
  if (value instanceof RawJson) {
    return value.text.length > 40 ? `${value.text.slice(0, 20)}…(${value.text.length} chars)` : value.text;
  }
  if (value instanceof RawSegment) {
    return `${value.text} (not encoded)`;
  }
  if (value instanceof PoolPick) {
    return value.foreign ? '<an id of another kind>' : '<a seen id>';
  }
  if (value instanceof CursorPick) {
    return value.mutation
      ? `<a seen cursor with ${JSON.stringify(value.mutation.value)}>`
      : '<a seen cursor>';
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  if (text.length <= 40) {
    return text;
  }
  return `${text.slice(0, 24)}…(${text.length} chars)`;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Where ids for a field or parameter may come from, best first (see IdPools). */
export function idHints(name: string, description: string | undefined, prefix?: string): string[] {
  const hints: string[] = [];
  if (prefix) {
    hints.push(`path:${prefix}`);
  }
  for (const match of (description ?? '').matchAll(/\/((?:[a-z-]+\/)*[a-z-]+)/g)) {
    hints.push(`path:/api/${match[1]}`);
  }
  const base = /^(.+?)Ids?$/.exec(name)?.[1];
  if (base) {
    const plural = kebab(base);
    hints.push(
      `field:${base}Id`,
      `schema:${base[0].toUpperCase()}${base.slice(1)}Dto`,
      `path:/api/${plural}`,
      `path:/api/${plural}s`,
      `path:/api/${plural}es`,
      `path:/api/dictionaries/${plural}s`,
      `path:/api/dictionaries/${plural}es`,
    );
  }
  return [...new Set(hints)];
}

/** fast-check arbitraries for values a JSON schema admits, and for values with one defect inside. */
export class SchemaValues {
  constructor(protected readonly document: OpenApiDocument) {}

  // ----- schemas -----

  /** The schema behind `$ref`s and single-`allOf` wrappers, and whether null is allowed. */
  protected deref(schema: JsonSchema | undefined): { schema: JsonSchema; nullable: boolean } {
    let current: JsonSchema = schema ?? {};
    let nullable = current.nullable === true;
    for (let guard = 0; guard < 10; guard += 1) {
      if (typeof current.$ref === 'string') {
        current = resolveRef(this.document, current.$ref);
      } else if (Array.isArray(current.allOf) && current.allOf.length === 1 && !current.properties) {
        current = current.allOf[0] as JsonSchema;
      } else {
        break;
      }
      nullable ||= current.nullable === true;
    }
    const type = current.type;
    if (Array.isArray(type)) {
      nullable ||= type.includes('null');
      const concrete = type.filter((item) => item !== 'null');
      current = { ...current, type: concrete[0] };
    }
    return { schema: current, nullable };
  }

  protected typeOf(schema: JsonSchema): string {
    if (typeof schema.type === 'string') {
      return schema.type;
    }
    if (schema.properties) {
      return 'object';
    }
    if (schema.items) {
      return 'array';
    }
    return 'any';
  }

  /** A value the schema admits (with hints from the field's name and description for ids, codes and formats). */
  value(raw: JsonSchema | undefined, name = '', depth = 0, prefix?: string): fc.Arbitrary<Template> {
    const { schema, nullable } = this.deref(raw);
    const base = this.nonNullValue(schema, name, depth, prefix);
    return nullable
      ? fc.oneof({ weight: 6, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
      : base;
  }

  private nonNullValue(
    schema: JsonSchema,
    name: string,
    depth: number,
    prefix?: string,
  ): fc.Arbitrary<Template> {
    if (Array.isArray(schema.enum) && schema.enum.length > 0) {
      return fc.constantFrom(...(schema.enum as Template[]));
    }
    const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
    if (Array.isArray(variants) && variants.length > 0) {
      return fc.oneof(...variants.map((variant) => this.value(variant, name, depth + 1)));
    }
    const description = typeof schema.description === 'string' ? schema.description : '';
    const example = schema.example as Template | undefined;
    const withExample = (arbitrary: fc.Arbitrary<Template>): fc.Arbitrary<Template> =>
      example === undefined || typeof example === 'object'
        ? arbitrary
        : fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 2, arbitrary });
    switch (this.typeOf(schema)) {
      case 'string':
        return this.stringValue(schema, name, description, withExample, prefix);
      case 'number':
      case 'integer': {
        if (/^lat/i.test(name)) {
          return fc.double({ min: -90, max: 90, noNaN: true });
        }
        if (/^(lon|lng)/i.test(name)) {
          return fc.double({ min: -180, max: 180, noNaN: true });
        }
        const minimum = typeof schema.minimum === 'number' ? schema.minimum : 0;
        const maximum = typeof schema.maximum === 'number' ? schema.maximum : Math.max(minimum + 1000, 1000);
        // A fraction between bounds with no integer in reach (a retention of 0.7 to 0.99) is drawn as one.
        if (Math.ceil(minimum) > Math.floor(maximum)) {
          return withExample(fc.double({ min: minimum, max: maximum, noNaN: true }));
        }
        return withExample(fc.integer({ min: Math.ceil(minimum), max: Math.floor(maximum) }));
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 3;
        const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
        if (depth > 6) {
          return fc.constant([]);
        }
        const sizes = { minLength: minItems, maxLength: Math.max(minItems, Math.min(maxItems, 3)) };
        const items = this.value(schema.items as JsonSchema, name, depth + 1);
        // Unique lists: text compared regardless of case and spaces around (as aliases and tags are); ids are
        // told apart when they are resolved (see requests.ts).
        return schema.uniqueItems === true
          ? fc.uniqueArray(items, {
              ...sizes,
              selector: (item) => (typeof item === 'string' ? item.trim().toLowerCase() : item),
            })
          : fc.array(items, sizes);
      }
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
        const keys = Object.keys(properties);
        if (keys.length === 0 || depth > 6) {
          return fc.constant({});
        }
        const required = new Set((schema.required as string[] | undefined) ?? []);
        return fc.record(
          Object.fromEntries(keys.map((key) => [key, this.value(properties[key], key, depth + 1)])),
          { requiredKeys: keys.filter((key) => required.has(key)) },
        );
      }
      default:
        return fc.oneof(fc.constant('text'), fc.integer(), fc.boolean());
    }
  }

  private stringValue(
    schema: JsonSchema,
    name: string,
    description: string,
    withExample: (arbitrary: fc.Arbitrary<Template>) => fc.Arbitrary<Template>,
    prefix?: string,
  ): fc.Arbitrary<Template> {
    const format = schema.format;
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
    if (format === 'uuid' || /^(id|.+Id)$/.test(name)) {
      const hints = idHints(name, description, prefix);
      return fc.oneof(
        { weight: 8, arbitrary: fc.nat().map((index) => new PoolPick(hints, index)) },
        { weight: 1, arbitrary: arbitraries.uuid },
      );
    }
    if (format === 'date-time' || format === 'date') {
      const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });
      return date.map((value) =>
        format === 'date' ? value.toISOString().slice(0, 10) : value.toISOString(),
      );
    }
    if (format === 'email' || /email/i.test(name)) {
      return fc.nat().map((n) => `fuzz${n}@example.com`);
    }
    if (format === 'uri' || format === 'url' || /website|url$/i.test(name)) {
      return fc.nat().map((n) => `https://example.com/${n}`);
    }
    if (/password/i.test(name)) {
      return fc.string({
        unit: fc.constantFrom(...'abcdefghijkmnpqrstuvwxyz23456789'),
        minLength: 12,
        maxLength: 24,
      });
    }
    if (/ISO 3166/.test(description) || /countryCode/i.test(name)) {
      return fc.constantFrom(...COUNTRIES);
    }
    if (/ISO 4217/.test(description) || /currency/i.test(name)) {
      return fc.constantFrom(...CURRENCIES);
    }
    if (/EAN/.test(description) || /barcode/i.test(name)) {
      return fc.bigInt({ min: 0n, max: 999_999_999_999n }).map((n) => ean13(n.toString()));
    }
    if (/HH:MM/.test(description) || /^(opens|closes)$/.test(name)) {
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
        .map(([hours, minutes]) => `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
    }
    if (/timeZone/i.test(name)) {
      return fc.constantFrom(...TIME_ZONES);
    }
    if (/six digits/i.test(description) || name === 'code') {
      return fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
    }
    if (typeof schema.pattern === 'string') {
      const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
      const pattern = new RegExp(schema.pattern, 'u');
      if (!schema.pattern.includes('\\p{')) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
        } catch {
          // A pattern fast-check cannot read: slugs below.
        }
      }
      // Unicode classes (`\p{L}`) are beyond fc.stringMatching: slugs of words and digits that match.
      const slug = fc
        .tuple(fc.constantFrom(...WORDS), fc.constantFrom('-', '_', '.', ''), fc.nat(99_999))
        .map(([word, separator, n]) => `${word.toLowerCase()}${separator}${n}`);
      if (['abc', 'abc-1', 'Abc_1'].some((probe) => pattern.test(probe))) {
        return slug.filter((text) => fits(text) && pattern.test(text));
      }
    }
    const words = fc
      .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
      .chain((parts) => fc.nat(99_999).map((n) => `${parts.join(' ')} ${n}`));
    return withExample(
      words.map((text) => (text.length > maxLength ? text.slice(0, maxLength) : text.padEnd(minLength, 'x'))),
    );
  }

  /** A value with exactly one defect somewhere inside, and a label naming where. */
  mutated(raw: JsonSchema | undefined, name = '', depth = 0): fc.Arbitrary<Labeled<Template>> {
    const { schema, nullable } = this.deref(raw);
    const here = (arbitrary: fc.Arbitrary<Template>, what = ''): fc.Arbitrary<Labeled<Template>> =>
      arbitrary.map((value) => ({ value, label: ` ← ${what}${preview(value)}` }));
    const options: { weight: number; arbitrary: fc.Arbitrary<Labeled<Template>> }[] = [
      { weight: 2, arbitrary: here(arbitraries.wrongType, 'wrong type ') },
    ];
    if (!nullable) {
      options.push({ weight: 1, arbitrary: here(fc.constant(null)) });
    }
    const type = this.typeOf(schema);
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter((value): value is string => typeof value === 'string');
      options.push({
        weight: 3,
        arbitrary: here(
          fc.oneof(
            fc.constantFrom(
              ...values.map((value) => value.toUpperCase()),
              ...values.map((value) => `${value}\u0000`),
            ),
            arbitraries.nastyString,
          ),
        ),
      });
    } else if (type === 'string') {
      const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
      options.push({ weight: 5, arbitrary: here(arbitraries.nastyString) });
      if (maxLength !== undefined) {
        options.push({ weight: 1, arbitrary: here(fc.constant('é'.repeat(maxLength + 1))) });
      }
      if (schema.format === 'date-time' || schema.format === 'date') {
        options.push({ weight: 5, arbitrary: here(arbitraries.impossibleDate) });
      }
      if (schema.format === 'uuid' || /^(id|.+Id)$/.test(name)) {
        const hints = idHints(name, typeof schema.description === 'string' ? schema.description : undefined);
        options.push(
          { weight: 4, arbitrary: here(arbitraries.nastyUuid) },
          {
            weight: 2,
            arbitrary: fc.nat().map((index) => ({
              value: new PoolPick(hints, index, true),
              label: ' ← <an id of another kind>',
            })),
          },
        );
      }
    } else if (type === 'number' || type === 'integer') {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
      const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      options.push({ weight: 8, arbitrary: here(arbitraries.nastyNumber(minimum, maximum)) });
    } else if (type === 'boolean') {
      options.push({ weight: 2, arbitrary: here(fc.constantFrom<Template>('true', 1, 0, 'yes')) });
    } else if (type === 'array' && depth < 6) {
      const items = schema.items as JsonSchema;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 1_000;
      options.push(
        {
          weight: 3,
          arbitrary: fc
            .tuple(
              fc.array(this.value(items, name, depth + 1), { maxLength: 2 }),
              this.mutated(items, name, depth + 1),
            )
            .map(([valid, bad]) => ({
              value: [...valid, bad.value],
              label: `[${valid.length}]${bad.label}`,
            })),
        },
        {
          weight: 1,
          arbitrary: this.value(items, name, depth + 1).map((item) => ({
            value: Array.from({ length: maxItems + 1 }, () => item),
            label: ` ← ${maxItems + 1} items`,
          })),
        },
      );
    } else if (type === 'object' && depth < 6) {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const keys = Object.keys(properties);
      const required = ((schema.required as string[] | undefined) ?? []).filter((key) => key in properties);
      const whole = this.value(schema, name, depth) as fc.Arbitrary<Record<string, Template>>;
      if (keys.length > 0) {
        options.push({
          weight: 10,
          arbitrary: fc.constantFrom(...keys).chain((key) =>
            fc.tuple(whole, this.mutated(properties[key], key, depth + 1)).map(([object, bad]) => ({
              value: { ...object, [key]: bad.value },
              label: `.${key}${bad.label}`,
            })),
          ),
        });
      }
      if (required.length > 0) {
        options.push({
          weight: 2,
          arbitrary: fc.tuple(whole, fc.constantFrom(...required)).map(([object, key]) => {
            const rest = { ...object };
            delete rest[key];
            return { value: rest, label: ` without required ${key}` };
          }),
        });
      }
      options.push(
        {
          weight: 2,
          arbitrary: fc.tuple(whole, fc.constantFrom(...EXTRA_PROPERTIES)).map(([object, [key, value]]) => ({
            value: { ...object, [key]: value },
            label: ` + extra ${preview(key)}`,
          })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(whole, fc.constantFrom(...keys, 'a'), fc.integer({ min: 3_000, max: 6_000 }), fc.boolean())
            .map(([object, key, levels, array]) => ({
              value: { ...object, [key]: new RawJson(deepJson(levels, array ? 'array' : 'object')) },
              label: `.${key} ← ${levels} levels deep`,
            })),
        },
      );
    }
    return fc.oneof(...options);
  }
}
