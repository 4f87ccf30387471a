import { SERVICES, type PayloadOf } from '@agora/contracts';
import { createServiceDataSource } from '@agora/database';
import type { ServiceDefinition } from '@agora/runtime';
import {
  createIsolatedDatabase,
  eventually,
  freePort,
  provisionAllServices,
  queryRows,
  serviceDatabaseUrl,
  startPausingProxy,
  startServicesInProcess,
  type InProcessServices,
  type PausingProxy,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogServiceDefinition } from '../../catalog-service/src/catalog-service.definition.js';
import { socialServiceDefinition } from '../src/social-service.definition.js';
import { startSocialPlatform, type SocialPlatform } from './social-test-platform.js';

interface CopyRow {
  item_id: string;
  kind: string;
  name: string;
  version: number;
  updated_at: Date;
}

const JOB = 'social.rebuild-catalog-copy';
const REBUILT = `SELECT 1 FROM social.read_model_state WHERE name = 'catalog-copy-rebuilt'`;

/** Every item of catalog's tables, as its item events would name it. */
const CATALOG_ITEMS = `
  SELECT id AS item_id, 'coffee' AS kind, name, version FROM catalog.coffees
  UNION ALL SELECT id, 'watch', name, version FROM catalog.watches
  UNION ALL SELECT id, 'mechanism', name, version FROM catalog.mechanisms
  UNION ALL SELECT id, 'product', name, version FROM catalog.products
  UNION ALL SELECT id, 'listing', title, version FROM catalog.listings
  ORDER BY item_id`;

/**
 * social-service's copy of the catalog rebuilt from catalog's `/internal/items` snapshot: `npm run seed` writes
 * catalog's rows without events, so without the rebuild every seeded coffee's discussion was a 422
 * ITEM_NOT_FOUND. A database of this file's own, seeded as `npm run seed` seeds it (catalog, then social).
 */
describe('social-service catalog copy, rebuilt from catalog snapshot', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let url: string;
  let social: SocialPlatform;
  let catalog: InProcessServices | undefined;
  let catalogPort: number;
  /** social-service's way to catalog, where a spec steps in while the snapshot is read. */
  let proxy: PausingProxy;
  const rebuilt = async () => (await queryRows(url, REBUILT)).length > 0;
  const copy = () =>
    queryRows<CopyRow>(
      url,
      `SELECT item_id, kind, name, version, updated_at FROM social.catalog_items ORDER BY item_id`,
    );

  /** A service's demo seed on its own schema, as `npm run seed` runs it. */
  const seed = async (definition: ServiceDefinition) => {
    const dataSource = createServiceDataSource({
      url: serviceDatabaseUrl(url, definition.name),
      schema: SERVICES[definition.name].schema,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: 1,
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await definition.seed?.(dataSource, { items: 60, reset: false });
    } finally {
      await dataSource.destroy();
    }
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'catalog_copy');
    url = database.adminUrl;
    await provisionAllServices(url);
    await seed(catalogServiceDefinition);
    await seed(socialServiceDefinition);
    catalogPort = await freePort();
    proxy = await startPausingProxy(`http://127.0.0.1:${catalogPort}`);
    social = await startSocialPlatform(url, 'cc', {
      CATALOG_URL: proxy.url,
      SOCIAL_CATALOG_REBUILD_RETRY_MS: '1000',
    });
  }, 180_000);

  afterAll(async () => {
    await social?.close();
    await proxy?.close();
    await catalog?.close();
    await database?.drop();
  });

  it('retries while catalog is down, and rebuilds the copy once it answers', async () => {
    await expect(social.service.jobs.run(JOB)).rejects.toThrow();
    expect(await rebuilt()).toBe(false);
    expect(await copy()).toEqual([]);

    catalog = await startServicesInProcess(url, [catalogServiceDefinition], { PORT: String(catalogPort) });
    await eventually(async () => (await rebuilt()) || undefined, 20_000, 'the catalog copy rebuilt');
  }, 60_000);

  it("holds every seeded item with its name and version, and the coffees' and watches' facts", async () => {
    const seeded = await queryRows<{ item_id: string; kind: string; name: string; version: number }>(
      url,
      CATALOG_ITEMS,
    );
    expect(seeded.filter((item) => item.kind === 'coffee').length).toBeGreaterThan(10);
    expect(
      (await copy()).map(({ item_id, kind, name, version }) => ({ item_id, kind, name, version })),
    ).toEqual(seeded);

    const facts = await queryRows<{ item_id: string; country_code: string | null; region: string | null }>(
      url,
      `SELECT item_id, country_code, region FROM social.cotask_catalog_facts WHERE kind = 'coffee' ORDER BY item_id`,
    );
    expect(facts).toEqual(
      await queryRows(
        url,
        `SELECT coffee.id AS item_id, coffee.country_code, origin.name AS region FROM catalog.coffees coffee
           LEFT JOIN catalog.dictionary_values origin ON origin.id = coffee.origin_id ORDER BY coffee.id`,
      ),
    );
    expect(facts.some((fact) => fact.country_code && fact.region)).toBe(true);
    const mechanisms = await queryRows<{ item_id: string; mechanism: string | null }>(
      url,
      `SELECT item_id, mechanism FROM social.cotask_catalog_facts WHERE kind = 'watch' ORDER BY item_id`,
    );
    expect(mechanisms).toEqual(
      await queryRows(
        url,
        `SELECT watch.id AS item_id, mechanism.name AS mechanism FROM catalog.watches watch
           LEFT JOIN catalog.mechanisms mechanism ON mechanism.id = watch.mechanism_id ORDER BY watch.id`,
      ),
    );
  });

  it("opens a seeded coffee's discussion and takes a message in it (no ITEM_NOT_FOUND)", async () => {
    const [coffee] = await queryRows<{ id: string }>(
      url,
      `SELECT id FROM catalog.coffees ORDER BY name LIMIT 1`,
    );
    const reader = await social.user('reader');
    const discussion = await social.call<{ id: string }>(
      'GET',
      `/items/coffee/${coffee.id}/discussion`,
      reader,
    );
    expect(discussion.status, JSON.stringify(discussion.body)).toBe(200);
    const sent = await social.call('POST', `/chats/${discussion.body.id}/messages`, reader, {
      text: 'Is it fruity?',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  });

  it('gives the generated decks a card per seeded coffee whose origin is known', async () => {
    const learner = await social.user('learner');
    const deck = await social.call<{ id: string }>('POST', '/decks/generated/coffee-origins', learner);
    expect(deck.status, JSON.stringify(deck.body)).toBe(201);
    const [{ cards }] = await social.query<{ cards: number }>(
      `SELECT count(*)::int AS cards FROM social.cotask_cards WHERE deck_id = $1`,
      [deck.body.id],
    );
    const [{ known }] = await social.query<{ known: number }>(
      `SELECT count(*)::int AS known FROM social.cotask_catalog_facts
        WHERE kind = 'coffee' AND (country_code IS NOT NULL OR region IS NOT NULL)`,
    );
    expect(cards).toBe(known);
    expect(cards).toBeGreaterThan(0);
  });

  it('does not run while the mark is set; once the seed clears it, runs again and changes nothing else', async () => {
    const before = await copy();
    const [coffee] = before.filter((row) => row.kind === 'coffee');
    await queryRows(url, `DELETE FROM social.catalog_items WHERE item_id = $1`, [coffee.item_id]);
    expect(await social.service.jobs.run(JOB)).toEqual({ ran: true, result: 0 });
    expect((await copy()).length).toBe(before.length - 1);

    // `npm run seed` once more: catalog has its data already; social forgets the copy was rebuilt, and the
    // running service's next tick (SOCIAL_CATALOG_REBUILD_RETRY_MS) rebuilds it.
    await seed(catalogServiceDefinition);
    await seed(socialServiceDefinition);
    await eventually(
      async () => ((await rebuilt()) && (await copy()).length === before.length) || undefined,
      20_000,
      'the catalog copy rebuilt again',
    );
    const after = await copy();
    expect(after.find((row) => row.item_id === coffee.item_id)).toMatchObject({ name: coffee.name });
    // The other items were not written again: the same versions were no news.
    expect(after.filter((row) => row.item_id !== coffee.item_id)).toEqual(
      before.filter((row) => row.item_id !== coffee.item_id),
    );
  });

  it('retires on a rebuild the items the snapshot no longer holds, and keeps one an event brought meanwhile', async () => {
    const seller = await social.user('seller');
    const learner = await social.user('forgetful');
    const deck = await social.call<{ id: string }>('POST', '/decks/generated/coffee-origins', learner);
    expect(deck.status, JSON.stringify(deck.body)).toBe(201);
    const created = (
      kind: 'coffee' | 'listing',
      itemId: string,
      name: string,
    ): PayloadOf<'catalog.item.created.v1'> => ({
      kind,
      itemId,
      name,
      version: 1,
      changedBy: seller.id,
      changedAt: new Date().toISOString(),
      ...(kind === 'coffee' ? { facts: { countryCode: 'BR', region: 'Cerrado' } } : {}),
    });
    const publish = (payload: PayloadOf<'catalog.item.created.v1'>) =>
      social.bus.publish([
        {
          id: uuidv7(),
          topic: 'catalog.item.created.v1',
          key: payload.itemId,
          occurredAt: new Date().toISOString(),
          payload,
        },
      ]);
    // Items catalog's reset took away without events, known here from events before the reset: a coffee with
    // its card in the generated deck, a listing with its seller's activity post.
    const goneCoffee = uuidv7();
    const goneListing = uuidv7();
    await publish(created('coffee', goneCoffee, 'Gone Cerrado'));
    await publish(created('listing', goneListing, 'Gone watch'));
    await eventually(
      async () =>
        (await social.query(`SELECT 1 FROM social.cotask_cards WHERE item_id = $1`, [goneCoffee])).length >
          0 && (await social.query(`SELECT 1 FROM social.posts WHERE item_id = $1`, [goneListing])).length > 0
          ? true
          : undefined,
      10_000,
      "the gone coffee's card and the gone listing's activity post",
    );
    await queryRows(
      url,
      `UPDATE social.catalog_items SET updated_at = updated_at - interval '1 minute' WHERE item_id = ANY($1::uuid[])`,
      [[goneCoffee, goneListing]],
    );
    // A coffee created while the rebuild reads the snapshot: its event arrives after the rebuild started, and
    // the snapshot (read from catalog, which never had it) does not hold it.
    const lateCoffee = uuidv7();
    proxy.beforeNext(() => publish(created('coffee', lateCoffee, 'Late Cerrado')));

    // `npm run seed -- --reset` clears the mark (catalog-copy.seed.ts); the job rebuilds.
    await queryRows(url, `DELETE FROM social.read_model_state WHERE name = 'catalog-copy-rebuilt'`);
    expect(await social.service.jobs.run(JOB)).toMatchObject({ ran: true });
    expect(await rebuilt()).toBe(true);

    const state = await queryRows<{ item_id: string; deleted: boolean }>(
      url,
      `SELECT item_id, deleted FROM social.catalog_items WHERE item_id = ANY($1::uuid[]) ORDER BY name`,
      [[goneCoffee, goneListing, lateCoffee]],
    );
    expect(state).toEqual([
      { item_id: goneCoffee, deleted: true },
      { item_id: goneListing, deleted: true },
      { item_id: lateCoffee, deleted: false },
    ]);
    const facts = await queryRows<{ item_id: string; deleted: boolean }>(
      url,
      `SELECT item_id, deleted FROM social.cotask_catalog_facts WHERE item_id = ANY($1::uuid[]) ORDER BY name`,
      [[goneCoffee, lateCoffee]],
    );
    expect(facts).toEqual([
      { item_id: goneCoffee, deleted: true },
      { item_id: lateCoffee, deleted: false },
    ]);
    const cards = await queryRows<{ item_id: string }>(
      url,
      `SELECT item_id FROM social.cotask_cards WHERE deck_id = $1 AND item_id = ANY($2::uuid[])`,
      [deck.body.id, [goneCoffee, lateCoffee]],
    );
    expect(cards).toEqual([{ item_id: lateCoffee }]);
    expect(await queryRows(url, `SELECT 1 FROM social.posts WHERE item_id = $1`, [goneListing])).toEqual([]);
    // Every item catalog holds stays.
    const live = await queryRows<{ item_id: string }>(
      url,
      `SELECT item_id FROM social.catalog_items WHERE NOT deleted AND item_id <> $1 ORDER BY item_id`,
      [lateCoffee],
    );
    expect(live).toEqual(
      (await queryRows<{ item_id: string }>(url, CATALOG_ITEMS)).map(({ item_id }) => ({ item_id })),
    );

    const reader = await social.user('late_reader');
    const gone = await social.call('GET', `/items/coffee/${goneCoffee}/discussion`, reader);
    expect(gone.status, JSON.stringify(gone.body)).toBe(422);
    expect(gone.body).toMatchObject({ code: 'ITEM_NOT_FOUND' });
    const late = await social.call('GET', `/items/coffee/${lateCoffee}/discussion`, reader);
    expect(late.status, JSON.stringify(late.body)).toBe(200);
  });
});
