import type { EventEnvelope, PayloadOf, Topic } from '@agora/contracts';
import {
  AuthTestClient,
  eventually,
  provisionAllServices,
  queryRows,
  startPausingProxy,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type PausingProxy,
  type SmtpInbox,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { catalogServiceDefinition } from '../../catalog-service/src/catalog-service.definition.js';
import { orderServiceDefinition } from '../src/order-service.definition.js';

interface OfferRow {
  item_id: string;
  kind: string;
  title: string;
  seller_id: string | null;
  status: string;
  price_minor: string;
  currency: string;
  stock: number | null;
  reserved: number;
  version: number;
  deleted: boolean;
}

const ADMIN = { email: 'om_admin@example.com', login: 'om_admin', password: 'orders admin passphrase' };

/**
 * order-service's read model of what can be bought: kept from catalog's item and price events (each once,
 * newest version wins, tombstones stay, payloads that do not fit are dead-lettered), and rebuilt from
 * catalog's `/internal/offers` snapshot, page by page, when it was never built.
 */
describe('order-service offers read model', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;

  const envelope = <T extends Topic>(topic: T, payload: PayloadOf<T>): EventEnvelope => ({
    id: uuidv7(),
    topic,
    key: (payload as { itemId: string }).itemId,
    occurredAt: new Date().toISOString(),
    payload,
  });

  const offer = async (itemId: string) =>
    (await queryRows<OfferRow>(adminUrl, `SELECT * FROM orders.offers WHERE item_id = $1`, [itemId]))[0];

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
  });

  afterAll(async () => {
    await inbox?.close();
  });

  describe('from catalog events', () => {
    let platform: InProcessServices;
    const changed = (
      itemId: string,
      version: number,
      extra: Partial<PayloadOf<'catalog.item.updated.v1'>> = {},
    ): PayloadOf<'catalog.item.updated.v1'> => ({
      kind: 'listing',
      itemId,
      name: `Watch v${version}`,
      version,
      changedBy: uuidv7(),
      changedAt: new Date().toISOString(),
      offer: { sellerId: SELLER, status: 'active', price: '1250.50', currency: 'rub', stock: 1 },
      ...extra,
    });
    const SELLER = uuidv7();

    beforeAll(async () => {
      platform = await startServicesInProcess(adminUrl, [orderServiceDefinition], {
        CATALOG_URL: 'http://127.0.0.1:9',
      });
    }, 60_000);

    afterAll(async () => {
      await platform?.close();
    });

    it('keeps a listing from its item event: title, seller, status, price in minor units, stock', async () => {
      const itemId = uuidv7();
      await platform.bus.publish([envelope('catalog.item.created.v1', changed(itemId, 1))]);
      expect(await offer(itemId)).toMatchObject({
        kind: 'listing',
        title: 'Watch v1',
        seller_id: SELLER,
        status: 'active',
        price_minor: '125050',
        currency: 'RUB',
        stock: 1,
        reserved: 0,
        version: 1,
        deleted: false,
      });
    });

    it('applies the newest version only, a price change on the known offer, and an event once', async () => {
      const itemId = uuidv7();
      const update = envelope('catalog.item.updated.v1', changed(itemId, 3));
      await platform.bus.publish([envelope('catalog.item.created.v1', changed(itemId, 1)), update]);
      await platform.bus.publish([envelope('catalog.item.updated.v1', changed(itemId, 2))]);
      expect(await offer(itemId)).toMatchObject({ title: 'Watch v3', version: 3 });

      await platform.bus.publish([
        envelope('catalog.price.changed.v1', {
          kind: 'listing',
          itemId,
          name: 'Watch v4',
          price: '99.99',
          currency: 'EUR',
          previousPrice: '1250.50',
          previousCurrency: 'RUB',
          version: 4,
          changedAt: new Date().toISOString(),
        }),
      ]);
      expect(await offer(itemId)).toMatchObject({ title: 'Watch v4', price_minor: '9999', currency: 'EUR' });

      // A redelivered event changes nothing, even where its version would still apply.
      await queryRows(adminUrl, `UPDATE orders.offers SET version = 0 WHERE item_id = $1`, [itemId]);
      await platform.bus.publish([update]);
      expect(await offer(itemId)).toMatchObject({ title: 'Watch v4', version: 0 });
    });

    it('keeps a deleted item deleted whatever arrives later, and ignores kinds that are not for sale', async () => {
      const itemId = uuidv7();
      await platform.bus.publish([
        envelope('catalog.item.created.v1', changed(itemId, 1)),
        envelope('catalog.item.deleted.v1', {
          kind: 'listing',
          itemId,
          deletedBy: uuidv7(),
          deletedAt: new Date().toISOString(),
        }),
        envelope('catalog.item.updated.v1', changed(itemId, 9)),
      ]);
      expect(await offer(itemId)).toMatchObject({ deleted: true, status: 'inactive', version: 1 });

      const coffeeId = uuidv7();
      await platform.bus.publish([
        envelope('catalog.item.created.v1', { ...changed(coffeeId, 1), kind: 'coffee', offer: undefined }),
      ]);
      expect(await offer(coffeeId)).toBeUndefined();
    });

    it('dead-letters an offer that does not fit its contract, and keeps nothing of it', async () => {
      const itemId = uuidv7();
      const poison = envelope('catalog.item.created.v1', {
        ...changed(itemId, 1),
        offer: { sellerId: SELLER, status: 'for sale', price: 'cheap', currency: 'RUB', stock: -1 },
      } as unknown as PayloadOf<'catalog.item.created.v1'>);
      await platform.bus.publish([poison]);
      expect(platform.bus.deadLetters.map((letter) => letter.event.id)).toContain(poison.id);
      expect(await offer(itemId)).toBeUndefined();
    });
  });

  describe("from catalog's snapshot", () => {
    let catalogSide: InProcessServices;
    let orderSide: InProcessServices | undefined;
    let catalogUrl: string;
    /** order-service's way to catalog, where a spec steps in while the snapshot is read. */
    let proxy: PausingProxy;
    let token: string;
    const created: string[] = [];

    beforeAll(async () => {
      catalogSide = await startServicesInProcess(
        adminUrl,
        [authServiceDefinition, catalogServiceDefinition],
        {
          SMTP_URL: inbox.url,
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_LOGIN: ADMIN.login,
          ADMIN_PASSWORD: ADMIN.password,
        },
      );
      catalogUrl = catalogSide.services.catalog.url;
      proxy = await startPausingProxy(catalogUrl);
      const auth = new AuthTestClient(catalogSide.services.auth.url, inbox);
      const signedIn = await auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: ADMIN.login, password: ADMIN.password },
      });
      token = signedIn.body.accessToken;
      const catalog = new AuthTestClient(catalogUrl, inbox);
      for (const [index, price] of ['250', '300.5', '10'].entries()) {
        const product = await catalog.call<{ id: string }>('POST', '/products', {
          token,
          body: { name: `Snapshot latte ${index}`, price, currency: 'RUB', available: index !== 2 },
        });
        expect(product.status, JSON.stringify(product.body)).toBe(201);
        created.push(product.body.id);
      }
      for (const status of ['active', 'draft']) {
        const listing = await catalog.call<{ id: string }>('POST', '/listings', {
          token,
          body: { title: `Snapshot watch ${status}`, price: '1000', currency: 'EUR', status },
        });
        expect(listing.status, JSON.stringify(listing.body)).toBe(201);
        created.push(listing.body.id);
      }
    }, 120_000);

    afterAll(async () => {
      await orderSide?.close();
      await proxy?.close();
      await catalogSide?.close();
    });

    it('pages through every priced item by cursor, and refuses a cursor it did not give', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const response = await fetch(`${catalogUrl}/internal/offers?limit=2${query}`);
        expect(response.status).toBe(200);
        const page = (await response.json()) as { items: { itemId: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.itemId));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(seen).toEqual(expect.arrayContaining(created));
      expect(new Set(seen).size).toBe(seen.length);

      const bad = await fetch(`${catalogUrl}/internal/offers?cursor=bm9wZQ`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('rebuilds an empty read model from the snapshot at start, without any event', async () => {
      // As on a fresh schema (when this file runs alone, migrations have not run yet).
      await queryRows(
        adminUrl,
        `DO $$ BEGIN IF to_regclass('orders.offers') IS NOT NULL THEN
           TRUNCATE orders.offers, orders.read_model_state; END IF; END $$`,
      );
      // Its own bus: nothing catalog publishes reaches this order-service.
      orderSide = await startServicesInProcess(adminUrl, [orderServiceDefinition], {
        CATALOG_URL: proxy.url,
        JWKS_URL: `${catalogSide.services.auth.url}/.well-known/jwks.json`,
      });
      await eventually(
        async () =>
          (await queryRows(adminUrl, `SELECT 1 FROM orders.read_model_state WHERE name = 'offers-rebuilt'`))
            .length > 0 || undefined,
        20_000,
        'the offers rebuilt',
      );
      const rows = await queryRows<OfferRow>(
        adminUrl,
        `SELECT * FROM orders.offers WHERE item_id = ANY($1::uuid[]) ORDER BY title`,
        [created],
      );
      expect(
        rows.map((row) => [row.title, row.kind, row.status, row.price_minor, row.currency, row.stock]),
      ).toEqual([
        ['Snapshot latte 0', 'product', 'active', '25000', 'RUB', null],
        ['Snapshot latte 1', 'product', 'active', '30050', 'RUB', null],
        ['Snapshot latte 2', 'product', 'inactive', '1000', 'RUB', null],
        ['Snapshot watch active', 'listing', 'active', '100000', 'EUR', 1],
        ['Snapshot watch draft', 'listing', 'inactive', '100000', 'EUR', 1],
      ]);
      expect(rows.find((row) => row.kind === 'product')?.seller_id).toBeNull();
      expect(rows.find((row) => row.kind === 'listing')?.seller_id).toEqual(expect.any(String));
    });

    it('retires on a rebuild the offers the snapshot no longer holds, and keeps one an event brought meanwhile', async () => {
      const order = orderSide!;
      const SELLER = uuidv7();
      const createdEvent = (itemId: string, kind: 'product' | 'listing', name: string) =>
        envelope('catalog.item.created.v1', {
          kind,
          itemId,
          name,
          version: 1,
          changedBy: SELLER,
          changedAt: new Date().toISOString(),
          offer: {
            sellerId: kind === 'listing' ? SELLER : null,
            status: 'active',
            price: '500',
            currency: 'RUB',
            stock: kind === 'listing' ? 1 : null,
          },
        });
      // Offers of items catalog's reset took away without events: known from events before the reset.
      const goneListing = uuidv7();
      const goneProduct = uuidv7();
      await order.bus.publish([
        createdEvent(goneListing, 'listing', 'Gone watch'),
        createdEvent(goneProduct, 'product', 'Gone latte'),
      ]);
      await queryRows(
        adminUrl,
        `UPDATE orders.offers SET updated_at = updated_at - interval '1 minute' WHERE item_id = ANY($1::uuid[])`,
        [[goneListing, goneProduct]],
      );
      const buyer = uuidv7();
      await queryRows(
        adminUrl,
        `INSERT INTO orders.favourites (id, buyer_id, listing_id) VALUES ($1, $2, $3)`,
        [uuidv7(), buyer, goneListing],
      );
      // An item created while the rebuild reads the snapshot: its event arrives after the rebuild started, and
      // the snapshot (read from catalog, which never had it) does not hold it.
      const late = uuidv7();
      proxy.beforeNext(() => order.bus.publish([createdEvent(late, 'listing', 'Late watch')]));

      // `npm run seed -- --reset` clears the mark (offers.seed.ts); the job rebuilds.
      await queryRows(adminUrl, `DELETE FROM orders.read_model_state WHERE name = 'offers-rebuilt'`);
      expect(await order.services.order.jobs.run('order.rebuild-offers')).toMatchObject({ ran: true });
      expect(
        await queryRows(adminUrl, `SELECT 1 FROM orders.read_model_state WHERE name = 'offers-rebuilt'`),
      ).toHaveLength(1);

      expect(await offer(goneListing)).toMatchObject({ deleted: true, status: 'inactive' });
      expect(await offer(goneProduct)).toMatchObject({ deleted: true, status: 'inactive' });
      expect(await offer(late)).toMatchObject({ deleted: false, status: 'active', title: 'Late watch' });
      const kept = await queryRows<OfferRow>(
        adminUrl,
        `SELECT * FROM orders.offers WHERE item_id = ANY($1::uuid[])`,
        [created],
      );
      expect(kept.map((row) => row.deleted)).toEqual(created.map(() => false));
      expect(
        await queryRows(adminUrl, `SELECT 1 FROM orders.favourites WHERE listing_id = $1`, [goneListing]),
      ).toEqual([]);

      // A retired offer is refused at the cart; the late one is on sale.
      const addToCart = (itemId: string, kind: 'product' | 'listing') =>
        fetch(`${order.services.order.url}/cart`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ itemId, kind, quantity: 1 }),
        });
      const refused = await addToCart(goneProduct, 'product');
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: 'ITEM_NOT_FOUND' });
      expect((await addToCart(goneListing, 'listing')).status).toBe(422);
      const added = await addToCart(late, 'listing');
      expect(added.status, await added.clone().text()).toBe(201);
    });
  });
});
