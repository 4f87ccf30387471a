import pg from 'pg';
import { expect } from 'vitest';

/** A list route as the plan check walks it. */
export interface ListPlanRoute {
  /** The path without a query, e.g. `/coffees` or `/profiles/<id>/followers`. */
  readonly path: string;
  /** The route's main table (without schema): a sequential scan of it fails the check. */
  readonly table: string;
  /** The route's sortable fields: each is asked for both ways, and the descending one's next page. */
  readonly sortable: readonly string[];
  /** A search term, for routes with `search`. */
  readonly search?: string;
  /** Sends `GET path?query` as the route's reader would; resolves with the answer. */
  readonly get: (pathAndQuery: string) => Promise<{ status: number; body: unknown }>;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/**
 * Checks the plans of list pages (docs/adr/0006-list-engine.md): records the page statements the list engine
 * sends through node-postgres in this process (they select the sort keys as `lq_key_0`, …), and the counts of
 * filtered or searched lists (`lq_matching`), and EXPLAINs each on the caller's connection, failing on a
 * sequential scan of the route's table or a DISTINCT. The planner
 * chooses freely: no enable_* setting is touched, so the tables must be seeded and analysed first.
 */
export class ListPlanCheck {
  private readonly statements: { sql: string; params: unknown[] }[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called through apply, restored by close
  private readonly original = pg.Client.prototype.query;

  constructor(private readonly admin: pg.Client) {
    const statements = this.statements;
    const original = this.original;
    const record = function (this: pg.Client, ...args: unknown[]) {
      // `query(text, values)`, or `query({ name, text, values })` for a prepared statement.
      const [first, second] = args;
      const config = typeof first === 'object' && first !== null ? (first as pg.QueryConfig) : undefined;
      const text = config ? config.text : first;
      const values: unknown = config ? config.values : second;
      if (typeof text === 'string' && (text.includes('"lq_key_0"') || text.includes('"lq_matching"'))) {
        statements.push({ sql: text, params: Array.isArray(values) ? values : [] });
      }
      return (original as (...rest: unknown[]) => unknown).apply(this, args);
    };
    pg.Client.prototype.query = record as typeof pg.Client.prototype.query;
  }

  close(): void {
    pg.Client.prototype.query = this.original;
  }

  /** Asks for one page and checks the plans of its page statements; resolves with its nextCursor. */
  async expectIndexed(route: ListPlanRoute, query: string): Promise<string | null> {
    this.statements.length = 0;
    const target = `${route.path}?${query}`;
    const reply = await route.get(target);
    expect(reply.status, `${target}: ${JSON.stringify(reply.body)}`).toBe(200);
    // Page statements always; counts of a filtered or searched list too (an unfiltered count may read the
    // table's first 10,001 rows in any order, which a bounded sequential scan does best).
    const filtered = /(^|&)(search|filter\[)/.test(query);
    const pages = this.statements.filter(({ sql }) => sql.includes('"lq_key_0"'));
    const statements = filtered ? [...this.statements] : pages;
    // A filtered list known to match nothing needs no page statement.
    if ((reply.body as { items?: unknown[] }).items?.length !== 0) {
      expect(pages.length, `${target} ran the list engine`).toBeGreaterThan(0);
    }
    expect(statements.length, `${target} ran the list engine`).toBeGreaterThan(0);
    for (const { sql, params } of statements) {
      expect(sql, target).not.toMatch(/DISTINCT/i);
      const { rows } = await this.admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      const plan = rows[0]['QUERY PLAN'][0].Plan;
      const scans = nodes(plan).filter(
        (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === route.table,
      );
      expect(scans, `${target}\n${JSON.stringify(plan, null, 1)}`).toEqual([]);
    }
    return (reply.body as { nextCursor?: string | null }).nextCursor ?? null;
  }

  /**
   * The route's default page and its next page, every sortable field both ways (and the descending one's
   * next page), and a search when the route has one.
   */
  async expectRouteIndexed(route: ListPlanRoute): Promise<void> {
    const cursor = await this.expectIndexed(route, '');
    expect(cursor, `${route.path} has a second page`).not.toBeNull();
    await this.expectIndexed(route, `cursor=${encodeURIComponent(cursor!)}`);
    for (const field of route.sortable) {
      await this.expectIndexed(route, `sort=${field}`);
      const next = await this.expectIndexed(route, `sort=-${field}`);
      if (next) {
        await this.expectIndexed(route, `sort=-${field}&cursor=${encodeURIComponent(next)}`);
      }
    }
    if (route.search) {
      await this.expectIndexed(route, `search=${encodeURIComponent(route.search)}`);
    }
  }
}
