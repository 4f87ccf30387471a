import { AgoraEntity } from '@agora/database';
import { createIsolatedDatabase } from '@agora/testing';
import { Column, DataSource, Entity, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findPage, setListTotalCap, type Page } from '../src/find-page.js';
import { parseListQuery, type ListQuerySpec, type ParsedListQuery } from '../src/list-query.js';
import { ListSource } from '../src/list-source.js';

@Entity({ name: 'list_owners' })
class ListOwnerEntity extends AgoraEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];
}

@Entity({ name: 'list_items' })
class ListItemEntity extends AgoraEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => ListOwnerEntity, { nullable: true })
  @JoinColumn({ name: 'owner_id' })
  owner?: ListOwnerEntity | null;

  @Column({ type: 'numeric', nullable: true })
  rating!: string | null;

  @Column({ type: 'boolean', default: false })
  featured!: boolean;

  @OneToMany(() => ListTagEntity, (tag) => tag.item)
  tags?: ListTagEntity[];
}

/** A one-to-many relation of the list's rows: none, one or several per item. */
@Entity({ name: 'list_tags' })
class ListTagEntity extends AgoraEntity {
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ListItemEntity, (item) => item.tags)
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ListItemEntity>;

  @Column({ type: 'text' })
  label!: string;
}

const SPEC: ListQuerySpec = {
  fields: { id: 'uuid', name: 'string', rating: 'number', featured: 'boolean', createdAt: 'date' },
  searchable: ['name'],
  defaultSort: '-createdAt',
};

const ROWS = 57;

type Engine = (dataSource: DataSource) => (query: ParsedListQuery) => Promise<Page<ListItemEntity>>;

/** The two ways a list route reads its pages: findPage on a query builder, and a ListSource. */
const ENGINES: readonly (readonly [string, Engine])[] = [
  [
    'findPage',
    (dataSource) => (query) =>
      findPage(
        dataSource
          .getRepository(ListItemEntity)
          .createQueryBuilder('item')
          .leftJoinAndSelect('item.owner', 'owner'),
        query,
        SPEC.searchable,
      ),
  ],
  [
    'ListSource',
    (dataSource) => {
      const source = new ListSource<ListItemEntity>(dataSource, ListItemEntity, {
        alias: 'item',
        joins: { owner: {} },
        searchable: SPEC.searchable,
      });
      return (query) => source.page(query);
    },
  ],
];

/** The list engines on real PostgreSQL: offsets, keyset cursors over NULLs, ties and microseconds, every operator. */
describe.each(ENGINES)('%s', (engineName, engine) => {
  const sharedUrl = inject('testDatabaseUrl');
  let database: { adminUrl: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  let read: (query: ParsedListQuery) => Promise<Page<ListItemEntity>>;

  const list = (query: Record<string, string>): Promise<Page<ListItemEntity>> =>
    read(parseListQuery(query, SPEC));

  /**
   * The ids in the order PostgreSQL gives for `orderBy`, then id in the last key's direction, as the truth
   * to page through.
   */
  const expectedIds = async (orderBy: string, where = 'TRUE', params: unknown[] = []): Promise<string[]> => {
    const ties = /DESC$/i.test(orderBy) ? 'id DESC' : 'id';
    const rows: { id: string }[] = await dataSource.query(
      `SELECT id FROM list_items WHERE ${where} ORDER BY ${orderBy}, ${ties}`,
      params,
    );
    return rows.map((row) => row.id);
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase(sharedUrl, `list_query_${engineName.toLowerCase()}`);
    // A throwaway database of this file's own: synchronize builds the test table.
    dataSource = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity, ListOwnerEntity, ListTagEntity],
      synchronize: true,
    });
    await dataSource.initialize();
    read = engine(dataSource);
    // Several rows share a millisecond and differ in microseconds; ratings repeat and some are NULL.
    await dataSource.query(
      `INSERT INTO list_items (id, name, rating, featured, created_at, updated_at)
       SELECT gen_random_uuid(),
              CASE WHEN n % 3 = 0 THEN 'Welder ' || n WHEN n % 3 = 1 THEN 'tasty ' || n ELSE 'Tasty_' || n END,
              CASE WHEN n % 7 = 0 THEN NULL ELSE (n % 5)::numeric + 0.5 END,
              n % 4 = 0,
              timestamptz '2026-01-01 00:00:00+00' + (n / 3) * interval '1 millisecond' + (n % 3) * interval '1 microsecond',
              now()
         FROM generate_series(1, ${ROWS}) AS n`,
    );
    // Owners for some items (the others have none): the to-one relation both engines load.
    await dataSource.query(
      `INSERT INTO list_owners (id, name, tags, created_at, updated_at)
       SELECT gen_random_uuid(), 'owner ' || n, ARRAY['t' || n, 'x'], now(), now() FROM generate_series(1, 5) AS n`,
    );
    await dataSource.query(
      `UPDATE list_items SET owner_id = (SELECT id FROM list_owners ORDER BY name LIMIT 1 OFFSET (list_items.rating::int % 5))
        WHERE rating IS NOT NULL`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it.each([
    ['-createdAt', 'created_at DESC'],
    ['createdAt', 'created_at ASC'],
    ['rating', 'rating ASC'],
    ['-rating,name', 'rating DESC, name ASC'],
    ['featured,-rating', 'featured ASC, rating DESC'],
  ])('walks every row exactly once by cursor with sort=%s', async (sort, orderBy) => {
    const seen: string[] = [];
    let page = await list({ sort, limit: '10' });
    expect(page.total).toBe(ROWS);
    seen.push(...page.items.map((item) => item.id));
    while (page.nextCursor) {
      page = await list({ sort, limit: '10', cursor: page.nextCursor });
      expect(page.page).toBeNull();
      expect(page.total).toBe(ROWS);
      seen.push(...page.items.map((item) => item.id));
    }
    expect(seen).toEqual(await expectedIds(orderBy));
  });

  it('pages by number, with the next page cursor too', async () => {
    const truth = await expectedIds('created_at DESC');
    const second = await list({ page: '2', limit: '10' });
    expect(second).toMatchObject({ total: ROWS, page: 2, limit: 10 });
    expect(second.items.map((item) => item.id)).toEqual(truth.slice(10, 20));
    const third = await list({ limit: '10', cursor: second.nextCursor! });
    expect(third.items.map((item) => item.id)).toEqual(truth.slice(20, 30));
    const last = await list({ page: '6', limit: '10' });
    expect(last.items).toHaveLength(7);
    expect(last.nextCursor).toBeNull();
  });

  it.each([
    [{ 'filter[name][like]': 'Tasty' }, `name LIKE '%Tasty%'`],
    [{ 'filter[name][ilike]': 'TASTY' }, `name ILIKE '%tasty%'`],
    [{ 'filter[name][ilike]': 'y_' }, `name ILIKE '%y\\_%'`],
    [{ 'filter[rating][between]': '1,3' }, 'rating BETWEEN 1 AND 3'],
    [{ 'filter[rating][null]': 'true' }, 'rating IS NULL'],
    [
      { 'filter[rating][null]': 'false', 'filter[rating][ne]': '2.5' },
      'rating IS NOT NULL AND rating <> 2.5',
    ],
    [{ 'filter[rating][in]': '0.5,4.5' }, 'rating IN (0.5, 4.5)'],
    [{ 'filter[featured]': 'true', 'filter[rating][gte]': '2' }, 'featured AND rating >= 2'],
    [{ 'filter[createdAt][lt]': '2026-01-01T00:00:00.005Z' }, `created_at < '2026-01-01T00:00:00.005Z'`],
    [{ search: 'welder 1' }, `name ILIKE '%welder 1%'`],
  ])('filters %o like SQL %s', async (query, where) => {
    const page = await list({ ...query, limit: '100' });
    const truth = await expectedIds('created_at DESC', where);
    expect(truth.length).toBeGreaterThan(0);
    expect(page.total).toBe(truth.length);
    expect(page.items.map((item) => item.id)).toEqual(truth);
  });

  it('counts at most LIST_TOTAL_CAP rows and says when the total is not exact', async () => {
    setListTotalCap(20);
    try {
      const capped = await list({ limit: '5' });
      expect(capped).toMatchObject({ total: 20, totalExact: false });
      expect(capped.items).toHaveLength(5);
      const exact = await list({ search: 'welder 1', limit: '5' });
      expect(exact.totalExact).toBe(true);
    } finally {
      setListTotalCap(10_000);
    }
  });

  it('reads the page and its relations in one statement and counts in another: no DISTINCT, no skip/take; a count past the cap is remembered', async () => {
    const statements: string[] = [];
    const logged = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity, ListOwnerEntity, ListTagEntity],
      logging: ['query'],
      logger: {
        logQuery: (sql: string) => void statements.push(sql),
        logQueryError: () => undefined,
        logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      },
    });
    await logged.initialize();
    const readLogged = engine(logged);
    setListTotalCap(10);
    statements.length = 0;
    try {
      const query = parseListQuery({ sort: '-rating', 'filter[featured]': 'false', limit: '3' }, SPEC);
      const page = await readLogged(query);
      expect(page.items).toHaveLength(3);
      expect(page).toMatchObject({ total: 10, totalExact: false });
      expect(statements).toHaveLength(2);
      expect(statements.join('\n')).not.toMatch(/DISTINCT|OFFSET 0 ROWS|FETCH/i);
      expect(statements.filter((sql) => /count\(\*\)/.test(sql))).toHaveLength(1);
      // Past the cap, the next pages of the same list do not count again; a list under the cap always counts.
      statements.length = 0;
      const next = await readLogged(
        parseListQuery(
          { ...{ sort: '-rating', 'filter[featured]': 'false' }, limit: '3', cursor: page.nextCursor! },
          SPEC,
        ),
      );
      expect(next).toMatchObject({ total: 10, totalExact: false });
      expect(statements).toHaveLength(1);
      statements.length = 0;
      const small = await readLogged(
        parseListQuery({ 'filter[featured]': 'true', 'filter[rating][gte]': '4', limit: '3' }, SPEC),
      );
      expect(small.totalExact).toBe(true);
      await readLogged(
        parseListQuery({ 'filter[featured]': 'true', 'filter[rating][gte]': '4', limit: '3' }, SPEC),
      );
      expect(statements.filter((sql) => /count\(\*\)/.test(sql))).toHaveLength(2);
    } finally {
      setListTotalCap(10_000);
      await logged.destroy();
    }
  });
});

/** ListSource answers what findPage answers, entities and all. */
describe('ListSource against findPage', () => {
  const sharedUrl = inject('testDatabaseUrl');
  let database: { adminUrl: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createIsolatedDatabase(sharedUrl, 'list_query_same');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity, ListOwnerEntity, ListTagEntity],
      synchronize: true,
    });
    await dataSource.initialize();
    await dataSource.query(
      `INSERT INTO list_owners (id, name, tags, created_at, updated_at)
       SELECT gen_random_uuid(), 'owner ' || n, ARRAY['t' || n, 'x'], now() - n * interval '1 day', now()
         FROM generate_series(1, 3) AS n`,
    );
    await dataSource.query(
      `INSERT INTO list_items (id, name, rating, featured, owner_id, created_at, updated_at)
       SELECT gen_random_uuid(), 'item ' || n, CASE WHEN n % 4 = 0 THEN NULL ELSE n % 6 END, n % 2 = 0,
              CASE WHEN n % 3 = 0 THEN NULL ELSE (SELECT id FROM list_owners ORDER BY name LIMIT 1 OFFSET n % 3) END,
              timestamptz '2026-01-01 00:00:00+00' + n * interval '1 second 1 microsecond', now()
         FROM generate_series(1, 40) AS n`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it.each([
    {},
    { sort: 'rating', limit: '7' },
    { sort: '-rating,name', page: '2', limit: '5' },
    { 'filter[rating][in]': '1,2,5', 'filter[featured]': 'true' },
    { 'filter[rating][null]': 'true', sort: 'name' },
    { 'filter[createdAt][between]': '2026-01-01T00:00:05Z,2026-01-01T00:00:20Z', search: 'ITEM 1' },
    { page: '9', limit: '10' },
  ])('pages of %o are the same', async (raw) => {
    const findPageRead = ENGINES[0][1](dataSource);
    const sourceRead = ENGINES[1][1](dataSource);
    let query = parseListQuery(raw, SPEC);
    for (let pages = 0; pages < 10; pages += 1) {
      const [expected, actual] = await Promise.all([findPageRead(query), sourceRead(query)]);
      expect(actual).toEqual(expected);
      expect(actual.items.map((item) => item.constructor)).toEqual(expected.items.map(() => ListItemEntity));
      if (!expected.nextCursor) {
        break;
      }
      const { page: _page, ...rest } = raw as Record<string, string>;
      query = parseListQuery({ ...rest, cursor: expected.nextCursor }, SPEC);
    }
  });

  it('findPage: an inner join that drops rows drops them before the page is cut, and from the total', async () => {
    const truth = (
      await dataSource.query<{ id: string }[]>(
        `SELECT item.id FROM list_items item JOIN list_owners owner ON owner.id = item.owner_id
          WHERE owner.name <> 'owner 1' ORDER BY item.created_at DESC, item.id DESC`,
      )
    ).map((row) => row.id);
    const read = (query: ParsedListQuery) =>
      findPage(
        dataSource
          .getRepository(ListItemEntity)
          .createQueryBuilder('item')
          .innerJoinAndSelect('item.owner', 'owner', "owner.name <> 'owner 1'"),
        query,
      );
    const seen: string[] = [];
    let page = await read(parseListQuery({ limit: '4' }, SPEC));
    expect(page.total).toBe(truth.length);
    seen.push(...page.items.map((item) => item.id));
    while (page.nextCursor) {
      expect(page.items).toHaveLength(4);
      page = await read(parseListQuery({ limit: '4', cursor: page.nextCursor }, SPEC));
      seen.push(...page.items.map((item) => item.id));
    }
    expect(seen).toEqual(truth);
  });

  it.each([{}, { sort: 'name', limit: '6' }, { search: 'item 1', page: '2', limit: '3' }])(
    'loads a one-to-many relation as findPage joins it, an empty array for a row without any: %o',
    async (raw) => {
      await dataSource.query(
        `INSERT INTO list_tags (id, item_id, label, created_at, updated_at)
         SELECT gen_random_uuid(), item.id, 'tag ' || n, now(), now()
           FROM (SELECT id, row_number() OVER (ORDER BY name) AS rank FROM list_items) item
           JOIN generate_series(1, 3) AS n ON n <= item.rank % 4
          WHERE NOT EXISTS (SELECT 1 FROM list_tags)`,
      );
      const findPageRead = (query: ParsedListQuery) =>
        findPage(
          dataSource
            .getRepository(ListItemEntity)
            .createQueryBuilder('item')
            .leftJoinAndSelect('item.owner', 'owner')
            .leftJoinAndSelect('item.tags', 'tag')
            .orderBy('tag.id'),
          query,
          SPEC.searchable,
        );
      const source = new ListSource<ListItemEntity>(dataSource, ListItemEntity, {
        alias: 'item',
        joins: { owner: {} },
        many: { tags: {} },
        searchable: SPEC.searchable,
      });
      let query = parseListQuery(raw, SPEC);
      for (let pages = 0; pages < 10; pages += 1) {
        const [expected, actual] = await Promise.all([findPageRead(query), source.page(query)]);
        expect(actual).toEqual(expected);
        expect(actual.items.flatMap((item) => item.tags!.map((tag) => tag.constructor))).toEqual(
          expected.items.flatMap((item) => item.tags!.map(() => ListTagEntity)),
        );
        if (!expected.nextCursor) {
          break;
        }
        const { page: _page, ...rest } = raw as Record<string, string>;
        query = parseListQuery({ ...rest, cursor: expected.nextCursor }, SPEC);
      }
      const tagged = await source.page(parseListQuery({ limit: '100' }, SPEC));
      expect(new Set(tagged.items.map((item) => item.tags!.length))).toEqual(new Set([0, 1, 2, 3]));
    },
  );
});

/** ListSource prepares the page statement of a list neither filtered nor scoped, so it is planned once. */
describe('ListSource prepared pages', () => {
  const sharedUrl = inject('testDatabaseUrl');
  let database: { adminUrl: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  /** The list engine's prepared statements on the pool's one connection, with how often each was planned. */
  const prepared = () =>
    dataSource.query<{ statement: string; generic: number; custom: number }[]>(
      `SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom
       FROM pg_prepared_statements WHERE name LIKE 'lq\\_%'`,
    );

  beforeAll(async () => {
    database = await createIsolatedDatabase(sharedUrl, 'list_query_prepared');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity, ListOwnerEntity, ListTagEntity],
      synchronize: true,
      // One connection, so pg_prepared_statements shows the statements the pages used.
      extra: { max: 1 },
    });
    await dataSource.initialize();
    await dataSource.query(
      `INSERT INTO list_items (id, name, rating, featured, created_at, updated_at)
       SELECT gen_random_uuid(), 'item ' || n, n % 6, n % 2 = 0, now() - n * interval '1 minute', now()
         FROM generate_series(1, 60) AS n`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('walks cursor pages with one generic plan, and plans filtered pages for their values', async () => {
    const source = new ListSource<ListItemEntity>(dataSource, ListItemEntity, {
      alias: 'item',
      joins: { owner: {} },
      searchable: SPEC.searchable,
    });
    const seen: string[] = [];
    let page = await source.page(parseListQuery({ limit: '5' }, SPEC));
    seen.push(...page.items.map((item) => item.id));
    while (page.nextCursor) {
      page = await source.page(parseListQuery({ limit: '5', cursor: page.nextCursor }, SPEC));
      seen.push(...page.items.map((item) => item.id));
    }
    const truth = (
      await dataSource.query<{ id: string }[]>('SELECT id FROM list_items ORDER BY created_at DESC, id DESC')
    ).map((row) => row.id);
    expect(seen).toEqual(truth);
    // The first page and the cursor pages: two statements, the limit written in; the cursor pages, after
    // PostgreSQL's five custom plans, run on the generic one.
    const statements = await prepared();
    expect(statements).toHaveLength(2);
    expect(statements.every(({ statement }) => /LIMIT 6\b/.test(statement))).toBe(true);
    const cursorPages = statements.find(({ statement }) => statement.includes('<'));
    expect(cursorPages?.generic).toBeGreaterThan(0);
    await source.page(parseListQuery({ limit: '5', 'filter[featured]': 'true', search: 'item' }, SPEC));
    expect(await prepared()).toHaveLength(2);
  });
});
