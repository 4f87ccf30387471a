import { AgoraEntity } from '@agora/database';
import { createIsolatedDatabase } from '@agora/testing';
import { Column, DataSource, Entity } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findPage, setListTotalCap, type Page } from '../src/find-page.js';
import { parseListQuery, type ListQuerySpec } from '../src/list-query.js';

@Entity({ name: 'list_items' })
class ListItemEntity extends AgoraEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'numeric', nullable: true })
  rating!: string | null;

  @Column({ type: 'boolean', default: false })
  featured!: boolean;
}

const SPEC: ListQuerySpec = {
  fields: { id: 'uuid', name: 'string', rating: 'number', featured: 'boolean', createdAt: 'date' },
  searchable: ['name'],
  defaultSort: '-createdAt',
};

const ROWS = 57;

/** findPage on real PostgreSQL: offsets, keyset cursors over NULLs, ties and microseconds, every operator. */
describe('findPage', () => {
  const sharedUrl = inject('testDatabaseUrl');
  let database: { adminUrl: string; drop: () => Promise<void> };
  let dataSource: DataSource;

  const list = (query: Record<string, string>): Promise<Page<ListItemEntity>> =>
    findPage(
      dataSource.getRepository(ListItemEntity).createQueryBuilder('item'),
      parseListQuery(query, SPEC),
      SPEC.searchable,
    );

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
    database = await createIsolatedDatabase(sharedUrl, 'list_query');
    // A throwaway database of this file's own: synchronize builds the test table.
    dataSource = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity],
      synchronize: true,
    });
    await dataSource.initialize();
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

  it('reads the page and its relations in one statement picking ids by LIMIT, and a capped count: no DISTINCT, no skip/take', async () => {
    const statements: string[] = [];
    const logged = new DataSource({
      type: 'postgres',
      url: database.adminUrl,
      entities: [ListItemEntity],
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
    statements.length = 0;
    try {
      const page = await findPage(
        logged.getRepository(ListItemEntity).createQueryBuilder('item'),
        parseListQuery({ sort: '-rating', 'filter[featured]': 'true', limit: '3' }, SPEC),
      );
      expect(page.items).toHaveLength(3);
      expect(statements).toHaveLength(2);
      expect(statements.join('\n')).not.toMatch(/DISTINCT/i);
      expect(statements.filter((sql) => /"id" IN \(SELECT .* LIMIT 4\b/s.test(sql))).toHaveLength(1);
      expect(statements.filter((sql) => /LIMIT 10001/.test(sql))).toHaveLength(1);
    } finally {
      await logged.destroy();
    }
  });
});
