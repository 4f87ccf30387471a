import {
  resolveRef,
  schemaNameOf,
  type FuzzOperation,
  type JsonSchema,
  type OpenApiDocument,
} from './openapi.js';

/** The path ends in an item's id (`/coffees/{id}`), not in an enumerated value (`/dictionaries/{kind}`). */
function endsWithId(operation: FuzzOperation): boolean {
  const last = /\{(\w+)\}$/.exec(operation.path)?.[1];
  if (!last) {
    return false;
  }
  const parameter = operation.operation.parameters?.find((candidate) => candidate.name === last);
  return !Array.isArray(parameter?.schema?.enum);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POOL_SIZE = 12;

/**
 * Ids (and list cursors) seen in 2xx answers, a small pool per key, newest kept:
 * - `schema:<Name>`: `id` of an object the document types as `<Name>` (e.g. `schema:WatchDto`);
 * - `path:<collection>`: ids answered for a collection path (`path:/api/dictionaries/roasters`);
 * - `field:<name>Id`: any `<name>Id` field (`field:mediaId`, `field:userId`);
 * - `cursor:<operation>`: `nextCursor` of a list.
 */
export class IdPools {
  private readonly pools = new Map<string, string[]>();
  /** Who received the answer being collected: its ids also go to that role's own pools (`<role>:<key>`). */
  private collectingFor: string | undefined;

  constructor(private readonly document: OpenApiDocument) {}

  add(key: string, value: string): void {
    if (this.collectingFor && !key.startsWith('cursor:')) {
      this.addTo(`${this.collectingFor}:${key}`, value);
    }
    this.addTo(key, value);
  }

  private addTo(key: string, value: string): void {
    const pool = this.pools.get(key) ?? [];
    if (pool.includes(value)) {
      return;
    }
    pool.push(value);
    if (pool.length > POOL_SIZE) {
      pool.shift();
    }
    this.pools.set(key, pool);
  }

  /** Removes an id from every pool (it was deleted). */
  forget(value: string): void {
    for (const pool of this.pools.values()) {
      const at = pool.indexOf(value);
      if (at !== -1) {
        pool.splice(at, 1);
      }
    }
  }

  /**
   * The first hint with candidates decides; `cursor:*`, `any` or `foreign` take from every pool of the kind.
   * With a role, two picks in three look first among the ids that role's own requests were answered (what it
   * created, so what it owns: its media, its listings, its drafts).
   */
  pick(
    hints: readonly string[],
    index: number,
    exclude: ReadonlySet<string> = new Set(),
    role?: string,
  ): string | undefined {
    const ordered =
      role && index % 3 !== 0
        ? [...hints.filter((hint) => hint !== 'any').map((hint) => `${role}:${hint}`), ...hints]
        : hints;
    for (const hint of ordered) {
      const candidates = this.candidates(hint).filter((value) => !exclude.has(value));
      if (candidates.length > 0) {
        return candidates[index % candidates.length];
      }
    }
    return undefined;
  }

  private candidates(hint: string): string[] {
    if (hint === 'cursor:*' || hint === 'any') {
      const prefix = hint === 'cursor:*' ? 'cursor:' : '';
      return [
        ...new Set(
          [...this.pools.entries()]
            .filter(([key]) => (prefix ? key.startsWith(prefix) : !key.startsWith('cursor:')))
            .flatMap(([, values]) => values),
        ),
      ];
    }
    return this.pools.get(hint) ?? [];
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.pools.entries()].map(([key, values]) => [key, values.length]));
  }

  /** Takes ids and cursors from a 2xx JSON answer of `operation` sent to `concretePath`. */
  collect(
    operation: FuzzOperation,
    concretePath: string,
    status: number,
    schema: JsonSchema | undefined,
    body: unknown,
    query: readonly (readonly [string, string])[] = [],
    role?: string,
  ): void {
    this.collectingFor = role;
    try {
      this.collectAnswer(operation, concretePath, status, schema, body, query);
    } finally {
      this.collectingFor = undefined;
    }
  }

  private collectAnswer(
    operation: FuzzOperation,
    concretePath: string,
    status: number,
    schema: JsonSchema | undefined,
    body: unknown,
    query: readonly (readonly [string, string])[],
  ): void {
    this.walk(body, schema, 0);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      if (typeof record.nextCursor === 'string') {
        this.add(
          `cursor:${operation.key}`,
          JSON.stringify({
            cursor: record.nextCursor,
            query: query.filter(([key]) => key !== 'page' && key !== 'cursor'),
          }),
        );
      }
      // A 202 answers a proposal (a draft), not the collection's item.
      if (status === 200 || status === 201) {
        const collection = endsWithId(operation)
          ? concretePath.slice(0, concretePath.lastIndexOf('/'))
          : concretePath;
        const ids = [
          record.id,
          ...(Array.isArray(record.items) ? record.items.map((item) => (item as { id?: unknown })?.id) : []),
        ];
        for (const id of ids) {
          if (typeof id === 'string' && UUID.test(id)) {
            this.add(`path:${collection}`, id);
          }
        }
      }
    }
  }

  private walk(value: unknown, schema: JsonSchema | undefined, depth: number): void {
    if (depth > 8 || value === null || typeof value !== 'object') {
      return;
    }
    let current = schema;
    let name: string | undefined;
    for (let guard = 0; current && guard < 5; guard += 1) {
      if (typeof current.$ref === 'string') {
        name = schemaNameOf(current.$ref);
        current = resolveRef(this.document, current.$ref);
      } else if (Array.isArray(current.allOf) && current.allOf.length === 1) {
        current = current.allOf[0] as JsonSchema;
      } else {
        break;
      }
    }
    if (Array.isArray(value)) {
      const items = current?.items as JsonSchema | undefined;
      value.forEach((item) => this.walk(item, items, depth + 1));
      return;
    }
    const properties = (current?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (typeof item === 'string' && UUID.test(item)) {
        if (key === 'id' && name) {
          this.add(`schema:${name.slice(name.indexOf('.') + 1)}`, item);
        } else if (key.endsWith('Id')) {
          this.add(`field:${key}`, item);
        }
      } else if (item && typeof item === 'object') {
        this.walk(item, properties[key], depth + 1);
      }
    }
  }
}
