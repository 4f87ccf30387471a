import type { ListQuerySpec } from '@agora/list-query';
import { createIsolatedDatabase, ListPlanCheck } from '@agora/testing';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATEGORY_LIST_QUERY } from '../src/categories/category.dto.js';
import { CHECKIN_LIST_QUERY, COMMENT_LIST_QUERY } from '../src/checkins/checkin.dto.js';
import { topListSql } from '../src/checkins/checkins.repository.js';
import { rankTop, roundTo2 } from '../src/checkins/rating.js';
import { COFFEE_LIST_QUERY } from '../src/coffees/coffee.dto.js';
import { LIKE_LIST_QUERY } from '../src/community/like.dto.js';
import { USER_ITEM_LIST_QUERY } from '../src/community/user-list.dto.js';
import { DICTIONARY_LIST_QUERY } from '../src/dictionaries/dictionary.dto.js';
import { LOCATION_LIST_QUERY } from '../src/shop-info/shop-info.dto.js';
import { WEEKDAYS } from '../src/shop-info/opening-hours.js';
import { LISTING_LIST_QUERY } from '../src/listings/listing.dto.js';
import { MECHANISM_LIST_QUERY } from '../src/mechanisms/mechanism.dto.js';
import { HISTORY_LIST_QUERY } from '../src/moderation/item-history.service.js';
import { DRAFT_LIST_QUERY } from '../src/moderation/moderation.dto.js';
import { PRODUCT_LIST_QUERY } from '../src/products/product.dto.js';
import { REVIEW_LIST_QUERY } from '../src/reviews/review.dto.js';
import { COLLECTION_LIST_QUERY } from '../src/watches/collection.dto.js';
import { WATCH_LIST_QUERY } from '../src/watches/watch.dto.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

/** Rows per seeded table: enough that a plan reading the whole table costs far more than an index walk. */
const ROWS = 20_000;

const ids = {
  roaster: '00000000-0000-4000-8000-000000000001',
  brand: '00000000-0000-4000-8000-000000000002',
  listing: '00000000-0000-4000-8000-000000000003',
  collector: '00000000-0000-4000-8000-000000000004',
  coffee: '00000000-0000-4000-8000-000000000005',
  user: '00000000-0000-4000-8000-000000000006',
  checkin: '00000000-0000-4000-8000-000000000007',
};

const OPENING_HOURS = JSON.stringify(
  Object.fromEntries(WEEKDAYS.map((day) => [day, [{ opens: '09:00', closes: '21:00' }]])),
);

/** A search term as rare as a user's: a piece of one row's md5-made name (other tables have none). */
const SEARCH = createHash('md5').update('4321').digest('hex').slice(0, 8);

/** Rows by bulk SQL: every column a sort or filter reads varies, and NULLs appear where allowed. */
const SEED = [
  `INSERT INTO catalog.dictionary_values (id, kind, name, country_code)
   SELECT CASE n WHEN 1 THEN '${ids.roaster}'::uuid WHEN 2 THEN '${ids.brand}'::uuid ELSE gen_random_uuid() END,
          CASE WHEN n % 2 = 1 THEN 'roasters' ELSE 'brands' END, 'value ' || n,
          (ARRAY['RU', 'ET', 'CO', NULL])[1 + n % 4]
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.coffees (id, created_at, updated_at, name, roaster_id, country_code, farm, variety,
     roast_level, altitude_min, altitude_max, barcode, created_by, updated_by)
   SELECT CASE n WHEN 1 THEN '${ids.coffee}'::uuid ELSE gen_random_uuid() END,
          now() - n * interval '1 minute', now() - n * interval '1 second', 'coffee ' || md5(n::text),
          '${ids.roaster}', (ARRAY['RU', 'ET', 'CO', NULL])[1 + n % 4], 'farm ' || n % 500, 'variety ' || n % 300,
          (ARRAY['light', 'medium', 'dark', NULL])[1 + n % 4], 1000 + n % 900, 2000 + n % 900,
          CASE WHEN n % 3 = 0 THEN NULL ELSE lpad(n::text, 13, '0') END, gen_random_uuid(), gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.mechanisms (id, created_at, updated_at, name, stones, start_release, end_release,
     created_by, updated_by)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), 'calibre ' || n, n % 100,
          1950 + n % 50, 2000 + n % 20, gen_random_uuid(), gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.watches (id, created_at, updated_at, name, folder, code, integrated_bracelet,
     start_release, end_release, brand_id, created_by, updated_by)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), 'watch ' || md5(n::text), 'folder-' || n,
          CASE WHEN n % 2 = 0 THEN 'code-' || n END, n % 5 = 0, 1950 + n % 50, 2000 + n % 20, '${ids.brand}',
          gen_random_uuid(), gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.listings (id, created_at, updated_at, seller_id, title, description, price, currency,
     status, published_at)
   SELECT CASE n WHEN 1 THEN '${ids.listing}'::uuid ELSE gen_random_uuid() END,
          now() - n * interval '1 minute', now(), gen_random_uuid(), 'listing ' || md5(n::text), 'about ' || n,
          n % 1000, (ARRAY['RUB', 'USD'])[1 + n % 2], CASE WHEN n % 20 = 0 THEN 'draft' ELSE 'active' END,
          now() - n * interval '1 minute'
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.reviews (id, created_at, updated_at, listing_id, author_id, rating, text)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(),
          CASE WHEN n % 4 = 0 THEN '${ids.listing}'::uuid
               ELSE (SELECT id FROM catalog.listings ORDER BY id LIMIT 1 OFFSET n % 1000) END,
          gen_random_uuid(), 1 + n % 5, 'review ' || md5(n::text)
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.products (id, created_at, updated_at, name, description, price, currency, available,
     created_by, updated_by)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), 'product ' || md5(n::text), 'about ' || n,
          n % 500, (ARRAY['RUB', 'USD'])[1 + n % 2], n % 7 <> 0, gen_random_uuid(), gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.categories (id, created_at, updated_at, name, description, position)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), 'category ' || n, 'about ' || n, n % 100
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.shop_locations (id, name, address, city, country_code, latitude, longitude, time_zone,
     opening_hours, position)
   SELECT gen_random_uuid(), 'shop ' || n, 'street ' || n, 'city ' || n % 300, (ARRAY['RU', 'KZ'])[1 + n % 2],
          55, 37, 'Europe/Moscow', '${OPENING_HOURS}', n % 100
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.drafts (id, created_at, updated_at, subject, action, target_id, payload, status,
     author_id, reviewer_id)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), (ARRAY['coffee', 'watch'])[1 + n % 2],
          (ARRAY['create', 'update'])[1 + n % 2], CASE WHEN n % 2 = 1 THEN gen_random_uuid() END, '{}',
          (ARRAY['pending', 'approved', 'rejected'])[1 + n % 3], gen_random_uuid(),
          CASE WHEN n % 3 <> 0 THEN gen_random_uuid() END
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.item_history (id, created_at, updated_at, subject, item_id, version, action, changes,
     author_id)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(), 'coffee',
          CASE WHEN n <= 30 THEN '${ids.coffee}'::uuid ELSE gen_random_uuid() END, CASE WHEN n <= 30 THEN n ELSE 1 END,
          (ARRAY['created', 'updated'])[1 + n % 2], '[]', gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.collections (id, created_at, updated_at, user_id, watch_id)
   SELECT gen_random_uuid(), now() - row_number() OVER () * interval '1 minute', now(),
          CASE WHEN row_number() OVER () % 4 = 0 THEN '${ids.collector}'::uuid ELSE gen_random_uuid() END, id
   FROM catalog.watches`,
  `INSERT INTO catalog.checkins (id, created_at, updated_at, coffee_id, author_id, rating_quarters, counted, text)
   SELECT CASE n WHEN 1 THEN '${ids.checkin}'::uuid ELSE gen_random_uuid() END,
          now() - n * interval '1 minute', now(),
          CASE WHEN n % 4 = 1 THEN '${ids.coffee}'::uuid
               ELSE (SELECT id FROM catalog.coffees ORDER BY id LIMIT 1 OFFSET n % 1000) END,
          gen_random_uuid(), 1 + n % 20, true, 'checkin ' || n
   FROM generate_series(1, ${ROWS}) n`,
  `INSERT INTO catalog.checkin_comments (id, created_at, updated_at, checkin_id, author_id, text)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(),
          CASE WHEN n % 4 = 0 THEN '${ids.checkin}'::uuid
               ELSE (SELECT id FROM catalog.checkins ORDER BY id LIMIT 1 OFFSET n % 1000) END,
          gen_random_uuid(), 'comment ' || n
   FROM generate_series(1, ${ROWS}) n`,
  // A quarter of the coffees rated, by up to 50 users each: what the top list ranks.
  `UPDATE catalog.coffees SET rating_count = rated.users, rating_sum = rated.users * rated.quarters,
          rating_weight = rated.users, rating_weighted_sum = rated.users * rated.quarters
   FROM (SELECT id, 1 + abs(hashtext(id::text)) % 50 AS users, 1 + abs(hashtext(name)) % 20 AS quarters
         FROM catalog.coffees) rated
   WHERE coffees.id = rated.id AND abs(hashtext(rated.id::text)) % 4 = 0`,
];

interface Route {
  readonly path: string;
  readonly table: string;
  readonly spec: ListQuerySpec;
  readonly moderator?: boolean;
  /** Read as the platform's plain user (their own lists). */
  readonly user?: boolean;
}

const ROUTES: readonly Route[] = [
  { path: '/coffees', table: 'coffees', spec: COFFEE_LIST_QUERY },
  { path: '/watches', table: 'watches', spec: WATCH_LIST_QUERY },
  { path: '/mechanisms', table: 'mechanisms', spec: MECHANISM_LIST_QUERY },
  { path: '/listings', table: 'listings', spec: LISTING_LIST_QUERY },
  { path: `/listings/${ids.listing}/reviews`, table: 'reviews', spec: REVIEW_LIST_QUERY },
  { path: '/products', table: 'products', spec: PRODUCT_LIST_QUERY },
  { path: '/categories', table: 'categories', spec: CATEGORY_LIST_QUERY },
  { path: '/dictionaries/roasters', table: 'dictionary_values', spec: DICTIONARY_LIST_QUERY },
  { path: '/info/locations', table: 'shop_locations', spec: LOCATION_LIST_QUERY },
  { path: '/drafts', table: 'drafts', spec: DRAFT_LIST_QUERY, moderator: true },
  { path: `/coffees/${ids.coffee}/history`, table: 'item_history', spec: HISTORY_LIST_QUERY },
  { path: `/collections/${ids.collector}`, table: 'collections', spec: COLLECTION_LIST_QUERY },
  { path: `/coffees/${ids.coffee}/checkins`, table: 'checkins', spec: CHECKIN_LIST_QUERY },
  { path: `/checkins/${ids.checkin}/comments`, table: 'checkin_comments', spec: COMMENT_LIST_QUERY },
  { path: `/coffees/${ids.coffee}/likes`, table: 'likes', spec: LIKE_LIST_QUERY },
  { path: '/me/wishlist', table: 'user_items', spec: USER_ITEM_LIST_QUERY, user: true },
  { path: '/me/had', table: 'user_items', spec: USER_ITEM_LIST_QUERY, user: true },
];

/**
 * Likes of many coffees (a quarter on the one the route reads), and wishlist and "had" entries of many
 * users (a fifth the platform user's, a third of them watches): what the likes and lists routes page.
 */
const userListSeed = (userId: string) => [
  `INSERT INTO catalog.like_targets (id, kind, like_count, coffee_id)
   SELECT id, 'coffee', 0, id FROM catalog.coffees`,
  `INSERT INTO catalog.likes (id, created_at, updated_at, target_id, user_id)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(),
          CASE WHEN n % 4 = 0 THEN '${ids.coffee}'::uuid
               ELSE (SELECT id FROM catalog.coffees ORDER BY id LIMIT 1 OFFSET n % 1000) END,
          gen_random_uuid()
   FROM generate_series(1, ${ROWS}) n`,
  `UPDATE catalog.like_targets SET like_count = counted.n
   FROM (SELECT target_id, count(*) AS n FROM catalog.likes GROUP BY target_id) counted
   WHERE like_targets.id = counted.target_id`,
  `INSERT INTO catalog.user_items (id, created_at, updated_at, user_id, list, kind, item_id, coffee_id, watch_id)
   SELECT gen_random_uuid(), now() - n * interval '1 minute', now(),
          CASE WHEN n % 10 < 2 THEN '${userId}'::uuid ELSE gen_random_uuid() END,
          (ARRAY['wishlist', 'had'])[1 + n % 2], CASE WHEN n % 3 = 0 THEN 'watch' ELSE 'coffee' END,
          CASE WHEN n % 3 = 0 THEN watch.id ELSE coffee.id END,
          CASE WHEN n % 3 = 0 THEN NULL ELSE coffee.id END, CASE WHEN n % 3 = 0 THEN watch.id END
   FROM (SELECT row_number() OVER (ORDER BY id) AS n, id FROM catalog.coffees) coffee
   JOIN (SELECT row_number() OVER (ORDER BY id) AS n, id FROM catalog.watches) watch USING (n)`,
];

/**
 * Every catalog list route, by its default sort and by each allow-listed field both ways, plus a search
 * and a cursor page: on seeded, analysed tables the query that picks the page walks an index (no
 * sequential scan of the route's table) and has no DISTINCT. The planner chooses freely: no enable_*
 * setting is touched.
 */
describe('catalog list plans', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let platform: CatalogPlatform;
  let admin: pg.Client;
  let plans: ListPlanCheck;

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'list_plans');
    platform = await startCatalogPlatform(database.adminUrl, 'plans');
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    for (const sql of [...SEED, ...userListSeed(platform.userId)]) {
      await admin.query(sql);
    }
    // As autovacuum would: statistics, and GIN pending lists merged into the indexes.
    await admin.query('VACUUM ANALYZE');
    plans = new ListPlanCheck(admin);
  }, 120_000);

  afterAll(async () => {
    plans?.close();
    await admin?.end();
    await platform?.close();
    await database?.drop();
  });

  it.each(ROUTES)('$path picks its page by index for every sort, search and cursor', async (route) => {
    await plans.expectRouteIndexed({
      path: route.path,
      table: route.table,
      sortable: route.spec.sortable ?? Object.keys(route.spec.fields),
      ...(route.spec.searchable?.length ? { search: SEARCH } : {}),
      get: (target) =>
        platform.catalog.call('GET', target, {
          token: route.moderator ? platform.moderator : route.user ? platform.user : undefined,
        }),
    });
  });

  it('pages a list of the caller by kind by index too', async () => {
    const route = {
      path: '/me/wishlist',
      table: 'user_items',
      sortable: ['createdAt'],
      get: (target: string) => platform.catalog.call('GET', target, { token: platform.user }),
    };
    for (const query of ['filter[kind]=watch', 'filter[kind]=coffee&sort=createdAt']) {
      const next = await plans.expectIndexed(route, query);
      expect(next, query).not.toBeNull();
      await plans.expectIndexed(route, `${query}&cursor=${encodeURIComponent(next!)}`);
    }
  });

  it('ranks the top list from the rated rows by index, as the rating maths does', async () => {
    const top = await platform.catalog.call<{
      prior: number;
      weight: number;
      items: { id: string; score: number }[];
    }>('GET', '/coffees/top?limit=25');
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    const { rows: rated } = await admin.query<{
      id: string;
      count: number;
      weight: number;
      weightedQuarters: number;
    }>(
      `SELECT id::text, rating_count AS count, rating_weight AS weight, rating_weighted_sum AS "weightedQuarters"
         FROM catalog.coffees WHERE rating_count > 0`,
    );
    const expected = rankTop(rated, 10, 25);
    expect(top.body.weight).toBe(10);
    expect(top.body.items.map((item) => [item.id, item.score])).toEqual(
      expected.map(({ item, score }) => [item.id, roundTo2(score)]),
    );
    const { rows } = await admin.query<{ 'QUERY PLAN': { Plan: unknown }[] }>(
      `EXPLAIN (FORMAT JSON) ${topListSql('"catalog"."coffees"')}`,
      [10, 25],
    );
    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    }
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
    const plan = nodes(rows[0]['QUERY PLAN'][0].Plan as PlanNode);
    // The rated rows by the partial index (index-only), the best ones' rows by primary key; no full read.
    expect(plan.map((node) => node['Index Name'])).toContain('coffees_rating_top_idx');
    expect(
      plan.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'coffees'),
      JSON.stringify(rows[0]['QUERY PLAN'][0].Plan, null, 1),
    ).toEqual([]);
  });
});
