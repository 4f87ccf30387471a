import fc from 'fast-check';
import {
  listQueryDoc,
  schemaNameOf,
  type FuzzOperation,
  type JsonSchema,
  type ListQueryDoc,
  type OpenApiDocument,
  type OpenApiParameter,
} from './openapi.js';
import { idHints, preview, SchemaValues, WORDS, type Labeled } from './schema-values.js';
import {
  arbitraries,
  CursorPick,
  deepJson,
  JoinedValues,
  PoolPick,
  RawJson,
  RawSegment,
  type Template,
} from './values.js';

/** Who sends a request: no token, each role's token, or a token no one issued. */
export const ROLES = ['anonymous', 'user', 'seller', 'moderator', 'admin', 'forged'] as const;
export type RoleName = (typeof ROLES)[number];

type FilterKind = 'string' | 'number' | 'date' | 'uuid' | 'boolean';
/** Operators that make sense for each kind of field (the others are a 400 by design). */
const FILTER_OPERATORS: Readonly<Record<FilterKind, readonly string[]>> = {
  string: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like', 'ilike', 'between', 'null'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'null'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'between', 'null'],
  uuid: ['eq', 'ne', 'in', 'null'],
  boolean: ['eq', 'ne', 'null'],
};

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

/** Past the services' 1 MiB body limit, below the gateway's 25 MiB. */
const BIG_STRING = 'x'.repeat(2 * 1024 * 1024);
/** fast-check arbitraries for every operation of the merged document. */
export class RequestGenerators extends SchemaValues {
  constructor(
    document: OpenApiDocument,
    private readonly imageCount: number,
  ) {
    super(document);
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
          fc
            .constantFrom('%zz', '%', '%E0%A4%A', '%C0%AF', '%00x', '%ED%A0%80', '%%32%65')
            .map((text) => new RawSegment(text)),
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
}
