import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { sortKey } from './cursor.js';
import { pageOf, type Page } from './find-page.js';
import { afterCursor, tieDirection } from './keyset.js';
import type { ParsedFilter, ParsedListQuery } from './list-query.js';
import { boundedTotal, valuesKey, type Total } from './total.js';

/** A to-one relation loaded with each row of the page. */
export interface ListJoin {
  /** The related entity's properties to load (its primary key always comes too); all of them when absent. */
  readonly columns?: readonly string[];
}

export interface ListSourceOptions {
  /** The root table's alias in the SQL (and in its logs). */
  readonly alias: string;
  /**
   * To-one relations (many-to-one, or one-to-one on the owning side) of the root entity, loaded in the page's
   * statement by a LEFT JOIN LATERAL primary-key lookup per page row: they only load, never filter.
   */
  readonly joins?: Readonly<Record<string, ListJoin>>;
  /**
   * One-to-many relations of the root entity, loaded after the page by one more statement for the page's rows
   * (`WHERE <foreign key> = ANY(<the page's ids>)`), each row's in an array (empty when it has none), ordered
   * by the related rows' primary key: they only load, never filter.
   */
  readonly many?: Readonly<Record<string, ListJoin>>;
  /** Root text properties matched by `search` (case-insensitive substring). */
  readonly searchable?: readonly string[];
}

/**
 * Conditions every page of a call has besides the client's filters (the route's scope: this listing's reviews,
 * approved values), as filters on root properties; their values are bound like the client's.
 */
export type ListScope = readonly ParsedFilter[];

type Row = Record<string, unknown>;
type Value = (query: ParsedListQuery, scope: ListScope) => unknown;

/** The statements of one shape of query (sort, filter fields and operators, search, cursor or page). */
interface Plan {
  readonly page: string;
  /**
   * The name `page` is prepared under on each pooled connection, for a list neither filtered nor scoped (its
   * limit written into the SQL): PostgreSQL then plans it once per connection (a generic plan, the same index
   * walk for every cursor) instead of on every request, which cost more than running it (0.23 ms against
   * 0.18 ms for a page 380,000 coffees deep). Filtered and scoped lists are planned for their values.
   */
  readonly prepared?: string;
  /**
   * The same page read from the matching rows gathered first (by whatever index finds them) and sorted: for
   * a filtered list known to match few rows, which the sort's index would have to be walked far to find.
   */
  readonly fewPage: string;
  readonly count: string;
  /** Whether the client filters or searches (and not only the route's scope narrows the list). */
  readonly filtered: boolean;
  /** The bound values, in the order of the statements' `$n`; the count takes the first `countValues`. */
  readonly values: readonly Value[];
  readonly countValues: number;
}

/** A column loaded into an entity: the row's key for it and how its value is put on the entity. */
interface LoadedColumn {
  readonly key: string;
  readonly put: (entity: ObjectLiteral, value: unknown) => void;
}

interface LoadedJoin {
  readonly property: string;
  /** The row's key of the related entity's primary key: NULL when there is none. */
  readonly idKey: string;
  readonly prototype: object | null;
  readonly columns: readonly LoadedColumn[];
}

interface LoadedMany {
  readonly property: string;
  /** The root entity's property its related rows name it by (its primary key). */
  readonly ownerProperty: string;
  /** The related rows of the owners in `$1`, each with its owner's key as `lq_owner`. */
  readonly sql: string;
  readonly prototype: object | null;
  readonly columns: readonly LoadedColumn[];
}

/** What a source knows once its entity's metadata is read (on first use, when the DataSource is up). */
interface Compiled {
  readonly metadata: EntityMetadata;
  readonly table: string;
  /** `"alias"."column"` of each root column by property path. */
  readonly columns: ReadonlyMap<string, ColumnMetadata>;
  readonly select: string;
  readonly inner: string;
  readonly joins: string;
  readonly rootPrototype: object | null;
  readonly rootColumns: readonly LoadedColumn[];
  readonly loadedJoins: readonly LoadedJoin[];
  readonly loadedMany: readonly LoadedMany[];
}

/** Column types whose values node-postgres already gives as TypeORM would hydrate them. */
const AS_PARSED = new Set<unknown>([
  'text',
  'varchar',
  'character varying',
  'uuid',
  'integer',
  'int',
  'int4',
  'smallint',
  'boolean',
  'bool',
  'timestamptz',
  'timestamp with time zone',
  'jsonb',
  'json',
  String,
  Number,
]);

/**
 * A filtered list matching at most this many rows has them gathered and sorted rather than found by walking
 * the sort's index, which the planner, misjudging how the filters correlate with the order, may walk to its
 * end (380,000 coffees for a search that matches none: 130 ms, against 12 ms to count them).
 */
const FEW_ROWS = 1_000;

/** Shapes kept per source at most (a shape is a sort, filter fields and operators, search, paging kind). */
const PLANS_KEPT = 500;

/** Whether a query's page statement is prepared: no filter, search or scope (see `Plan.prepared`). */
const preparable = (query: ParsedListQuery, scope: ListScope): boolean =>
  query.filters.length === 0 && query.search === undefined && scope.length === 0;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The prototype an entity of this metadata is made with (its class's), as TypeORM's hydration does. */
const prototypeOf = (metadata: EntityMetadata): object | null =>
  typeof metadata.target === 'function' ? (metadata.target.prototype as object) : null;

/** An entity of the prototype with the columns' values of the row put on it. */
function entityOf(prototype: object | null, columns: readonly LoadedColumn[], row: Row): ObjectLiteral {
  const entity = (prototype ? Object.create(prototype) : {}) as ObjectLiteral;
  for (const column of columns) {
    column.put(entity, row[column.key]);
  }
  return entity;
}

/**
 * A list route's rows as the list engine reads them without a query builder: the SQL of each query shape is
 * written once and kept, run with `query()` and its rows made into entities by a mapper made once from the
 * entity's metadata. For list routes whose relations are to-one or one-to-many; routes with conditions of
 * their own use `findPage` on a query builder. Answers are the same as `findPage`'s.
 *
 * One statement reads the page: the root rows alone picked by the sort's index (offset or keyset) in a
 * subquery, then their to-one relations joined to those rows only; one more per one-to-many relation reads
 * the related rows of the page's rows. The total is counted without joins and bounded (see `boundedTotal`).
 */
export class ListSource<T extends ObjectLiteral> {
  private compiled?: Compiled;
  private readonly plans = new Map<string, Plan>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<ObjectLiteral>,
    private readonly options: ListSourceOptions,
  ) {}

  /** One page of the list, within the scope's conditions. */
  async page(query: ParsedListQuery, scope: ListScope = []): Promise<Page<T>> {
    const compiled = (this.compiled ??= this.compile());
    const plan = this.planOf(compiled, query, scope);
    const values = plan.values.map((value) => value(query, scope));
    const countValues = values.slice(0, plan.countValues);
    const total = (): Total | Promise<Total> =>
      boundedTotal(`${plan.count}\u0000${valuesKey(countValues)}`, async (cap) => {
        const [row] = await this.dataSource.query<{ count: number }[]>(plan.count, [...countValues, cap + 1]);
        return row.count;
      });
    let rows: Row[];
    let count: Total;
    if (plan.prepared) {
      // The DataSource's own pool (TypeORM keeps it as the driver's `master`), for a named statement.
      const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
      [rows, count] = await Promise.all([
        pool.query<Row>({ name: plan.prepared, text: plan.page, values }).then((result) => result.rows),
        total(),
      ]);
    } else if (plan.filtered) {
      // Counted first: a filter or search that matches few rows (or none) is one the sort's index would be
      // walked far for, perhaps to its end, to fill a page; those rows are gathered and sorted instead.
      count = await total();
      rows =
        count.exact && count.total === 0
          ? []
          : await this.dataSource.query<Row[]>(
              count.exact && count.total <= FEW_ROWS ? plan.fewPage : plan.page,
              values,
            );
    } else {
      [rows, count] = await Promise.all([this.dataSource.query<Row[]>(plan.page, values), total()]);
    }
    const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows;
    const items = page.map((row) => this.load(compiled, row));
    if (compiled.loadedMany.length > 0 && items.length > 0) {
      await Promise.all(compiled.loadedMany.map((many) => this.loadMany(many, items)));
    }
    return pageOf(items, count, query, page.at(-1), rows.length > query.limit);
  }

  private compile(): Compiled {
    const metadata = this.dataSource.getMetadata(this.entity);
    const alias = quote(this.options.alias);
    const tableOf = (of: EntityMetadata) => of.tablePath.split('.').map(quote).join('.');
    const readable = (of: EntityMetadata) =>
      of.columns.filter((column) => column.isSelect && !column.isVirtual && !column.isVirtualProperty);
    const rootColumns = readable(metadata);
    const selects: string[] = [];
    const loadedColumn = (
      column: ColumnMetadata,
      source: string,
      key: string,
      into: string[] = selects,
    ): LoadedColumn => {
      into.push(`${source}.${quote(column.databaseName)} AS ${quote(key)}`);
      return { key, put: this.putter(column) };
    };
    /** The related entity's columns a relation loads: its primary key and the wanted ones (all when none named). */
    const relatedColumns = (property: string, related: EntityMetadata, join: ListJoin) => {
      const wanted = join.columns ? new Set(join.columns) : undefined;
      const unknown = [...(wanted ?? [])].filter((name) => !related.findColumnWithPropertyPath(name));
      if (unknown.length > 0) {
        throw new Error(`list relation ${property}: ${related.name} has no ${unknown.join(', ')}`);
      }
      return readable(related).filter(
        (column) => column.isPrimary || !wanted || wanted.has(column.propertyPath),
      );
    };
    const loadedRoot = rootColumns.map((column, index) => loadedColumn(column, alias, `lq_c${index}`));
    const joins: string[] = [];
    const loadedJoins = Object.entries(this.options.joins ?? {}).map(([property, join], joinIndex) => {
      const relation = metadata.findRelationWithPropertyPath(property);
      if (!relation || !(relation.isManyToOne || relation.isOneToOneOwner)) {
        throw new Error(`list join ${property} is not a to-one relation of ${metadata.name}`);
      }
      const related = relation.inverseEntityMetadata;
      const joinAlias = quote(`lq_j${joinIndex}`);
      const columns = relatedColumns(property, related, join);
      const on = relation.joinColumns.map(
        (column) =>
          `${joinAlias}.${quote(column.referencedColumn!.databaseName)} = ${alias}.${quote(column.databaseName)}`,
      );
      // LATERAL with OFFSET 0 (which keeps PostgreSQL from flattening it into a plain join): a primary-key
      // lookup per page row. As plain LEFT JOINs the planner hashes the whole related table for a 20-row page
      // (4 joins of a 3,500-row dictionary: 1.3 ms against 0.5 ms).
      joins.push(
        `LEFT JOIN LATERAL (SELECT ${columns.map((column) => `${joinAlias}.${quote(column.databaseName)}`).join(', ')} FROM ${tableOf(related)} ${joinAlias} WHERE ${on.join(' AND ')} OFFSET 0) ${joinAlias} ON TRUE`,
      );
      const loaded = columns.map((column, index) =>
        loadedColumn(column, joinAlias, `lq_j${joinIndex}_${index}`),
      );
      const primary = columns.findIndex((column) => column.isPrimary);
      return {
        property: relation.propertyName,
        idKey: loaded[primary].key,
        prototype: prototypeOf(related),
        columns: loaded,
      };
    });
    const loadedMany = Object.entries(this.options.many ?? {}).map(
      ([property, many], manyIndex): LoadedMany => {
        const relation = metadata.findRelationWithPropertyPath(property);
        const [foreign, ...more] = relation?.inverseRelation?.joinColumns ?? [];
        if (!relation?.isOneToMany || !foreign?.referencedColumn || more.length > 0) {
          throw new Error(
            `list relation ${property} is not a one-to-many relation of ${metadata.name} by one column`,
          );
        }
        const related = relation.inverseEntityMetadata;
        const manyAlias = quote(`lq_m${manyIndex}`);
        const owner = `${manyAlias}.${quote(foreign.databaseName)}`;
        const manySelects = [`${owner} AS "lq_owner"`];
        const columns = relatedColumns(property, related, many).map((column, index) =>
          loadedColumn(column, manyAlias, `lq_m${manyIndex}_${index}`, manySelects),
        );
        const order = related.primaryColumns.map((column) => `${manyAlias}.${quote(column.databaseName)}`);
        return {
          property: relation.propertyName,
          ownerProperty: foreign.referencedColumn.propertyName,
          sql: `SELECT ${manySelects.join(', ')} FROM ${tableOf(related)} ${manyAlias} WHERE ${owner} = ANY($1) ORDER BY ${order.join(', ')}`,
          prototype: prototypeOf(related),
          columns,
        };
      },
    );
    return {
      metadata,
      table: `${tableOf(metadata)} ${alias}`,
      columns: new Map(rootColumns.map((column) => [column.propertyPath, column])),
      select: selects.join(', '),
      inner: rootColumns.map((column) => `${alias}.${quote(column.databaseName)}`).join(', '),
      joins: joins.join(' '),
      rootPrototype: prototypeOf(metadata),
      rootColumns: loadedRoot,
      loadedJoins,
      loadedMany,
    };
  }

  /** Puts a raw value on an entity as TypeORM's hydration would. */
  private putter(column: ColumnMetadata): (entity: ObjectLiteral, value: unknown) => void {
    const driver = this.dataSource.driver;
    const hydrate =
      column.transformer || !AS_PARSED.has(column.type)
        ? (value: unknown): unknown => driver.prepareHydratedValue(value, column) as unknown
        : undefined;
    if (column.embeddedMetadata) {
      return (entity, value) => column.setEntityValue(entity, hydrate ? hydrate(value) : value);
    }
    const property = column.propertyName;
    return hydrate
      ? (entity, value) => {
          entity[property] = hydrate(value);
        }
      : (entity, value) => {
          entity[property] = value;
        };
  }

  private load(compiled: Compiled, row: Row): T {
    const entity = entityOf(compiled.rootPrototype, compiled.rootColumns, row) as T;
    for (const join of compiled.loadedJoins) {
      // As TypeORM's hydration does for a to-one relation the row has none of: null.
      (entity as Row)[join.property] =
        row[join.idKey] === null || row[join.idKey] === undefined
          ? null
          : entityOf(join.prototype, join.columns, row);
    }
    return entity;
  }

  /** Puts each item's related rows of a one-to-many relation on it (an empty array when it has none). */
  private async loadMany(many: LoadedMany, items: readonly ObjectLiteral[]): Promise<void> {
    const rows = await this.dataSource.query<Row[]>(many.sql, [
      items.map((item): unknown => item[many.ownerProperty]),
    ]);
    const byOwner = new Map<unknown, ObjectLiteral[]>();
    for (const row of rows) {
      const related = entityOf(many.prototype, many.columns, row);
      const owned = byOwner.get(row['lq_owner']);
      if (owned) {
        owned.push(related);
      } else {
        byOwner.set(row['lq_owner'], [related]);
      }
    }
    for (const item of items) {
      item[many.property] = byOwner.get(item[many.ownerProperty]) ?? [];
    }
  }

  private planOf(compiled: Compiled, query: ParsedListQuery, scope: ListScope): Plan {
    const shape = [
      sortKey(query.sort),
      preparable(query, scope) ? `limit:${query.limit}` : '',
      query.cursor ? query.cursor.map((value) => (value === null ? 'n' : 'v')).join('') : 'page',
      query.search ? 'search' : '',
      ...[...scope, ...query.filters].map(
        (filter) =>
          `${filter.field}:${filter.operator}${filter.operator === 'null' ? `:${String(filter.value)}` : ''}`,
      ),
    ].join('|');
    let plan = this.plans.get(shape);
    if (!plan) {
      plan = this.plan(compiled, query, scope);
      if (this.plans.size >= PLANS_KEPT) {
        this.plans.clear();
      }
      this.plans.set(shape, plan);
    }
    return plan;
  }

  /** Writes the statements of the query's shape; values are read from each query by the plan's `values`. */
  private plan(compiled: Compiled, query: ParsedListQuery, scope: ListScope): Plan {
    const alias = quote(this.options.alias);
    const values: Value[] = [];
    const bind = (value: Value): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const columnOf = (field: string): ColumnMetadata => {
      const column = compiled.columns.get(field);
      if (!column) {
        throw new Error(`list query field ${field} is not a column of ${compiled.metadata.name}`);
      }
      return column;
    };
    const sqlOf = (field: string) => `${alias}.${quote(columnOf(field).databaseName)}`;
    const where: string[] = [];
    const condition = (
      filter: ParsedFilter,
      value: (query: ParsedListQuery, scope: ListScope) => ParsedFilter,
    ) => {
      const column = sqlOf(filter.field);
      const of = (read: (filter: ParsedFilter) => unknown) => bind((q, s) => read(value(q, s)));
      switch (filter.operator) {
        case 'eq':
          return `${column} = ${of((f) => f.value)}`;
        case 'ne':
          return `${column} <> ${of((f) => f.value)}`;
        case 'gt':
          return `${column} > ${of((f) => f.value)}`;
        case 'gte':
          return `${column} >= ${of((f) => f.value)}`;
        case 'lt':
          return `${column} < ${of((f) => f.value)}`;
        case 'lte':
          return `${column} <= ${of((f) => f.value)}`;
        case 'in':
          return `${column} = ANY(${of((f) => f.value)})`;
        case 'like':
          return `${column} LIKE ${of((f) => `%${escapeLike(String(f.value))}%`)}`;
        case 'ilike':
          return `${column} ILIKE ${of((f) => `%${escapeLike(String(f.value))}%`)}`;
        case 'between':
          return `${column} BETWEEN ${of((f) => (f.value as unknown[])[0])} AND ${of((f) => (f.value as unknown[])[1])}`;
        case 'null':
          return filter.value ? `${column} IS NULL` : `${column} IS NOT NULL`;
      }
    };
    scope.forEach((filter, index) => where.push(condition(filter, (_q, s) => s[index])));
    query.filters.forEach((filter, index) => where.push(condition(filter, (q) => q.filters[index])));
    const searchable = this.options.searchable ?? [];
    if (query.search && searchable.length > 0) {
      const pattern = bind((q) => `%${escapeLike(q.search ?? '')}%`);
      where.push(`(${searchable.map((field) => `${sqlOf(field)} ILIKE ${pattern}`).join(' OR ')})`);
    }
    const countValues = values.length;
    const matchingWhere = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const count = `SELECT count(*)::int AS "count" FROM (SELECT 1 FROM ${compiled.table}${matchingWhere} LIMIT $${countValues + 1}) "lq_matching"`;

    const ties = tieDirection(query.sort);
    const keys = [...query.sort, { field: 'id', direction: ties }];
    const after: string[] = [];
    if (query.cursor) {
      const bound = new Map<number, string>();
      after.push(
        afterCursor(
          keys.map((key) => ({
            column: sqlOf(key.field),
            direction: key.direction,
            nullable: columnOf(key.field).isNullable,
          })),
          query.cursor,
          (index) => {
            let param = bound.get(index);
            if (!param) {
              param = bind((q) => q.cursor![index]);
              bound.set(index, param);
            }
            return param;
          },
        ),
      );
    }
    const order = keys.map((key) => `${sqlOf(key.field)} ${key.direction}`).join(', ');
    const prepared = preparable(query, scope);
    // A prepared page's limit is in its SQL: with LIMIT as a parameter PostgreSQL never prefers the generic plan.
    const limit = prepared ? String(query.limit + 1) : bind((q) => q.limit + 1);
    const offset = query.cursor ? '' : ` OFFSET ${bind((q) => (q.page - 1) * q.limit)}`;
    const pageWhere = [...where, ...after];
    const slice = (from: string, conditions: readonly string[]) =>
      `SELECT ${from === compiled.table ? compiled.inner : '*'} FROM ${from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limit}${offset}`;
    const keySelects = keys.map((key, index) => `${sqlOf(key.field)}::text AS "lq_key_${index}"`).join(', ');
    const around = (inner: string) =>
      `SELECT ${compiled.select}, ${keySelects} FROM (${inner}) ${alias} ${compiled.joins} ORDER BY ${order}`;
    const page = around(slice(compiled.table, pageWhere));
    const fewPage = `WITH "lq_matching" AS MATERIALIZED (SELECT ${compiled.inner} FROM ${compiled.table}${matchingWhere}) ${around(slice(`"lq_matching" ${alias}`, after))}`;
    const filtered = query.filters.length > 0 || query.search !== undefined;
    return {
      page,
      prepared: prepared ? `lq_${createHash('sha1').update(page).digest('hex').slice(0, 24)}` : undefined,
      fewPage,
      count,
      filtered,
      values,
      countValues,
    };
  }
}
