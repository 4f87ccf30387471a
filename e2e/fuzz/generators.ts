import fc from 'fast-check';
import {
  listQueryDoc,
  resolveRef,
  schemaNameOf,
  type FuzzOperation,
  type JsonSchema,
  type ListQueryDoc,
  type OpenApiDocument,
  type OpenApiParameter,
} from './openapi.js';
import { arbitraries, deepJson, ean13, PoolPick, RawJson, type Template } from './values.js';

/** Who sends a request: no token, each role's token, or a token no one issued. */
export const ROLES = ['anonymous', 'user', 'seller', 'moderator', 'admin', 'forged'] as const;
export type RoleName = (typeof ROLES)[number];

/** A cursor the run has seen for this list (or another), sent as it came or with one value changed. */
export class CursorPick {
  constructor(
    readonly hints: readonly string[],
    readonly index: number,
    readonly mutation?: { readonly slot: number; readonly value: string },
  ) {}
}

type FilterKind = 'string' | 'number' | 'date' | 'uuid' | 'boolean';
/** Operators that make sense for each kind of field (the others are a 400 by design). */
const FILTER_OPERATORS: Readonly<Record<FilterKind, readonly string[]>> = {
  string: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like', 'ilike', 'between', 'null'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'null'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'null'],
  uuid: ['eq', 'ne', 'in', 'null'],
  boolean: ['eq', 'ne', 'null'],
};

/** `in` and `between` values: resolved one by one, sent comma-separated. */
export class JoinedValues {
  constructor(readonly values: readonly Template[]) {}
}

export type QueryValue = Template | CursorPick | JoinedValues;

/** A small image the run uploads (index into the run's image list), or bytes derived from one. */
export type FileData =
  | { readonly kind: 'image'; readonly index: number }
  | { readonly kind: 'truncated-image'; readonly index: number; readonly keep: number }
  | { readonly kind: 'pixel-flood' }
  | { readonly kind: 'text'; readonly text: string };

export interface PartPlan {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: FileData;
}

export type BodyPlan =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'json';
      readonly value: Template;
      readonly contentType?: string;
      readonly utf16?: boolean;
    }
  | { readonly kind: 'text'; readonly text: string; readonly contentType?: string }
  | {
      readonly kind: 'multipart';
      readonly parts: readonly PartPlan[];
      readonly boundary: string;
      /** Sent instead of `multipart/form-data; boundary=<boundary>`. */
      readonly contentType?: string;
      /** Leave out the closing boundary. */
      readonly unterminated?: boolean;
    };

/** One generated request before pool picks are resolved. `label` says what was bent, for the report. */
export interface RequestPlan {
  readonly role: RoleName;
  readonly path: Readonly<Record<string, Template>>;
  readonly query: readonly (readonly [string, QueryValue])[];
  readonly body: BodyPlan;
  readonly label: string;
}

interface Labeled<T> {
  readonly value: T;
  readonly label: string;
}

const WORDS = [
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
/** Past the services' 1 MiB body limit, below the gateway's 25 MiB. */
const BIG_STRING = 'x'.repeat(2 * 1024 * 1024);
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

function preview(value: unknown): string {
  if (value instanceof RawJson) {
    return value.text.length > 40 ? `${value.text.slice(0, 20)}…(${value.text.length} chars)` : value.text;
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

/** fast-check arbitraries for every operation of the merged document. */
export class RequestGenerators {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly imageCount: number,
  ) {}

  // ----- schemas -----

  /** The schema behind `$ref`s and single-`allOf` wrappers, and whether null is allowed. */
  private deref(schema: JsonSchema | undefined): { schema: JsonSchema; nullable: boolean } {
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

  private typeOf(schema: JsonSchema): string {
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

  // ----- requests -----

  private pathParameters(operation: FuzzOperation): OpenApiParameter[] {
    const declared = (operation.operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
    const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    return names.map(
      (name) => declared.find((parameter) => parameter.name === name) ?? { name, in: 'path', required: true },
    );
  }

  private pathValue(operation: FuzzOperation, parameter: OpenApiParameter): fc.Arbitrary<Template> {
    const prefix = operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
    const schema = parameter.schema ?? { type: 'string' };
    if (Array.isArray(schema.enum)) {
      return fc.constantFrom(...(schema.enum as Template[]));
    }
    const hints = idHints(parameter.name === 'id' ? 'id' : parameter.name, parameter.description, prefix);
    // The schema the item route answers with (`GET /api/reviews/{id}` → ReviewDto): ids of that schema seen
    // anywhere (a review created under its listing) fit.
    const item =
      this.document.paths[`${prefix}/{${parameter.name}}`]?.get?.responses?.['200']?.content?.[
        'application/json'
      ]?.schema?.$ref;
    const name = typeof item === 'string' ? schemaNameOf(item) : undefined;
    if (name) {
      hints.splice(1, 0, `schema:${name.slice(name.indexOf('.') + 1)}`);
    }
    if (schema.format === 'uuid' || /^(id|.+Id)$/.test(parameter.name)) {
      return fc.oneof(
        { weight: 9, arbitrary: fc.nat().map((index) => new PoolPick(hints, index)) },
        { weight: 1, arbitrary: arbitraries.uuid },
      );
    }
    return fc.oneof(
      { weight: 4, arbitrary: this.value(schema, parameter.name, 0, prefix) },
      { weight: 1, arbitrary: fc.nat().map((index) => new PoolPick(hints, index)) },
    );
  }

  private path(operation: FuzzOperation, mutate: boolean): fc.Arbitrary<Labeled<Record<string, Template>>> {
    const parameters = this.pathParameters(operation);
    const valid = fc.tuple(...parameters.map((parameter) => this.pathValue(operation, parameter)));
    const toRecord = (values: Template[]) =>
      Object.fromEntries(parameters.map((parameter, index) => [parameter.name, values[index]]));
    if (!mutate || parameters.length === 0) {
      return valid.map((values) => ({ value: toRecord(values), label: '' }));
    }
    return fc
      .tuple(
        valid,
        fc.nat(parameters.length - 1),
        fc.oneof(
          arbitraries.nastyUuid,
          fc.constantFrom<Template>(
            '..',
            '%2e%2e',
            '%',
            'a/b',
            'a?b=c',
            '#',
            ' ',
            '-0',
            '1e20',
            '1.5',
            'x'.repeat(2_000),
          ),
          fc.nat().map((index) => new PoolPick([], index, true)),
        ),
      )
      .map(([values, at, bad]) => {
        const record = toRecord(values);
        record[parameters[at].name] = bad;
        return { value: record, label: `{${parameters[at].name}} ← ${preview(bad)}` };
      });
  }

  private listItemSchema(operation: FuzzOperation): Record<string, JsonSchema> {
    const schema = operation.operation.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) {
      return {};
    }
    const page = this.deref(schema).schema;
    const items = (page.properties as Record<string, JsonSchema> | undefined)?.items;
    if (!items) {
      return {};
    }
    const item = this.deref(items.items as JsonSchema).schema;
    return (item.properties ?? {}) as Record<string, JsonSchema>;
  }

  /** A filter field's kind: from the list's item schema where it names the field, else from its name. */
  private filterKind(operation: FuzzOperation, field: string): FilterKind {
    const property = this.listItemSchema(operation)[field];
    if (property) {
      const { schema } = this.deref(property);
      if (schema.format === 'uuid') {
        return 'uuid';
      }
      if (schema.format === 'date-time' || schema.format === 'date') {
        return 'date';
      }
      const type = this.typeOf(schema);
      if (type === 'number' || type === 'integer') {
        return 'number';
      }
      if (type === 'boolean') {
        return 'boolean';
      }
      if (type === 'string') {
        return 'string';
      }
    }
    if (/(^id$|Id$)/.test(field)) {
      return 'uuid';
    }
    if (/At$/.test(field)) {
      return 'date';
    }
    return 'string';
  }

  /** A value for `filter[field][op]` of the field's kind. */
  private filterScalar(operation: FuzzOperation, field: string): fc.Arbitrary<Template> {
    const property = this.listItemSchema(operation)[field];
    switch (this.filterKind(operation, field)) {
      case 'uuid':
        return this.value({ type: 'string', format: 'uuid' }, field);
      case 'date':
        return this.value({ type: 'string', format: 'date-time' }, field);
      case 'number':
        return fc.integer({ min: 0, max: 3000 });
      case 'boolean':
        return fc.boolean();
      case 'string':
        return property
          ? this.value({ ...this.deref(property).schema, nullable: false }, field)
          : fc.constantFrom(...WORDS);
    }
  }

  private filterValue(operation: FuzzOperation, field: string, operator: string): fc.Arbitrary<QueryValue> {
    const scalar = this.filterScalar(operation, field);
    const joined = (count: number) =>
      fc.array(scalar, { minLength: count, maxLength: count }).map((values) => new JoinedValues(values));
    switch (operator) {
      case 'null':
        return fc.constantFrom('true', 'false');
      case 'in':
        return fc.integer({ min: 1, max: 3 }).chain(joined);
      case 'between':
        return joined(2);
      case 'like':
      case 'ilike':
        return fc.constantFrom(...WORDS);
      default:
        return scalar;
    }
  }

  private query(operation: FuzzOperation, mutate: boolean): fc.Arbitrary<Labeled<[string, QueryValue][]>> {
    const documented = (operation.operation.parameters ?? []).filter(
      (parameter) => parameter.in === 'query' && !parameter.name.includes('['),
    );
    const list = listQueryDoc(operation.operation);
    const listNames = new Set(['sort', 'search', 'page', 'limit', 'cursor']);
    const own = documented.filter((parameter) => !list || !listNames.has(parameter.name));
    const hasSearch = documented.some((parameter) => parameter.name === 'search');
    const parts: fc.Arbitrary<[string, QueryValue][]>[] = own.map((parameter) => {
      const value = this.value(parameter.schema, parameter.name).map((v): [string, QueryValue][] => [
        [parameter.name, v],
      ]);
      return parameter.required ? value : fc.oneof(fc.constant<[string, QueryValue][]>([]), value);
    });
    if (list) {
      parts.push(this.validListQuery(operation, list, hasSearch));
    }
    const valid = fc.tuple(...parts).map((groups) => groups.flat());
    if (!mutate) {
      return valid.map((value) => ({ value, label: '' }));
    }
    const defects: fc.Arbitrary<Labeled<[string, QueryValue][]>>[] = own.map((parameter) =>
      fc
        .oneof(
          arbitraries.nastyString,
          arbitraries.impossibleDate,
          arbitraries.nastyNumber(),
          arbitraries.nastyUuid,
        )
        .map((bad) => ({ value: [[parameter.name, bad]], label: `?${parameter.name} ← ${preview(bad)}` })),
    );
    if (list) {
      defects.push(this.badListQuery(operation, list, hasSearch));
    }
    defects.push(
      fc
        .constantFrom<[string, Template]>(
          ['unknown', 'x'],
          ['id;--', '1'],
          ['__proto__[admin]', 'true'],
          ['a[b][c][d][e][f][g][h][i][j][k]', '1'],
          ['\u0000', '1'],
          ['', ''],
        )
        .map((pair) => ({ value: [pair], label: `?${preview(pair[0])}=${preview(pair[1])}` })),
    );
    return fc.tuple(valid, fc.oneof(...defects)).map(([base, bad]) => {
      const replaced = new Set(bad.value.map(([key]) => key));
      return { value: [...base.filter(([key]) => !replaced.has(key)), ...bad.value], label: bad.label };
    });
  }

  private validListQuery(
    operation: FuzzOperation,
    list: ListQueryDoc,
    hasSearch: boolean,
  ): fc.Arbitrary<[string, QueryValue][]> {
    const sort =
      list.sortFields.length > 0
        ? fc
            .subarray([...list.sortFields], { minLength: 1, maxLength: Math.min(2, list.sortFields.length) })
            .chain((fields) =>
              fc
                .array(fc.boolean(), { minLength: fields.length, maxLength: fields.length })
                .map((descending) =>
                  fields.map((field, index) => (descending[index] ? `-${field}` : field)).join(','),
                ),
            )
        : fc.constant(undefined);
    const typedFilters = list.filterFields.flatMap((field) => {
      const allowed = FILTER_OPERATORS[this.filterKind(operation, field)];
      return list.operators
        .filter((operator) => allowed.includes(operator))
        .map((operator) => [field, operator] as const);
    });
    const filter =
      typedFilters.length > 0
        ? fc
            .constantFrom(...typedFilters)
            .chain(([field, operator]) =>
              this.filterValue(operation, field, operator).map((value): [string, QueryValue] => [
                `filter[${field}][${operator}]`,
                value,
              ]),
            )
        : undefined;
    return fc
      .record(
        {
          sort,
          filters: filter ? fc.array(filter, { maxLength: 2 }) : fc.constant([]),
          search: hasSearch ? fc.constantFrom(...WORDS) : fc.constant(undefined),
          paging: fc.oneof(
            fc.constant<[string, QueryValue][]>([]),
            fc
              .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 }))
              .map(([page, limit]): [string, QueryValue][] => [
                ['page', String(page)],
                ['limit', String(limit)],
              ]),
            fc
              .nat()
              .map((index): [string, QueryValue][] => [
                ['cursor', new CursorPick([`cursor:${operation.key}`], index)],
              ]),
          ),
        },
        { requiredKeys: ['paging', 'filters'] },
      )
      .map(({ sort: order, filters, search, paging }) => [
        ...(order ? ([['sort', order]] as [string, QueryValue][]) : []),
        ...filters,
        ...(search ? ([['search', search]] as [string, QueryValue][]) : []),
        ...paging,
      ]);
  }

  private badListQuery(
    operation: FuzzOperation,
    list: ListQueryDoc,
    hasSearch: boolean,
  ): fc.Arbitrary<Labeled<[string, QueryValue][]>> {
    const fields = list.filterFields.length > 0 ? list.filterFields : ['id'];
    const operators = list.operators.length > 0 ? list.operators : ['eq'];
    const nasty = fc.oneof(
      arbitraries.impossibleDate,
      arbitraries.nastyNumber().map((value) => (value instanceof RawJson ? value.text : value)),
      arbitraries.nastyString,
      arbitraries.nastyUuid,
    );
    const one = (key: string, value: QueryValue): Labeled<[string, QueryValue][]> => ({
      value: [[key, value]],
      label: `?${key}=${preview(value)}`,
    });
    const asText = (value: Template) =>
      value instanceof RawJson ? value.text : typeof value === 'string' ? value : JSON.stringify(value);
    const nastyOfKind = (kind: FilterKind): fc.Arbitrary<Template> => {
      switch (kind) {
        case 'number':
          return fc.oneof(arbitraries.nastyNumber(0, 2_147_483_647), arbitraries.nastyString);
        case 'date':
          return fc.oneof(arbitraries.impossibleDate, arbitraries.nastyString);
        case 'uuid':
          return arbitraries.nastyUuid;
        case 'boolean':
        case 'string':
          return arbitraries.nastyString;
      }
    };
    const typed = fields.flatMap((field) => {
      const kind = this.filterKind(operation, field);
      return operators
        .filter((operator) => FILTER_OPERATORS[kind].includes(operator))
        .map((operator) => [field, operator, kind] as const);
    });
    const options: { weight: number; arbitrary: fc.Arbitrary<Labeled<[string, QueryValue][]>> }[] = [];
    if (typed.length > 0) {
      // A documented field and an operator it takes, with a value of its kind that no column holds.
      options.push({
        weight: 8,
        arbitrary: fc.tuple(fc.constantFrom(...typed), fc.nat(2)).chain(([[field, operator, kind], form]) =>
          nastyOfKind(kind).map((value) => {
            const text = asText(value);
            const bad =
              operator === 'between' || operator === 'in'
                ? form === 0
                  ? `${text},${text}`
                  : `${text},1`
                : text;
            return one(`filter[${field}][${operator}]`, bad);
          }),
        ),
      });
    }
    const rest: fc.Arbitrary<Labeled<[string, QueryValue][]>>[] = [
      // A documented field and any operator, with any value no column holds.
      fc
        .tuple(fc.constantFrom(...fields), fc.constantFrom(...operators), nasty, fc.nat(2))
        .map(([field, operator, value, form]) => {
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          const bad = form === 0 ? text : form === 1 ? `${text},${text}` : `1,${text}`;
          return one(`filter[${field}][${operator}]`, bad);
        }),
      fc
        .tuple(fc.constantFrom(...fields), nasty)
        .map(([field, value]) =>
          one(`filter[${field}]`, typeof value === 'string' ? value : JSON.stringify(value)),
        ),
      // Names outside the allow-list.
      fc
        .constantFrom(
          'filter[nope]',
          'filter[id][regex]',
          'filter[id][eq][x]',
          'filter[]',
          'filter',
          'filter[id;--]',
          `filter[${'a'.repeat(500)}]`,
          'filter[__proto__]',
          'filter[constructor][eq]',
        )
        .map((key) => one(key, '1')),
      fc
        .oneof(
          fc.constantFrom(
            'CASE WHEN 1=1 THEN id END',
            'name desc, pg_sleep(2)',
            '-',
            ',,',
            '--id',
            'id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id,id',
            'nope',
          ),
          arbitraries.nastyString,
        )
        .map((value) => one('sort', value)),
      fc
        .tuple(fc.constantFrom('page', 'limit'), arbitraries.nastyNumber(1, 100))
        .map(([key, value]) => one(key, value instanceof RawJson ? value.text : value)),
      // Cursors: random text, another list's cursor, and a seen cursor with one impossible value.
      fc
        .oneof(
          arbitraries.nastyString,
          fc.constantFrom(
            '1e999999',
            'eyJzIjoiLWNyZWF0ZWRBdCIsInYiOlsiMjAyNi0xMy00NSAyNTo2MTo2MSIsIngiXX0',
            Buffer.from(
              '{"s":"-createdAt","v":["2026-13-45 25:61:61","00000000-0000-0000-0000-000000000000"]}',
            ).toString('base64url'),
            Buffer.from(
              '{"s":"-createdAt","v":["-010000-01-01 00:00:00","00000000-0000-0000-0000-000000000000"]}',
            ).toString('base64url'),
            Buffer.from('[1,2,3]').toString('base64url'),
            Buffer.from(deepJson(5_000, 'array')).toString('base64url'),
          ),
          fc.nat().map((index) => new CursorPick(['cursor:*'], index)),
          fc
            .tuple(
              fc.nat(),
              fc.nat(4),
              fc.oneof(arbitraries.impossibleDate, fc.constantFrom('1e999999', '1.5', '\u0000', 'NaN', '-0')),
            )
            .map(
              ([index, slot, value]) =>
                new CursorPick([`cursor:${operation.key}`, 'cursor:*'], index, { slot, value }),
            ),
        )
        .map((value) => one('cursor', value)),
      fc.constant<Labeled<[string, QueryValue][]>>({
        value: [
          ['page', '2'],
          ['cursor', new CursorPick([`cursor:${operation.key}`], 0)],
        ],
        label: '?page&cursor',
      }),
      fc.constant<Labeled<[string, QueryValue][]>>({
        value: [
          ['limit', '1'],
          ['limit', '2'],
          ['sort', fields[0]],
          ['sort', `-${fields[0]}`],
        ],
        label: 'repeated ?limit and ?sort',
      }),
    ];
    if (hasSearch) {
      rest.push(arbitraries.nastyString.map((value) => one('search', value)));
    }
    return fc.oneof(...options, ...rest.map((arbitrary) => ({ weight: 1, arbitrary })));
  }

  private jsonBody(operation: FuzzOperation): JsonSchema | undefined {
    return operation.operation.requestBody?.content['application/json']?.schema;
  }

  private multipartBody(operation: FuzzOperation): JsonSchema | undefined {
    return operation.operation.requestBody?.content['multipart/form-data']?.schema;
  }

  private validMultipart(): fc.Arbitrary<BodyPlan> {
    return fc
      .tuple(
        fc.nat(this.imageCount - 1),
        fc.constantFrom(
          ['photo.png', 'image/png'],
          ['IMG_0001.JPG', 'image/jpeg'],
          ['x', 'application/octet-stream'],
        ),
      )
      .map(([index, [filename, contentType]]) => ({
        kind: 'multipart',
        boundary: `----fuzz${index}`,
        parts: [{ name: 'file', filename, contentType, data: { kind: 'image', index } }],
      }));
  }

  private badMultipart(): fc.Arbitrary<Labeled<BodyPlan>> {
    const image = fc.nat(this.imageCount - 1);
    const plan = (
      parts: PartPlan[],
      extra: Partial<Extract<BodyPlan, { kind: 'multipart' }>> = {},
    ): BodyPlan => ({
      kind: 'multipart',
      boundary: '----fuzzbad',
      parts,
      ...extra,
    });
    return fc.oneof(
      fc.tuple(image, fc.constantFrom('File', 'image', '', 'file[]', 'file\u0000')).map(([index, name]) => ({
        value: plan([{ name, filename: 'a.png', contentType: 'image/png', data: { kind: 'image', index } }]),
        label: `file part named ${preview(name)}`,
      })),
      fc.constant({ value: plan([]), label: 'no parts' }),
      image.map((index) => ({
        value: plan([
          { name: 'file', filename: 'a.png', contentType: 'image/png', data: { kind: 'image', index } },
          { name: 'file', filename: 'b.png', contentType: 'image/png', data: { kind: 'image', index } },
        ]),
        label: 'two files',
      })),
      fc.constant({
        value: plan([{ name: 'file', data: { kind: 'text', text: 'not a file' } }]),
        label: 'file as a text field',
      }),
      fc.tuple(image, fc.integer({ min: 0, max: 200 })).map(([index, keep]) => ({
        value: plan([
          {
            name: 'file',
            filename: 'a.png',
            contentType: 'image/png',
            data: { kind: 'truncated-image', index, keep },
          },
        ]),
        label: `image cut to ${keep} bytes`,
      })),
      fc.constant({
        value: plan([
          { name: 'file', filename: 'flood.png', contentType: 'image/png', data: { kind: 'pixel-flood' } },
        ]),
        label: 'pixel flood',
      }),
      fc
        .constantFrom(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
          '<html><script>alert(1)</script></html>',
          '\u0000\u0000\u0000',
          'GIF89a',
        )
        .map((text) => ({
          value: plan([
            { name: 'file', filename: 'a.png', contentType: 'image/png', data: { kind: 'text', text } },
          ]),
          label: `file ${preview(text)}`,
        })),
      fc.tuple(image, arbitraries.nastyString).map(([index, filename]) => ({
        value: plan([{ name: 'file', filename, contentType: 'image/png', data: { kind: 'image', index } }]),
        label: `filename ${preview(filename)}`,
      })),
      fc
        .tuple(
          image,
          fc.constantFrom(
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'multipart/form-data; boundary=other',
            'multipart/mixed; boundary=----fuzzbad',
            'image/png',
          ),
        )
        .map(([index, contentType]) => ({
          value: plan(
            [{ name: 'file', filename: 'a.png', contentType: 'image/png', data: { kind: 'image', index } }],
            {
              contentType,
            },
          ),
          label: `content-type ${contentType}`,
        })),
      image.map((index) => ({
        value: plan(
          [{ name: 'file', filename: 'a.png', contentType: 'image/png', data: { kind: 'image', index } }],
          {
            unterminated: true,
          },
        ),
        label: 'no closing boundary',
      })),
      fc.constant({
        value: { kind: 'json', value: { file: 'x' } },
        label: 'JSON instead of multipart',
      }),
    );
  }

  /** Bodies no schema describes: deep nesting, broken JSON, other content types. */
  private rawBody(valid: fc.Arbitrary<Template>): fc.Arbitrary<Labeled<BodyPlan>> {
    return fc.oneof(
      fc
        .tuple(fc.integer({ min: 3_000, max: 20_000 }), fc.boolean())
        .map(([levels, array]): Labeled<BodyPlan> => ({
          value: {
            kind: 'text',
            text: deepJson(levels, array ? 'array' : 'object'),
            contentType: 'application/json',
          },
          label: `${levels} levels deep (${array ? 'arrays' : 'objects'})`,
        })),
      fc
        .constantFrom(
          '{"a":',
          "{'a':1}",
          '{"a":1,}',
          '\uFEFF{}',
          'NaN',
          '{"a":NaN}',
          '{"__proto__":{"role":"admin"}}',
          '{"name":"a","name":"b"}',
          '"\\ud800"',
          '{"a":"\\u0000"}',
          '[]',
          'null',
          '0',
          '"x"',
          '',
        )
        .map((text): Labeled<BodyPlan> => ({
          value: { kind: 'text', text, contentType: 'application/json' },
          label: `body ${preview(text)}`,
        })),
      fc
        .tuple(
          valid,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            'application/xml',
            'application/vnd.api+json',
            'application/json, text/plain',
            '',
          ),
        )
        .map(([value, contentType]): Labeled<BodyPlan> => ({
          value: { kind: 'json', value, contentType },
          label: `content-type ${preview(contentType)}`,
        })),
      valid.map((value): Labeled<BodyPlan> => ({
        value: { kind: 'json', value, contentType: 'application/json; charset=utf-16', utf16: true },
        label: 'UTF-16 body',
      })),
      fc.constant<Labeled<BodyPlan>>({
        value: { kind: 'text', text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
        label: 'form body',
      }),
      fc.constant<Labeled<BodyPlan>>({
        value: { kind: 'json', value: { a: BIG_STRING } },
        label: 'a 2 MiB body',
      }),
    );
  }

  private role(operation: FuzzOperation): fc.Arbitrary<RoleName> {
    return operation.secured
      ? fc.oneof(
          { weight: 1, arbitrary: fc.constant<RoleName>('anonymous') },
          { weight: 1, arbitrary: fc.constant<RoleName>('forged') },
          { weight: 3, arbitrary: fc.constant<RoleName>('user') },
          { weight: 3, arbitrary: fc.constant<RoleName>('seller') },
          { weight: 3, arbitrary: fc.constant<RoleName>('moderator') },
          { weight: 4, arbitrary: fc.constant<RoleName>('admin') },
        )
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant<RoleName>('anonymous') },
          { weight: 4, arbitrary: fc.constantFrom<RoleName>('user', 'seller', 'moderator', 'admin') },
          { weight: 1, arbitrary: fc.constant<RoleName>('forged') },
        );
  }

  private validBody(operation: FuzzOperation): fc.Arbitrary<BodyPlan> {
    const jsonSchema = this.jsonBody(operation);
    return this.multipartBody(operation)
      ? this.validMultipart()
      : jsonSchema
        ? this.value(jsonSchema).map((value): BodyPlan => ({ kind: 'json', value }))
        : fc.constant<BodyPlan>({ kind: 'none' });
  }

  /** Requests generated as valid, sent as `role`: the warm-up that fills the id pools before the fuzzing. */
  validRequest(operation: FuzzOperation, role: RoleName): fc.Arbitrary<RequestPlan> {
    return fc
      .tuple(this.path(operation, false), this.query(operation, false), this.validBody(operation))
      .map(([path, query, body]) => ({ role, path: path.value, query: query.value, body, label: 'valid' }));
  }

  /** Every request the fuzzer may send to one operation. */
  request(operation: FuzzOperation): fc.Arbitrary<RequestPlan> {
    const jsonSchema = this.jsonBody(operation);
    const multipart = this.multipartBody(operation);
    const hasPath = operation.path.includes('{');
    const hasQuery = (operation.operation.parameters ?? []).some((parameter) => parameter.in === 'query');
    const canCarryBody = operation.method !== 'GET';
    const validBody = this.validBody(operation);
    const compose = (
      path: fc.Arbitrary<Labeled<Record<string, Template>>>,
      query: fc.Arbitrary<Labeled<[string, QueryValue][]>>,
      body: fc.Arbitrary<Labeled<BodyPlan>>,
    ): fc.Arbitrary<RequestPlan> =>
      fc.tuple(this.role(operation), path, query, body).map(([role, p, q, b]) => ({
        role,
        path: p.value,
        query: q.value,
        body: b.value,
        label: [p.label, q.label, b.label].filter(Boolean).join('; ') || 'valid',
      }));
    const unlabeled = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Labeled<T>> =>
      arbitrary.map((value) => ({ value, label: '' }));
    const variants: { weight: number; arbitrary: fc.Arbitrary<RequestPlan> }[] = [
      {
        weight: 5,
        arbitrary: compose(this.path(operation, false), this.query(operation, false), unlabeled(validBody)),
      },
    ];
    if (hasPath) {
      variants.push({
        weight: 2,
        arbitrary: compose(this.path(operation, true), this.query(operation, false), unlabeled(validBody)),
      });
    }
    if (hasQuery) {
      variants.push({
        weight: 3,
        arbitrary: compose(this.path(operation, false), this.query(operation, true), unlabeled(validBody)),
      });
    }
    if (jsonSchema) {
      variants.push(
        {
          weight: 6,
          arbitrary: compose(
            this.path(operation, false),
            this.query(operation, false),
            this.mutated(jsonSchema).map(({ value, label }) => ({
              value: { kind: 'json', value },
              label: `body${label}`,
            })),
          ),
        },
        {
          weight: 2,
          arbitrary: compose(
            this.path(operation, false),
            this.query(operation, false),
            this.rawBody(this.value(jsonSchema)),
          ),
        },
      );
    }
    if (multipart) {
      variants.push({
        weight: 4,
        arbitrary: compose(this.path(operation, false), this.query(operation, false), this.badMultipart()),
      });
    }
    if (!jsonSchema && !multipart && canCarryBody) {
      variants.push({
        weight: 1,
        arbitrary: compose(
          this.path(operation, false),
          this.query(operation, false),
          this.rawBody(fc.constant({ unexpected: true })),
        ),
      });
    }
    return fc.oneof(...variants);
  }

  /** The schema name a `$ref` response names, for the id pools. */
  static responseSchemaName(schema: JsonSchema | undefined): string | undefined {
    return typeof schema?.$ref === 'string' ? schemaNameOf(schema.$ref) : undefined;
  }
}
