import http from 'node:http';
import fc from 'fast-check';
import type { FuzzAccounts } from './accounts.js';
import { checkResponse, type CheckOptions, type Defect, type DefectKind } from './checks.js';
import { RequestGenerators, type RequestPlan, type RoleName } from './generators.js';
import { resolveRef, type FuzzOperation, type JsonSchema, type MergedApi } from './openapi.js';
import { IdPools } from './pools.js';
import {
  resolvePlan,
  send,
  urlOf,
  type FuzzRequest,
  type FuzzResponse,
  type SendContext,
} from './requests.js';
import { ResponseSchemas } from './response-schemas.js';
import { logMessage, type ServiceLogs } from './service-logs.js';
import { PoolPick, RawJson, serialize, type Resolved, type Template } from './values.js';

export interface FuzzConfig {
  readonly seed: number;
  /** Requests to send (shrinking comes on top). */
  readonly runs: number;
  readonly concurrency: number;
  readonly check: CheckOptions;
  /** Rounds of valid creations before the fuzzing, one per role listed (fills the id pools). */
  readonly warmUpRoles: readonly RoleName[];
  /** Re-sends spent on making each group's reproduction smaller. */
  readonly shrinkAttemptsPerGroup: number;
  readonly timeoutMs: number;
  /** Print every request whose operation key contains this text, with its status (FUZZ_TRACE). */
  readonly trace?: string;
}

export interface FuzzEnvironment {
  readonly gatewayUrl: string;
  readonly api: MergedApi;
  readonly accounts: FuzzAccounts;
  readonly images: readonly Buffer[];
  readonly pixelFlood: Buffer;
  readonly logs: ServiceLogs;
}

export interface Reproduction {
  readonly request: FuzzRequest;
  readonly response: FuzzResponse;
  readonly defect: Defect;
  readonly logLines: readonly string[];
}

/** The failures of one operation with one status and one kind of defect. */
export interface FailureGroup {
  readonly key: string;
  readonly operation: string;
  readonly status: number;
  readonly kind: DefectKind;
  count: number;
  /** The smallest reproduction (after shrinking). */
  example: Reproduction;
  /** Distinct causes seen in the service logs (5xx) or details (schema mismatches). */
  readonly causes: Set<string>;
}

export interface FuzzReport {
  readonly seed: number;
  readonly sent: number;
  readonly shrinkRequests: number;
  readonly durationMs: number;
  readonly groups: FailureGroup[];
  /** Per operation: how many answers had each status. */
  readonly statuses: Map<string, Map<number, number>>;
  /** Per operation: the most frequent refusal of requests generated as valid (status and problem). */
  readonly validRefusals: Map<string, Map<string, number>>;
  /** Per operation: total and slowest answer time, ms. */
  readonly timings: Map<string, { total: number; max: number; count: number }>;
  readonly operations: number;
  readonly unreachable: readonly string[];
  readonly renewedTokens: readonly string[];
}

export const METHOD_ORDER: Record<FuzzOperation['method'], number> = {
  POST: 0,
  PUT: 1,
  GET: 2,
  PATCH: 3,
  DELETE: 4,
};
const PLANS_PER_BATCH = 8;

/** A 32-bit seed for one operation's batch, from the run's seed. */
export function mix(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return hash | 0;
}

function size(request: FuzzRequest): number {
  const body = request.body;
  const bodySize =
    body.kind === 'json'
      ? serialize(body.value).length
      : body.kind === 'text'
        ? body.text.length
        : body.kind === 'multipart'
          ? body.parts.length * 100
          : 0;
  return urlOf(request).length + bodySize + (request.role === 'anonymous' ? 0 : 1);
}

/** POST and PUT routes that create: a body, and no id in the path (only enumerated values such as a kind). */
export function isCreator(operation: FuzzOperation): boolean {
  const parameters = (operation.operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
  return (
    (operation.method === 'POST' || operation.method === 'PUT') &&
    operation.operation.requestBody !== undefined &&
    parameters.every((parameter) => Array.isArray(parameter.schema?.enum))
  );
}

/** POST routes that create under an item (`/listings/{listingId}/reviews`): ids in the path, a collection last. */
export function isNestedCreator(operation: FuzzOperation): boolean {
  return (
    operation.method === 'POST' &&
    operation.operation.requestBody !== undefined &&
    operation.path.includes('{') &&
    !operation.path.endsWith('}') &&
    !isCreator(operation)
  );
}

/** Every combination of a creator's enumerated path values (`/dictionaries/{kind}`: one per kind). */
export function enumPathValues(operation: FuzzOperation): Record<string, string>[] {
  const parameters = (operation.operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
  return parameters.reduce<Record<string, string>[]>(
    (combinations, parameter) =>
      combinations.flatMap((combination) =>
        (parameter.schema?.enum as string[]).map((value) => ({ ...combination, [parameter.name]: value })),
      ),
    [{}],
  );
}

export function jsonBodySchema(api: MergedApi, operation: FuzzOperation): JsonSchema | undefined {
  const schema = operation.operation.requestBody?.content['application/json']?.schema;
  return typeof schema?.$ref === 'string' ? resolveRef(api.document, schema.$ref) : schema;
}

export function requiredProperties(api: MergedApi, operation: FuzzOperation): string[] {
  return (jsonBodySchema(api, operation)?.required as string[] | undefined) ?? [];
}

/** One `{property: value}` per value of each enumerated top-level property of a creator's JSON body. */
function bodyEnumValues(api: MergedApi, operation: FuzzOperation): Record<string, Template>[] {
  const schema = jsonBodySchema(api, operation);
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([name, property]) =>
    Array.isArray(property.enum) && property.enum.length <= 8
      ? (property.enum as Template[]).map((value) => ({ [name]: value }))
      : [],
  );
}

/** How many ids of other items a creator's body refers to (fewer: create it earlier). */
export function references(api: MergedApi, operation: FuzzOperation): number {
  const schema = operation.operation.requestBody?.content['application/json']?.schema;
  const text = JSON.stringify(schema ?? {});
  const ref = /"\$ref":"#\/components\/schemas\/([^"]+)"/.exec(text)?.[1];
  const body = JSON.stringify((ref ? api.document.components?.schemas?.[ref] : schema) ?? {});
  return (body.match(/"format":"uuid"/g) ?? []).length;
}

/** Smaller variants of a request: without a query parameter, without a body property, shorter strings. */
function* shrinkCandidates(request: FuzzRequest): Generator<FuzzRequest> {
  for (let index = 0; index < request.query.length; index += 1) {
    yield { ...request, query: request.query.filter((_pair, at) => at !== index) };
  }
  if (request.role !== 'anonymous') {
    yield { ...request, role: 'anonymous' };
  }
  if (request.body.kind === 'json') {
    const { body } = request;
    for (const value of smallerValues(body.value, 0)) {
      yield { ...request, body: { ...body, value } };
    }
  }
  if (request.body.kind === 'text' && request.body.text.length > 2_000) {
    // Deep nesting: half as deep.
    const { text } = request.body;
    const half = Math.floor(text.length / 4);
    yield {
      ...request,
      body: { ...request.body, text: text.slice(0, half) + text.slice(text.length - half) },
    };
  }
}

function* smallerValues(value: Resolved, depth: number): Generator<Resolved> {
  if (depth > 4 || value === null || value instanceof RawJson) {
    return;
  }
  if (typeof value === 'string' && value.length > 16) {
    yield value.slice(0, 16);
    return;
  }
  if (Array.isArray(value)) {
    const items = value as readonly Resolved[];
    if (items.length > 1) {
      yield [items[items.length - 1]];
    }
    for (let index = 0; index < items.length; index += 1) {
      for (const smaller of smallerValues(items[index], depth + 1)) {
        yield items.map((item, at) => (at === index ? smaller : item));
      }
    }
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, Resolved>);
    for (const [key] of entries) {
      yield Object.fromEntries(entries.filter(([other]) => other !== key));
    }
    for (const [key, item] of entries) {
      for (const smaller of smallerValues(item, depth + 1)) {
        yield Object.fromEntries(
          entries.map(([other, original]) => [other, other === key ? smaller : original]),
        );
      }
    }
  }
}

/** How requests of a run reach the platform: its gateway, each role's token, its images. */
export function sendContextOf(
  environment: FuzzEnvironment,
  timeoutMs: number,
  agent: http.Agent,
): SendContext {
  return {
    gatewayUrl: environment.gatewayUrl,
    tokens: environment.accounts.tokens,
    images: environment.images,
    pixelFlood: environment.pixelFlood,
    timeoutMs,
    agent,
  };
}

/** Keeps the ids a successful answer holds, for later requests to use. */
export function collectIds(pools: IdPools, request: FuzzRequest, response: FuzzResponse): void {
  if (response.status >= 200 && response.status < 300 && response.json !== undefined) {
    const { operation } = request;
    const schema =
      operation.operation.responses?.[String(response.status)]?.content?.['application/json']?.schema;
    pools.collect(
      operation,
      urlOf(request).split('?')[0],
      response.status,
      schema,
      response.json,
      request.query,
      request.role,
    );
  }
}

/** Runs the fuzzer: `config.runs` requests over every operation, grouped failures with small reproductions. */
export async function runFuzz(environment: FuzzEnvironment, config: FuzzConfig): Promise<FuzzReport> {
  const started = Date.now();
  const { api, accounts } = environment;
  const generators = new RequestGenerators(api.document, environment.images.length);
  const schemas = new ResponseSchemas(api.document);
  const pools = new IdPools(api.document);
  const operations = [...api.operations].sort(
    (a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method] || a.key.localeCompare(b.key),
  );
  const arbitraries = operations.map((operation) => generators.request(operation));
  const queues: RequestPlan[][] = operations.map(() => []);
  const batches = operations.map(() => 0);
  const nextPlan = (index: number): RequestPlan => {
    if (queues[index].length === 0) {
      queues[index] = fc.sample(arbitraries[index], {
        seed: mix(config.seed, index, batches[index]),
        numRuns: PLANS_PER_BATCH,
      });
      batches[index] += 1;
    }
    return queues[index].shift()!;
  };

  const groups = new Map<string, FailureGroup>();
  const statuses = new Map<string, Map<number, number>>();
  const timings = new Map<string, { total: number; max: number; count: number }>();
  const validRefusals = new Map<string, Map<string, number>>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency * 2 });
  const context = sendContextOf(environment, config.timeoutMs, agent);
  const resolveContext = {
    pools,
    fallbackId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    protectedIds: (operation: FuzzOperation) =>
      operation.method !== 'GET' && operation.path.startsWith('/api/users/{id}')
        ? accounts.protectedIds()
        : new Set<string>(),
  };

  let counter = 0;
  const exchange = async (request: FuzzRequest): Promise<{ response: FuzzResponse; defects: Defect[] }> => {
    counter += 1;
    const response = await send(request, `fuzz-${config.seed}-${counter}`, context);
    if (config.trace && request.operation.key.includes(config.trace)) {
      console.log(
        `${response.status} ${Math.round(response.durationMs)} ms ${request.operation.method} ${urlOf(request).slice(0, 200)} as ${request.role}: ${request.label}`,
      );
    }
    return { response, defects: checkResponse(request.operation, response, schemas, config.check) };
  };

  const record = (request: FuzzRequest, response: FuzzResponse, defects: Defect[]) => {
    const { operation } = request;
    const counts = statuses.get(operation.key) ?? new Map<number, number>();
    counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
    statuses.set(operation.key, counts);
    const timing = timings.get(operation.key) ?? { total: 0, max: 0, count: 0 };
    timing.total += response.durationMs;
    timing.max = Math.max(timing.max, response.durationMs);
    timing.count += 1;
    timings.set(operation.key, timing);
    if (request.label === 'valid' && response.status >= 400) {
      const problem = (response.json ?? {}) as {
        code?: string;
        detail?: string;
        errors?: { field: string }[];
      };
      const refusal = `${response.status} ${problem.code ?? ''} ${problem.errors?.map((error) => error.field).join(',') ?? problem.detail ?? ''}`;
      const refusals = validRefusals.get(operation.key) ?? new Map<string, number>();
      refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
      validRefusals.set(operation.key, refusals);
    }
    collectIds(pools, request, response);
    if (operation.method === 'DELETE' && response.status === 204 && request.path.length > 0) {
      pools.forget(request.path[request.path.length - 1][1]);
    }
    for (const defect of defects) {
      const key = `${operation.key} → ${response.status} ${defect.kind}`;
      const reproduction: Reproduction = {
        request,
        response,
        defect,
        logLines: environment.logs.linesFor(response.requestId),
      };
      const cause =
        defect.kind === 'server-error'
          ? (reproduction.logLines.map(logMessage)[0] ?? defect.detail).slice(0, 200)
          : defect.detail.slice(0, 200);
      const group = groups.get(key);
      if (!group) {
        groups.set(key, {
          key,
          operation: operation.key,
          status: response.status,
          kind: defect.kind,
          count: 1,
          example: reproduction,
          causes: new Set([cause]),
        });
      } else {
        group.count += 1;
        if (group.causes.size < 5) {
          group.causes.add(cause);
        }
        if (size(request) < size(group.example.request)) {
          group.example = reproduction;
        }
      }
    }
  };

  // Warm-up: valid creations, the least dependent first, as the admin twice and then as each other role, so
  // the fuzzing finds ids to use, and ids each role owns (its media, listings, drafts).
  let sent = 0;
  const creators = operations
    .map((operation, index) => ({ operation, index, references: references(api, operation) }))
    .filter(({ operation }) => isCreator(operation))
    .sort((a, b) => a.references - b.references || a.operation.key.localeCompare(b.operation.key));
  for (const [pass, role] of config.warmUpRoles.entries()) {
    for (const { operation, index } of creators) {
      // The first pass also makes one item in each documented state (a listing draft, active, sold, archived).
      const states = pass === 0 ? [{}, ...bodyEnumValues(api, operation)] : [{}];
      for (const [values, state] of enumPathValues(operation).flatMap((path) =>
        states.map((body) => [path, body] as const),
      )) {
        if (sent >= config.runs) {
          break;
        }
        const [plan] = fc.sample(generators.validRequest(operation, role), {
          seed: mix(config.seed, index, pass, sent),
          numRuns: 1,
        });
        // A state variant keeps only the required fields besides the state, so little else can refuse it.
        const required = new Set(requiredProperties(api, operation));
        const body =
          plan.body.kind === 'json' && plan.body.value !== null && typeof plan.body.value === 'object'
            ? {
                ...plan.body,
                value: {
                  ...Object.fromEntries(
                    Object.entries(plan.body.value as Record<string, Template>).filter(
                      ([key]) => Object.keys(state).length === 0 || required.has(key),
                    ),
                  ),
                  ...state,
                },
              }
            : plan.body;
        const request = resolvePlan(
          operation,
          { ...plan, path: { ...plan.path, ...values }, body },
          resolveContext,
        );
        const { response, defects } = await exchange(request);
        record(request, response, defects);
        sent += 1;
      }
    }
  }
  // Then what is created under an item (a review under its listing), under each item seen (whatever its state),
  // by roles other than the one that created most items.
  const nested = operations
    .map((operation, index) => ({ operation, index }))
    .filter(({ operation }) => isNestedCreator(operation));
  for (const [pass, role] of (['user', 'moderator'] as const).entries()) {
    for (const { operation, index } of nested) {
      for (let item = 0; item < 12 && sent < config.runs; item += 1) {
        const [plan] = fc.sample(generators.validRequest(operation, role), {
          seed: mix(config.seed, index, 100 + pass, item),
          numRuns: 1,
        });
        // Picks whose index is a multiple of three go through the pools in order, not the role's own first.
        const path = Object.fromEntries(
          Object.entries(plan.path).map(([name, value]) => [
            name,
            value instanceof PoolPick ? new PoolPick(value.hints, item * 3) : value,
          ]),
        );
        const request = resolvePlan(operation, { ...plan, path }, resolveContext);
        const { response, defects } = await exchange(request);
        record(request, response, defects);
        sent += 1;
      }
    }
  }

  // Rounds over every operation: creations first, so later reads, edits and deletions find ids.
  let round = 0;
  while (sent < config.runs) {
    const batch = operations.map((_operation, index) => index).slice(0, config.runs - sent);
    let cursor = 0;
    const worker = async () => {
      while (cursor < batch.length) {
        const index = batch[cursor];
        cursor += 1;
        const request = resolvePlan(operations[index], nextPlan(index), resolveContext);
        const { response, defects } = await exchange(request);
        record(request, response, defects);
      }
    };
    await Promise.all(Array.from({ length: config.concurrency }, () => worker()));
    sent += batch.length;
    round += 1;
    if (round % 10 === 0) {
      await accounts.renewIfNeeded();
    }
  }

  // Smaller reproductions: re-send smaller variants while the same failure (status and kind) comes back.
  const sentBeforeShrinking = counter;
  await accounts.renewIfNeeded();
  for (const group of groups.values()) {
    let attempts = 0;
    let improved = true;
    while (improved && attempts < config.shrinkAttemptsPerGroup) {
      improved = false;
      for (const candidate of shrinkCandidates(group.example.request)) {
        if (attempts >= config.shrinkAttemptsPerGroup) {
          break;
        }
        attempts += 1;
        const { response, defects } = await exchange(candidate);
        const same = defects.find((defect) => defect.kind === group.kind);
        if (same && response.status === group.status && size(candidate) < size(group.example.request)) {
          group.example = {
            request: candidate,
            response,
            defect: same,
            logLines: environment.logs.linesFor(response.requestId),
          };
          improved = true;
          break;
        }
      }
    }
  }

  agent.destroy();
  return {
    seed: config.seed,
    sent,
    shrinkRequests: counter - sentBeforeShrinking,
    durationMs: Date.now() - started,
    groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)),
    statuses,
    validRefusals,
    timings,
    operations: operations.length,
    unreachable: api.unreachable,
    renewedTokens: accounts.renewed,
  };
}
