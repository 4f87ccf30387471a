import { SERVICES } from '@agora/contracts';
import { createServiceDataSource } from '@agora/database';
import type { ServiceDefinition } from '@agora/runtime';
import {
  createIsolatedDatabase,
  eventually,
  freePort,
  provisionAllServices,
  queryRows,
  serviceDatabaseUrl,
  startServicesInProcess,
  type InProcessServices,
} from '@agora/testing';
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
    social = await startSocialPlatform(url, 'cc', {
      CATALOG_URL: `http://127.0.0.1:${catalogPort}`,
      SOCIAL_CATALOG_REBUILD_RETRY_MS: '1000',
    });
  }, 180_000);

  afterAll(async () => {
    await social?.close();
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
});
