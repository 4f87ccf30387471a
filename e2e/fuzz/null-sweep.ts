import http from 'node:http';
import fc from 'fast-check';
import { checkResponse, type Defect } from './checks.js';
import { RequestGenerators, type RequestPlan, type RoleName } from './generators.js';
import { resolveRef, type FuzzOperation, type JsonSchema } from './openapi.js';
import { IdPools } from './pools.js';
import { resolvePlan, send, type FuzzRequest, type FuzzResponse, type ResolveContext } from './requests.js';
import { ResponseSchemas } from './response-schemas.js';
import {
  collectIds,
  sendContextOf,
  enumPathValues,
  isCreator,
  isNestedCreator,
  jsonBodySchema,
  METHOD_ORDER,
  mix,
  references,
  type FuzzEnvironment,
} from './runner.js';
import { PoolPick, type Template } from './values.js';

/** One property of one operation's JSON body sent as `null`, and what came back. */
export interface NullCase {
  readonly operation: FuzzOperation;
  readonly property: string;
  /** The property is documented as nullable (OpenAPI `nullable` or a `null` type). */
  readonly nullable: boolean;
  readonly request: FuzzRequest;
  readonly response: FuzzResponse;
  readonly defects: readonly Defect[];
  readonly logLines: readonly string[];
}

export interface NullSweepReport {
  readonly cases: readonly NullCase[];
  /** Warm-up creations that were answered 2xx (the items the sweep's requests address). */
  readonly created: number;
  /** Of `durationMs`, the warm-up's creations and list reads. */
  readonly warmUpMs: number;
  readonly durationMs: number;
}

export interface NullSweepConfig {
  readonly seed: number;
  /** Signed roles that send each secured operation's null bodies (each picks the items it created first). */
  readonly roles: readonly RoleName[];
  /** Valid creations per creator and role tried until one is answered 2xx. */
  readonly attempts: number;
  readonly timeoutMs: number;
}

/** The body schema's own object (behind its `$ref`), with its top-level properties. */
function bodyObject(environment: FuzzEnvironment, operation: FuzzOperation): JsonSchema | undefined {
  const schema = jsonBodySchema(environment.api, operation);
  return schema && schema.properties && typeof schema.properties === 'object' ? schema : undefined;
}

function isNullable(environment: FuzzEnvironment, property: JsonSchema): boolean {
  let current: JsonSchema | undefined = property;
  for (let guard = 0; current && guard < 5; guard += 1) {
    if (current.nullable === true || (Array.isArray(current.type) && current.type.includes('null'))) {
      return true;
    }
    const variants = (current.oneOf ?? current.anyOf) as JsonSchema[] | undefined;
    if (Array.isArray(variants) && variants.some((variant) => variant.type === 'null')) {
      return true;
    }
    if (typeof current.$ref === 'string') {
      current = resolveRef(environment.api.document, current.$ref);
    } else if (Array.isArray(current.allOf) && current.allOf.length === 1) {
      current = current.allOf[0] as JsonSchema;
    } else {
      current = undefined;
    }
  }
  return false;
}

/** Every id pick of a plan made to prefer what the sending role created (its own deck, listing, media). */
function owned<T extends Template>(value: T): T {
  if (value instanceof PoolPick) {
    return (value.foreign ? value : new PoolPick(value.hints, 1)) as T;
  }
  if (Array.isArray(value)) {
    return (value as readonly Template[]).map((item) => owned(item)) as unknown as T;
  }
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(
      Object.entries(value as Record<string, Template>).map(([key, item]) => [key, owned(item)]),
    ) as T;
  }
  return value;
}

function ownedPlan(plan: RequestPlan): RequestPlan {
  return {
    ...plan,
    path: Object.fromEntries(Object.entries(plan.path).map(([name, value]) => [name, owned(value)])),
    body: plan.body.kind === 'json' ? { ...plan.body, value: owned(plan.body.value) } : plan.body,
  };
}

/**
 * For every documented operation with a JSON body and every top-level property of that body: a request whose
 * body is the schema's required properties (valid values) with that one property `null`, sent as each signed
 * role to an item the role created in a warm-up (anonymously where the operation is not secured).
 * Deterministic: the plans come from `config.seed`, requests go one at a time in the document's order.
 */
export async function sweepNulls(
  environment: FuzzEnvironment,
  config: NullSweepConfig,
): Promise<NullSweepReport> {
  const started = Date.now();
  const { api, accounts } = environment;
  const generators = new RequestGenerators(api.document, environment.images.length);
  const schemas = new ResponseSchemas(api.document);
  const pools = new IdPools(api.document);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const sending = sendContextOf(environment, config.timeoutMs, agent);
  const operations = [...api.operations].sort(
    (a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method] || a.key.localeCompare(b.key),
  );
  const context: ResolveContext = {
    pools,
    fallbackId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    // The run's own accounts keep their roles and logins: user administration addresses other accounts.
    protectedIds: (operation) =>
      operation.method !== 'GET' && operation.path.startsWith('/api/users/{id}')
        ? accounts.protectedIds()
        : new Set<string>(),
  };
  let counter = 0;
  const exchange = async (request: FuzzRequest): Promise<FuzzResponse> => {
    counter += 1;
    const response = await send(request, `nulls-${config.seed}-${counter}`, sending);
    collectIds(pools, request, response);
    return response;
  };
  const sample = (operation: FuzzOperation, role: RoleName, ...seedParts: number[]): RequestPlan => {
    const [plan] = fc.sample(generators.validRequest(operation, role), {
      seed: mix(config.seed, ...seedParts),
      numRuns: 1,
    });
    return ownedPlan(plan);
  };

  // Warm-up: each role creates one item with each creator (the least dependent first), then one under an item
  // of its own (a card in its deck, a check-in of a coffee), so the sweep has items each role owns.
  let created = 0;
  const creators = operations
    .map((operation, index) => ({ operation, index, references: references(api, operation) }))
    .filter(({ operation }) => isCreator(operation))
    .sort((a, b) => a.references - b.references || a.operation.key.localeCompare(b.operation.key));
  const nested = operations
    .map((operation, index) => ({ operation, index }))
    .filter(({ operation }) => isNestedCreator(operation));
  for (const [pass, role] of config.roles.entries()) {
    for (const { operation, index } of [...creators, ...nested]) {
      // What anyone may create (an account) is created once, anonymously.
      if (!operation.secured && pass > 0) {
        continue;
      }
      const sender = operation.secured ? role : 'anonymous';
      // A creator's enumerated path values (each dictionary kind); a nested creator's ids are picked.
      for (const values of isCreator(operation) ? enumPathValues(operation) : [{}]) {
        for (let attempt = 0; attempt < config.attempts; attempt += 1) {
          const plan = sample(operation, sender, 1, index, pass, attempt);
          const request = resolvePlan(operation, { ...plan, path: { ...plan.path, ...values } }, context);
          const response = await exchange(request);
          if (response.status >= 200 && response.status < 300) {
            created += 1;
            break;
          }
        }
      }
    }
  }
  // Then each role reads every list it may (its orders, the drafts it moderates), so the sweep finds the items
  // made elsewhere: an order placed before the sweep, a draft another role proposed.
  for (const [pass, role] of config.roles.entries()) {
    for (const [index, operation] of operations.entries()) {
      if (operation.method !== 'GET' || operation.path.includes('{') || !operation.secured) {
        continue;
      }
      const plan = sample(operation, role, 3, index, pass);
      await exchange(resolvePlan(operation, { ...plan, query: [] }, context));
    }
  }
  await accounts.renewIfNeeded();
  const warmUpMs = Date.now() - started;

  const cases: NullCase[] = [];
  for (const [index, operation] of operations.entries()) {
    const schema = bodyObject(environment, operation);
    if (!schema) {
      continue;
    }
    const properties = schema.properties as Record<string, JsonSchema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const roles: readonly RoleName[] = operation.secured ? config.roles : ['anonymous'];
    for (const [pass, role] of roles.entries()) {
      const plan = sample(operation, role, 2, index, pass);
      const valid =
        plan.body.kind === 'json' && plan.body.value !== null && typeof plan.body.value === 'object'
          ? (plan.body.value as Record<string, Template>)
          : {};
      const base = Object.fromEntries(Object.entries(valid).filter(([key]) => required.has(key)));
      for (const [property, propertySchema] of Object.entries(properties)) {
        const request = resolvePlan(
          operation,
          {
            ...plan,
            body: { kind: 'json', value: { ...base, [property]: null } },
            label: `.${property} ← null`,
          },
          context,
        );
        const response = await exchange(request);
        cases.push({
          operation,
          property,
          nullable: isNullable(environment, propertySchema),
          request,
          response,
          defects: checkResponse(operation, response, schemas, { requireCode: true }),
          logLines: environment.logs.linesFor(response.requestId),
        });
      }
    }
    // A sweep request may end a session (a logout) or change an account: the next operation starts signed in.
    if (operation.service === 'auth') {
      await accounts.renewIfNeeded();
    }
  }
  agent.destroy();
  return { cases, created, warmUpMs, durationMs: Date.now() - started };
}
