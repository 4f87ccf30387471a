import { API_PREFIX, GATEWAY_ROUTES, resolveGatewayRoute, type ServiceName } from '@agora/contracts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

/**
 * The contract pass over a service's OpenAPI document as Nest builds it (3.0 forms): it is made an OpenAPI
 * 3.1 document that says what the gateway answers. One place instead of a fix per route (issue 18):
 * - `nullable` (3.0) becomes JSON Schema's `null` type (`type: [t, 'null']`, or `anyOf` with `{type: 'null'}`
 *   around a reference), so a `null` the API sends passes a strict validator;
 * - only the paths the gateway routes to the service stay (health and docs are not public), under the
 *   gateway's server `/api`;
 * - operation ids get the service's name (and, where one handler serves two paths, the path's first
 *   segment), unique across the five specs;
 * - every operation documents the gateway's 429 (nginx's per-address zones cover every route) and every 429
 *   its `Retry-After` header;
 * - every problem response has an example per code.
 */

/** The security schemes every spec declares: the bearer access token or the web session's cookie. */
export const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The access token of `/access`',
  },
  cookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'agora_access',
    description:
      "The web session's access cookie (`__Host-agora_access` over https); state-changing requests also send " +
      '`X-CSRF-Token`',
  },
} as const;

export const GATEWAY_SERVERS = [{ url: API_PREFIX, description: 'The gateway (nginx, or the embedded one)' }];

/** What nginx answers past a rate zone on any route (`libs/contracts/src/gateway/nginx.ts`). */
const GATEWAY_RATE_LIMITED = {
  code: 'RATE_LIMITED',
  description: 'too many requests from this address (the gateway); see Retry-After',
};

const RETRY_AFTER_HEADER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
};

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

type Json = Record<string, unknown>;
type Operation = Json & { operationId?: string; responses: Record<string, Response> };
interface Response {
  description: string;
  headers?: Json;
  content?: Record<string, { schema?: Json }>;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One schema, its `nullable` (3.0) turned into 3.1's null type; sub-schemas first. */
function nullableTo31(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(nullableTo31);
  }
  if (!isObject(node)) {
    return node;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // `example` and `examples` hold values, not schemas: copy them as they are.
    out[key] = key === 'example' || key === 'examples' ? value : nullableTo31(value);
  }
  if (out.nullable === undefined) {
    return out;
  }
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) {
    return out;
  }
  const { description, example, title, default: fallback, ...core } = out;
  const annotations: Json = {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(example !== undefined ? { examples: [example] } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
  };
  if (
    core.$ref !== undefined ||
    core.allOf !== undefined ||
    core.oneOf !== undefined ||
    core.anyOf !== undefined
  ) {
    // `{type: object, allOf: [$ref]}` (Nest's nullable reference): the reference itself, or null.
    const allOf = core.allOf as unknown[] | undefined;
    const { type: _type, ...rest } = core;
    const inner = allOf?.length === 1 && Object.keys(rest).length === 1 ? (allOf[0] as Json) : rest;
    return { ...annotations, anyOf: [inner, { type: 'null' }] };
  }
  if (typeof core.type === 'string') {
    const typed: Json = { ...core, type: [core.type, 'null'] };
    if (Array.isArray(core.enum)) {
      typed.enum = [...(core.enum as unknown[]), null];
    }
    return { ...annotations, ...typed };
  }
  // No type: any value, null included.
  return { ...annotations, ...core };
}

/** The public path (under `/api`) that reaches `path` of the service, if the gateway routes it. */
function routedAt(service: ServiceName, path: string): boolean {
  const resolved = resolveGatewayRoute(`${API_PREFIX}${path}`);
  return resolved?.service === service && resolved.url === path && !resolved.websocket;
}

function operationsOf(document: OpenAPIObject): [string, string, Operation][] {
  const operations: [string, string, Operation][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Json)[method] as Operation | undefined;
      if (operation) {
        operations.push([path, method, operation]);
      }
    }
  }
  return operations;
}

function problemSchema(codes: string[]): Json {
  return {
    allOf: [
      { $ref: '#/components/schemas/ProblemDetails' },
      { type: 'object', properties: { code: { type: 'string', enum: codes } } },
    ],
  };
}

/**
 * One example per code on each problem response (`{"type","title","status","code","detail"}`), the detail
 * from the code's line in the response's description (`\`CODE\` what it means`).
 */
function documentProblemExamples(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    const media = response.content?.[PROBLEM_CONTENT_TYPE];
    const codes = (
      media?.schema as { allOf?: [unknown, { properties?: { code?: { enum?: string[] } } }] } | undefined
    )?.allOf?.[1]?.properties?.code?.enum;
    if (!media || !codes?.length) {
      continue;
    }
    const title = STATUS_CODES[Number(status)] ?? 'Error';
    (media as Json).examples = Object.fromEntries(
      codes.map((code) => {
        const detail = new RegExp(`\`${code}\` ([^;\n]+)`).exec(response.description)?.[1] ?? title;
        return [
          code,
          { summary: detail, value: { type: 'about:blank', title, status: Number(status), code, detail } },
        ];
      }),
    );
  }
}

function documentRateLimits(operation: Operation): void {
  const existing = operation.responses['429'];
  if (!existing) {
    operation.responses['429'] = {
      description: `Too Many Requests: \`${GATEWAY_RATE_LIMITED.code}\` ${GATEWAY_RATE_LIMITED.description}`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema([GATEWAY_RATE_LIMITED.code]) } },
    };
  }
  operation.responses['429'].headers = {
    ...operation.responses['429'].headers,
    'Retry-After': RETRY_AFTER_HEADER,
  };
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly description?: string;
}

/**
 * One parameter per header, names being case-insensitive: `@Headers('cache-control')` makes Nest add a
 * required `cache-control` beside the route's own `@ApiHeader({ name: 'Cache-Control', required: false })`;
 * the documented one stays.
 */
function mergeHeaderParameters(operation: Operation): void {
  const parameters = operation.parameters as Parameter[] | undefined;
  if (!parameters) {
    return;
  }
  const kept = new Map<string, Parameter>();
  for (const parameter of parameters) {
    const key =
      parameter.in === 'header'
        ? `header:${parameter.name.toLowerCase()}`
        : `${parameter.in}:${parameter.name}`;
    const existing = kept.get(key);
    if (!existing || (parameter.description && !existing.description)) {
      kept.set(key, parameter);
    }
  }
  operation.parameters = [...kept.values()];
}

/**
 * Service-prefixed operation ids; a handler mounted on several paths (`/coffees/top`, `/watches/top`) gets the
 * first segment of its path that tells them apart.
 */
function uniqueOperationIds(service: ServiceName, operations: [string, string, Operation][]): void {
  const groups = new Map<string, string[][]>();
  const segmentsOf = (path: string): string[] =>
    path
      .split('/')
      .filter((part) => part && !part.startsWith('{'))
      .map((part) => part.replace(/[^A-Za-z0-9]/g, ''));
  for (const [path, method, operation] of operations) {
    const base = operation.operationId ?? `${method}_${path}`;
    groups.set(base, [...(groups.get(base) ?? []), segmentsOf(path)]);
  }
  for (const [path, method, operation] of operations) {
    const base = operation.operationId ?? `${method}_${path}`;
    const group = groups.get(base) ?? [];
    let qualifier = '';
    if (group.length > 1) {
      const own = segmentsOf(path);
      const index = own.findIndex((segment, at) => group.some((other) => other[at] !== segment));
      qualifier = `_${own[index === -1 ? own.length - 1 : index] ?? 'root'}`;
    }
    operation.operationId = `${service}_${base}${qualifier}`;
  }
}

/** The contract pass (see the file's comment): mutates and returns the document. */
export function finalizeServiceDocument(document: OpenAPIObject, service: ServiceName): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (routedAt(service, path)) {
      paths[path] = item;
    }
  }
  document.paths = paths;
  const operations = operationsOf(document);
  for (const [, , operation] of operations) {
    documentRateLimits(operation);
    documentProblemExamples(operation);
    mergeHeaderParameters(operation);
  }
  uniqueOperationIds(service, operations);
  const converted = nullableTo31(document) as OpenAPIObject;
  converted.openapi = '3.1.0';
  converted.servers = GATEWAY_SERVERS;
  converted.components = {
    ...converted.components,
    securitySchemes: SECURITY_SCHEMES as unknown as NonNullable<
      OpenAPIObject['components']
    >['securitySchemes'],
  };
  return converted;
}

/** The public paths (without `/api`) of the gateway's routes that lead to `path` of the service. */
export function publicPathsOf(service: ServiceName, path: string): string[] {
  const paths: string[] = [];
  for (const route of GATEWAY_ROUTES) {
    if (route.service !== service || route.websocket) {
      continue;
    }
    const under = route.exact
      ? path === route.target
      : path === route.target || path.startsWith(`${route.target}/`);
    if (!under) {
      continue;
    }
    const candidate = route.path + path.slice(route.target.length);
    // The first matching route wins at the gateway: keep the candidate only if it comes back here.
    const resolved = resolveGatewayRoute(candidate);
    if (resolved?.service === service && resolved.url === path) {
      paths.push(candidate.slice(API_PREFIX.length));
    }
  }
  return paths;
}

function renameReferences(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => renameReferences(item, renames));
  }
  if (!isObject(node)) {
    return node;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      out[key] = renames.has(name) ? `#/components/schemas/${renames.get(name)}` : value;
    } else {
      out[key] = renameReferences(value, renames);
    }
  }
  return out;
}

const capitalized = (name: string): string => name[0].toUpperCase() + name.slice(1);

/**
 * The gateway's one document over the five services' (finalized) documents: each path at every public path
 * that reaches it (seed 001's singular aliases too: `/product/{id}` beside `/products/{id}`), schemas shared
 * where equal and prefixed with the service's name where two services mean different things by one name.
 */
export function mergeServiceDocuments(
  documents: Readonly<Partial<Record<ServiceName, OpenAPIObject>>>,
  info: { title: string; description: string },
): OpenAPIObject {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, Json> = {};
  const tags = new Map<string, Json>();
  for (const [service, original] of Object.entries(documents) as [ServiceName, OpenAPIObject][]) {
    const own = original.components?.schemas ?? {};
    // A schema clashes when it differs from the one of its name already merged, its references renamed:
    // a page of renamed items is renamed too, so rename until nothing more clashes.
    const renames = new Map<string, string>();
    for (let grown = true; grown;) {
      grown = false;
      const renamed = renameReferences(own, renames) as Record<string, unknown>;
      for (const [name, schema] of Object.entries(renamed)) {
        if (
          !renames.has(name) &&
          schemas[name] !== undefined &&
          JSON.stringify(schemas[name]) !== JSON.stringify(schema)
        ) {
          renames.set(name, `${capitalized(service)}${name}`);
          grown = true;
        }
      }
    }
    const document = renameReferences(original, renames) as OpenAPIObject;
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      schemas[renames.get(name) ?? name] = schema;
    }
    for (const tag of document.tags ?? []) {
      tags.set(tag.name, tag as unknown as Json);
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const publicPath of publicPathsOf(service, path)) {
        if (publicPath === path) {
          paths[publicPath] = item as Json;
          continue;
        }
        // An alias: the same operations under their own ids.
        const alias: Json = {};
        for (const [key, value] of Object.entries(item as Json)) {
          const operation = value as Operation;
          alias[key] =
            (HTTP_METHODS as readonly string[]).includes(key) && operation.operationId
              ? { ...operation, operationId: `${operation.operationId}_at_${aliasName(publicPath)}` }
              : value;
        }
        paths[publicPath] = alias;
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, description: info.description, version: '1' },
    servers: GATEWAY_SERVERS,
    tags: [...tags.values()] as unknown as OpenAPIObject['tags'],
    paths,
    components: {
      schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'],
      securitySchemes: SECURITY_SCHEMES as unknown as NonNullable<
        OpenAPIObject['components']
      >['securitySchemes'],
    },
  };
}

function aliasName(publicPath: string): string {
  return publicPath
    .split('/')
    .filter(Boolean)[0]
    .replace(/[^A-Za-z0-9]/g, '');
}

/** The JSON text of a document, keys sorted at every level so the committed files diff only on change. */
export function stableJson(value: unknown): string {
  const sorted = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map(sorted);
    }
    if (!isObject(node)) {
      return node;
    }
    return Object.fromEntries(
      Object.keys(node)
        .sort()
        .map((key) => [key, sorted(node[key])]),
    );
  };
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}
