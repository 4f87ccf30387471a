import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FuzzOperation, JsonSchema, OpenApiDocument } from './openapi.js';

// ajv-formats is CommonJS with its function as `default`; under NodeNext the import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const DOCUMENT_ID = 'agora-openapi';
const REF_PREFIX = '#/components/schemas/';

/**
 * OpenAPI 3.0 schema → JSON Schema 2020-12: `nullable` becomes `anyOf [schema, null]`, refs point into the
 * registered document, examples and `format: binary` go. With `closed`, an object that lists its properties
 * admits no others, so a field the document does not describe is a mismatch too.
 */
export function toJsonSchema(schema: unknown, closed: boolean): unknown {
  if (Array.isArray(schema)) {
    return schema.map((item) => toJsonSchema(item, closed));
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const source = schema as JsonSchema;
  const converted: JsonSchema = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (keyword === 'example' || keyword === 'examples' || keyword === 'nullable') {
      continue;
    }
    if (keyword === 'format' && value === 'binary') {
      continue;
    }
    if (keyword === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) {
      converted.$ref = `${DOCUMENT_ID}#/$defs/${value.slice(REF_PREFIX.length)}`;
      continue;
    }
    if (keyword === 'properties' && value && typeof value === 'object') {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property, closed)]),
      );
      continue;
    }
    converted[keyword] = toJsonSchema(value, closed);
  }
  if (
    closed &&
    converted.properties &&
    converted.additionalProperties === undefined &&
    !converted.allOf &&
    !converted.anyOf &&
    !converted.oneOf
  ) {
    converted.additionalProperties = false;
  }
  if (source.nullable === true) {
    return { anyOf: [converted, { type: 'null' }] };
  }
  return converted;
}

export type ResponseCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'undocumented-status' | 'schema'; readonly detail: string };

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((error) => {
      const extra =
        error.keyword === 'additionalProperties'
          ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
          : '';
      return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
    })
    .join('; ');
}

/** Checks 2xx answers against the merged document's response schemas (ajv, $refs resolved). */
export class ResponseSchemas {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    document: OpenApiDocument,
    private readonly closed = true,
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    const defs = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [
        name,
        toJsonSchema(schema, closed),
      ]),
    );
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: defs });
  }

  check(
    operation: FuzzOperation,
    status: number,
    contentType: string | null,
    body: unknown,
    bodyText: string,
  ): ResponseCheck {
    const responses = operation.operation.responses ?? {};
    const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!documented) {
      return {
        ok: false,
        kind: 'undocumented-status',
        detail: `${status} is not among the documented answers (${Object.keys(responses).join(', ')})`,
      };
    }
    const mediaType = mediaTypeOf(contentType);
    const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');
    const content = documented.content ?? {};
    const entry = content[mediaType] ?? (isJson ? content['application/json'] : undefined) ?? content['*/*'];
    if (!entry?.schema) {
      if (isJson && bodyText.length > 0) {
        return {
          ok: false,
          kind: 'schema',
          detail: `a ${mediaType} body, but the document describes no body for ${status}`,
        };
      }
      return { ok: true };
    }
    if (!isJson) {
      return { ok: true };
    }
    const cacheKey = `${operation.key} ${status} ${mediaType}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(entry.schema, this.closed) as object);
      this.compiled.set(cacheKey, validate);
    }
    if (validate(body)) {
      return { ok: true };
    }
    return { ok: false, kind: 'schema', detail: describe(validate.errors) };
  }
}
