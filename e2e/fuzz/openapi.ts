import {
  API_PREFIX,
  GATEWAY_ROUTES,
  gatewaySpecPath,
  SERVICE_NAMES,
  type ServiceName,
} from '@agora/contracts';

/** The parts of an OpenAPI 3.0/3.1 document the fuzzer reads. */
export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: JsonSchema;
}

export interface OpenApiMediaType {
  readonly schema?: JsonSchema;
}

export interface OpenApiResponse {
  readonly description?: string;
  readonly content?: Readonly<Record<string, OpenApiMediaType>>;
}

export interface OpenApiOperation {
  readonly operationId?: string;
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, OpenApiMediaType> };
  readonly responses?: Readonly<Record<string, OpenApiResponse>>;
  readonly security?: readonly Record<string, unknown>[];
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
export type HttpMethod = Uppercase<(typeof METHODS)[number]>;

/** One operation of the merged document, addressed by its public path behind the gateway. */
export interface FuzzOperation {
  /** e.g. `POST /api/coffees`: the key failures are grouped by. */
  readonly key: string;
  readonly service: ServiceName;
  readonly method: HttpMethod;
  /** Public path template, e.g. `/api/coffees/{id}`. */
  readonly path: string;
  readonly operation: OpenApiOperation;
  /** The operation asks for a bearer token (`security` in the document). */
  readonly secured: boolean;
}

export interface MergedApi {
  /** One OpenAPI document over the five services: public paths, component schemas named `<service>.<Name>`. */
  readonly document: OpenApiDocument;
  readonly operations: readonly FuzzOperation[];
  /** Documented operations no gateway route reaches (each service's own `/health`), left out. */
  readonly unreachable: readonly string[];
}

/** The public path of a service path: the route table's canonical entry (`/api/coffees` → `/coffees`). */
export function publicPath(service: ServiceName, servicePath: string): string | undefined {
  const candidates = GATEWAY_ROUTES.filter(
    (route) =>
      route.service === service &&
      !route.websocket &&
      (servicePath === route.target || servicePath.startsWith(`${route.target}/`)),
  );
  // The plural route whose public path mirrors its target, before the seed 001 singular rewrites.
  const route =
    candidates.find((candidate) => candidate.path === `${API_PREFIX}${candidate.target}`) ?? candidates[0];
  return route ? route.path + servicePath.slice(route.target.length) : undefined;
}

/** Rewrites every local `$ref` of a service's document to the merged document's namespaced schema. */
function namespaceRefs<T>(value: T, service: ServiceName): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => namespaceRefs(item, service)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === '$ref' && typeof item === 'string'
          ? item.replace('#/components/schemas/', `#/components/schemas/${service}.`)
          : namespaceRefs(item, service),
      ]),
    ) as T;
  }
  return value;
}

/** Merges the services' documents into one over the public paths. */
export function mergeDocuments(documents: Readonly<Record<ServiceName, OpenApiDocument>>): MergedApi {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  const schemas: Record<string, JsonSchema> = {};
  const operations: FuzzOperation[] = [];
  const unreachable: string[] = [];
  for (const service of SERVICE_NAMES) {
    const document = documents[service];
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      schemas[`${service}.${name}`] = namespaceRefs(schema, service);
    }
    for (const [servicePath, item] of Object.entries(document.paths)) {
      const path = publicPath(service, servicePath);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) {
          continue;
        }
        const upper = method.toUpperCase() as HttpMethod;
        if (!path) {
          unreachable.push(`${service}: ${upper} ${servicePath}`);
          continue;
        }
        if (paths[path]?.[method]) {
          throw new Error(`${upper} ${path} is documented by two services`);
        }
        const merged = namespaceRefs(operation, service);
        (paths[path] ??= {})[method] = merged;
        operations.push({
          key: `${upper} ${path}`,
          service,
          method: upper,
          path,
          operation: merged,
          secured: (operation.security ?? []).length > 0,
        });
      }
    }
  }
  return {
    document: {
      openapi: documents.auth.openapi,
      info: { title: 'Agora (merged)', version: '1' },
      paths,
      components: { schemas },
    },
    operations,
    unreachable,
  };
}

/** Reads every service's document where the gateway serves it (`/api/docs/<service>.json`) and merges them. */
export async function loadMergedApi(gatewayUrl: string): Promise<MergedApi> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (service) => {
      const response = await fetch(`${gatewayUrl}${gatewaySpecPath(service)}`);
      if (!response.ok) {
        throw new Error(`${gatewaySpecPath(service)} answered ${response.status}`);
      }
      return [service, (await response.json()) as OpenApiDocument] as const;
    }),
  );
  return mergeDocuments(Object.fromEntries(entries) as Record<ServiceName, OpenApiDocument>);
}

/** The schema a `$ref` (`#/components/schemas/<name>`) names in the merged document. */
export function resolveRef(document: OpenApiDocument, ref: string): JsonSchema {
  const name = schemaNameOf(ref);
  const schema = name ? document.components?.schemas?.[name] : undefined;
  if (!schema) {
    throw new Error(`unresolvable $ref ${ref}`);
  }
  return schema;
}

export function schemaNameOf(ref: string): string | undefined {
  const prefix = '#/components/schemas/';
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

/** Fields and operators of a documented list query (`filter[field][operator]`, `sort`), from its descriptions. */
export interface ListQueryDoc {
  readonly filterFields: readonly string[];
  readonly operators: readonly string[];
  readonly sortFields: readonly string[];
}

function listAfter(label: string, text: string | undefined): string[] {
  const match = text ? new RegExp(`${label}:\\s*([^.(]+)`).exec(text) : null;
  return match
    ? match[1]
        .split(',')
        .map((item) => item.trim())
        .filter((item) => /^[A-Za-z][\w]*$/.test(item))
    : [];
}

export function listQueryDoc(operation: OpenApiOperation): ListQueryDoc | undefined {
  const parameters = operation.parameters ?? [];
  const filter = parameters.find(
    // `filter` (a deepObject) whose description lists the fields and operators; `filter[…]` before it.
    (parameter) =>
      parameter.in === 'query' && (parameter.name === 'filter' || parameter.name.startsWith('filter[')),
  );
  const sort = parameters.find((parameter) => parameter.in === 'query' && parameter.name === 'sort');
  if (!filter && !sort) {
    return undefined;
  }
  return {
    filterFields: listAfter('Fields', filter?.description),
    operators: listAfter('Operators', filter?.description),
    sortFields: listAfter('Fields', sort?.description),
  };
}
