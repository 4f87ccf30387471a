import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The committed merged OpenAPI document (`openapi/agora.json`) as a checker of real answers (issue 18):
 * each answer of an e2e suite's request is matched to its operation and checked against the documented
 * status, media type, body schema (JSON Schema 2020-12, as OpenAPI 3.1 writes it; success bodies closed: no
 * undocumented fields) and the 429's
 * `Retry-After`. A request to a path or method the document lacks (a suite probing unknown routes) is not
 * checked; everything the document describes is.
 */
// libs/testing/src (or its copy under dist/) → the repository's root.
const SPEC_FILE = path.resolve(import.meta.dirname.replace(/\/dist\//, '/'), '../../../openapi/agora.json');
const SPEC_ID = 'agora';
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

interface Response {
  readonly content?: Record<string, { readonly schema?: unknown }>;
  readonly headers?: Record<string, unknown>;
}
interface Operation {
  readonly operationId?: string;
  readonly responses: Record<string, Response>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
}

interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  readonly parameters: number;
}

// ajv-formats is CommonJS with a default export; under NodeNext its default is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const pointer = (...parts: string[]): string =>
  parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Schemas of error bodies: problem details take extra members (`currentVersion`, `retryAfter`, …). */
const OPEN_SCHEMAS = new Set(['ProblemDetails', 'FieldProblem']);

/** An object schema that lists its properties admits no others (outside examples and compositions). */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(closed);
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'example' || key === 'examples' ? value : closed(value);
  }
  if (out.properties && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * The document with success bodies closed: a field the service sends that the document does not describe is a
 * mismatch (the schemas of problem responses stay open).
 */
function closeObjects(document: Document & { components?: { schemas?: Record<string, unknown> } }): Document {
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    if (!OPEN_SCHEMAS.has(name)) {
      schemas[name] = closed(schemas[name]);
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) {
          for (const media of Object.values(response.content ?? {})) {
            (media as { schema?: unknown }).schema = closed(media.schema);
          }
        }
      }
    }
  }
  return document;
}

export class ContractChecker {
  private readonly document: Document;
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(file = SPEC_FILE) {
    this.document = closeObjects(JSON.parse(readFileSync(file, 'utf8')) as Document);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.document, SPEC_ID);
    this.routes = Object.keys(this.document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/(\{[^}]+\})/)
            .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
            .join('')}$`,
        ),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      // Literal paths before templated ones: `/listings/mine` is not `/listings/{id}`.
      .sort((a, b) => a.parameters - b.parameters || b.template.length - a.template.length);
  }

  /** The operation a request reaches, if the document describes it. */
  operationOf(method: string, url: string): { template: string; operation: Operation } | undefined {
    const pathname = decodeURI(url.split('?')[0]);
    const lower = method.toLowerCase();
    if (!METHODS.has(lower)) {
      return undefined;
    }
    for (const route of this.routes) {
      if (route.pattern.test(pathname)) {
        const operation = this.document.paths[route.template][lower];
        return operation ? { template: route.template, operation } : undefined;
      }
    }
    return undefined;
  }

  /**
   * What is wrong with an answer to `method url` (the path under `/api`): an empty list when it is as
   * documented or the document does not describe the request.
   */
  mismatches(
    method: string,
    url: string,
    answer: { status: number; contentType: string | null; headers: Headers; text: string },
  ): string[] {
    const found = this.operationOf(method, url);
    if (!found) {
      return [];
    }
    const { template, operation } = found;
    const where = `${method.toUpperCase()} ${template} → ${answer.status} (${operation.operationId ?? '?'})`;
    const status = String(answer.status);
    const response = operation.responses[status] ?? operation.responses.default;
    if (!response) {
      return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    }
    const problems: string[] = [];
    if (status === '429' && !answer.headers.get('retry-after')) {
      problems.push(`${where}: 429 without Retry-After`);
    }
    const mediaType = answer.contentType?.split(';')[0].trim().toLowerCase();
    if (!response.content || !answer.text) {
      if (response.content && !answer.text && answer.status !== 204) {
        problems.push(`${where}: empty body where ${Object.keys(response.content).join(', ')} is documented`);
      }
      return problems;
    }
    const documented = mediaType ? response.content[mediaType] : undefined;
    if (!documented) {
      problems.push(
        `${where}: served as ${mediaType ?? 'nothing'}, documented as ${Object.keys(response.content).join(', ')}`,
      );
      return problems;
    }
    if (documented.schema === undefined || !mediaType?.endsWith('json')) {
      return problems;
    }
    const statusKey = operation.responses[status] ? status : 'default';
    const validate = this.validatorOf(template, method.toLowerCase(), statusKey, mediaType);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 8)
        .map(
          (error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        );
      problems.push(`${where}: body does not match the schema:\n  ${errors.join('\n  ')}`);
    }
    return problems;
  }

  private validatorOf(template: string, method: string, status: string, mediaType: string): ValidateFunction {
    const reference = `${SPEC_ID}#/${pointer('paths', template, method, 'responses', status, 'content', mediaType, 'schema')}`;
    let validate = this.validators.get(reference);
    if (!validate) {
      validate = this.ajv.getSchema(reference);
      if (!validate) {
        throw new Error(`no schema at ${reference}`);
      }
      this.validators.set(reference, validate);
    }
    return validate;
  }
}

let shared: ContractChecker | undefined;

/** One checker per test file: compiling the document's schemas once. */
export function contractChecker(): ContractChecker {
  return (shared ??= new ContractChecker());
}
