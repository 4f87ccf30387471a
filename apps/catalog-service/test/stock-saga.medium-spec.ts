import type { EventEnvelope, OrderLineV1, OrderStatus, PayloadOf, Topic } from '@agora/contracts';
import { newId } from '@agora/database';
import { atOnce, copies, queryRows, tally } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StockService } from '../src/stock/stock.service.js';
import { orderLine, orderMoved, orderPlaced } from './order-events.js';
import { startCatalogPlatform, type CatalogEvent, type CatalogPlatform } from './catalog-test-platform.js';

interface Product {
  id: string;
  stock: number | null;
  version: number;
}

interface Listing {
  id: string;
  status: string;
  soldAt: string | null;
  version: number;
}

/**
 * The stock saga in catalog-service (docs/adr/0013-stock-saga.md): product stock set by admins, every unit
 * of an order held or none (under row locks, once per event), listings sold when the order is paid or issued,
 * and units back exactly once when it ends before shipping; each change an item event with the new offer.
 */
describe('catalog-service stock saga', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let seller: string;
  const buyerId = newId();

  const line = orderLine;
  const placed = (lines: OrderLineV1[], orderId = newId()) =>
    orderPlaced(buyerId, lines, { orderId, paymentMethod: 'test_card' });
  const moved = (orderId: string, from: OrderStatus, to: OrderStatus, version: number) =>
    orderMoved(buyerId, orderId, from, to, version, 'system');

  const createProduct = async (stock: number | null): Promise<Product> => {
    const created = await platform.catalog.call<Product>('POST', '/products', {
      body: { name: `Stocked ${newId().slice(-6)}`, price: '100.00', currency: 'RUB', stock },
      token: platform.admin,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const product = async (id: string) => (await platform.catalog.call<Product>('GET', `/products/${id}`)).body;
  const createListing = async (): Promise<Listing> => {
    const created = await platform.catalog.call<Listing>('POST', '/listings', {
      body: { title: `Watch ${newId().slice(-6)}`, price: '500', currency: 'RUB', status: 'active' },
      token: seller,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const listing = async (id: string) =>
    (await platform.catalog.call<Listing>('GET', `/listings/${id}`, { token: seller })).body;
  const itemEvents = async (itemId: string): Promise<CatalogEvent[]> =>
    (await platform.events(itemId)).filter((event) => event.topic.startsWith('catalog.item.'));
  /** The event's payload, once it is checked to be on `topic`. */
  const payloadOf = <T extends Topic>(event: CatalogEvent, topic: T): PayloadOf<T> => {
    expect(event.topic).toBe(topic);
    return event.payload as unknown as PayloadOf<T>;
  };
  const answers = async (orderId: string): Promise<CatalogEvent[]> =>
    (await platform.events(orderId)).filter((event) => event.topic.startsWith('catalog.stock.'));

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'stock');
    const account = await platform.signedUp('seller');
    await platform.auth.call('PUT', `/users/${account.id}/role`, {
      body: { role: 'seller' },
      token: platform.admin,
    });
    seller = (
      await platform.auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'stock_seller', password: 'correct horse battery' },
      })
    ).body.accessToken;
  });

  afterAll(async () => {
    await platform?.close();
  });

  describe('product stock', () => {
    it('is set on create, PUT and PATCH by admins (null: not counted), and shown in the DTO, item event and snapshot', async () => {
      const created = await createProduct(40);
      expect(created.stock).toBe(40);
      const [event] = await platform.events(created.id);
      expect(event.payload).toMatchObject({ offer: { stock: 40, status: 'active', sellerId: null } });

      const patched = await platform.catalog.call<Product>('PATCH', `/products/${created.id}`, {
        body: { stock: 0 },
        token: platform.admin,
      });
      expect(patched.body.stock).toBe(0);
      const snapshot = await platform.catalog.call<{ items: { itemId: string; offer: { stock: number } }[] }>(
        'GET',
        '/internal/offers?limit=1000',
      );
      expect(snapshot.body.items.find((item) => item.itemId === created.id)?.offer.stock).toBe(0);

      const cleared = await platform.catalog.call<Product>('PATCH', `/products/${created.id}`, {
        body: { stock: null },
        token: platform.admin,
      });
      expect(cleared.body.stock).toBeNull();
      await platform.catalog.call('PATCH', `/products/${created.id}`, {
        body: { stock: 7 },
        token: platform.admin,
      });
      const replaced = await platform.catalog.call<Product>('PUT', `/products/${created.id}`, {
        body: { name: 'Replaced', price: '1.00', currency: 'RUB' },
        token: platform.admin,
      });
      expect(replaced.body.stock).toBeNull();
      // Anyone may read it; only admins set it.
      expect((await product(created.id)).stock).toBeNull();
      const refused = await platform.catalog.call('PATCH', `/products/${created.id}`, {
        body: { stock: 3 },
        token: seller,
      });
      expect(refused.status).toBe(403);
    });

    it('refuses a stock out of 0..1,000,000 or not a whole number, with a 400', async () => {
      const created = await createProduct(null);
      for (const stock of [-1, 1_000_001, 1.5, '12', true]) {
        const answer = await platform.catalog.call('PATCH', `/products/${created.id}`, {
          body: { stock },
          token: platform.admin,
        });
        expect(answer.status, JSON.stringify(stock)).toBe(400);
        expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      expect(
        (
          await platform.catalog.call<Product>('PATCH', `/products/${created.id}`, {
            body: { stock: 1_000_000 },
            token: platform.admin,
          })
        ).body.stock,
      ).toBe(1_000_000);
    });
  });

  describe('holding an order', () => {
    it('takes product stock and reserves listings, answers once, and ignores the same event redelivered', async () => {
      const mug = await createProduct(5);
      const tea = await createProduct(null);
      const watch = await createListing();
      const order = placed([
        line('product', mug.id, 2),
        line('product', tea.id, 9),
        line('listing', watch.id),
      ]);
      await platform.deliver(order);
      await platform.deliver(order);

      expect((await product(mug.id)).stock).toBe(3);
      expect((await product(tea.id)).stock).toBeNull();
      const held = await listing(watch.id);
      expect(held).toMatchObject({ status: 'reserved', version: watch.version + 1 });
      // Hidden from buyers (and search) while reserved; its seller still sees it.
      expect(
        (await platform.catalog.call('GET', `/listings/${watch.id}`, { token: platform.user })).status,
      ).toBe(404);
      const reserved = await answers(order.key);
      expect(reserved).toHaveLength(1);
      expect(reserved[0]).toMatchObject({ topic: 'catalog.stock.reserved.v1' });
      expect(payloadOf(reserved[0], 'catalog.stock.reserved.v1').items).toEqual(
        expect.arrayContaining([
          {
            kind: 'product',
            itemId: mug.id,
            quantity: 2,
            status: 'active',
            stock: 3,
            version: mug.version + 1,
          },
          {
            kind: 'product',
            itemId: tea.id,
            quantity: 9,
            status: 'active',
            stock: null,
            version: tea.version,
          },
          {
            kind: 'listing',
            itemId: watch.id,
            quantity: 1,
            status: 'active',
            stock: 0,
            version: watch.version + 1,
          },
        ]),
      );
      // Each item that changed has its item event with the new offer, naming the order it holds for.
      expect((await platform.events(mug.id)).at(-1)).toMatchObject({
        topic: 'catalog.item.updated.v1',
        payload: { version: mug.version + 1, offer: { stock: 3 }, heldForOrderId: order.key },
      });
      expect((await platform.events(watch.id)).at(-1)).toMatchObject({
        payload: {
          version: watch.version + 1,
          offer: { status: 'active', stock: 0 },
          heldForOrderId: order.key,
        },
      });
      expect(await itemEvents(tea.id)).toHaveLength(1);

      // The seller cannot move a reserved listing, nor set `reserved` themselves.
      const moveAway = await platform.catalog.call('PATCH', `/listings/${watch.id}`, {
        body: { status: 'archived' },
        token: seller,
      });
      expect(moveAway.status).toBe(409);
      expect(moveAway.body).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
      const other = await createListing();
      const setReserved = await platform.catalog.call('PATCH', `/listings/${other.id}`, {
        body: { status: 'reserved' },
        token: seller,
      });
      expect(setReserved.status).toBe(400);
    });

    it('holds nothing when one line cannot be held, and answers with every problem', async () => {
      const beans = await createProduct(3);
      const gone = await createProduct(1);
      await platform.catalog.call('PATCH', `/products/${gone.id}`, {
        body: { available: false },
        token: platform.admin,
      });
      const watch = await createListing();
      const first = placed([line('listing', watch.id)]);
      await platform.deliver(first);

      const order = placed([
        line('product', beans.id, 2),
        line('product', gone.id),
        line('listing', watch.id),
        line('product', newId()),
      ]);
      await platform.deliver(order);
      expect((await product(beans.id)).stock).toBe(3);
      expect(await itemEvents(beans.id)).toHaveLength(1);
      const [rejected] = await answers(order.key);
      expect(rejected.topic).toBe('catalog.stock.rejected.v1');
      const payload = payloadOf(rejected, 'catalog.stock.rejected.v1');
      expect(payload.problems.map((problem) => [problem.itemId, problem.reason, problem.left])).toEqual(
        expect.arrayContaining([
          [gone.id, 'not_on_sale', null],
          [watch.id, 'out_of_stock', 0],
        ]),
      );
      expect(payload.problems).toHaveLength(3);
      expect(payload.reason).toMatch(/only 0 left/);

      const tooMany = placed([line('product', beans.id, 4)]);
      await platform.deliver(tooMany);
      expect((await answers(tooMany.key))[0].payload).toMatchObject({
        problems: [{ itemId: beans.id, reason: 'out_of_stock', left: 3 }],
      });
    });

    it('holds the last unit for exactly one of 20 orders consumed at the same instant; the rest are rejected', async () => {
      const stock = platform.catalogApp.get(StockService);
      const last = await createProduct(1);
      const watch = await createListing();
      const orders = [
        ...Array.from({ length: 20 }, () => placed([line('product', last.id)])),
        ...Array.from({ length: 20 }, () => placed([line('listing', watch.id)])),
      ];
      await atOnce(copies(orders.length, (index) => stock.onOrderCreated(orders[index])));

      const topics = await Promise.all(orders.map(async (order) => (await answers(order.key))[0]?.topic));
      expect(tally(topics.slice(0, 20))).toEqual({
        'catalog.stock.reserved.v1': 1,
        'catalog.stock.rejected.v1': 19,
      });
      expect(tally(topics.slice(20))).toEqual({
        'catalog.stock.reserved.v1': 1,
        'catalog.stock.rejected.v1': 19,
      });
      expect(await product(last.id)).toMatchObject({ stock: 0, version: last.version + 1 });
      expect(await listing(watch.id)).toMatchObject({ status: 'reserved', version: watch.version + 1 });
      expect(
        await queryRows(
          adminUrl,
          `SELECT count(*)::int AS n FROM catalog.stock_holds WHERE item_id = ANY($1::uuid[])`,
          [[last.id, watch.id]],
        ),
      ).toEqual([{ n: 2 }]);
    });
  });

  describe('after the order', () => {
    it('sells a paid order’s listing, then gives every unit back exactly once when it is cancelled before shipping', async () => {
      const cups = await createProduct(10);
      const watch = await createListing();
      const order = placed([line('product', cups.id, 4), line('listing', watch.id)]);
      await platform.deliver(order);
      await platform.deliver(moved(order.key, 'created', 'paid', 2));
      const sold = await listing(watch.id);
      expect(sold.status).toBe('sold');
      expect(sold.soldAt).not.toBeNull();
      expect((await product(cups.id)).stock).toBe(6);

      const cancel = moved(order.key, 'paid', 'cancelled', 3);
      const refund = moved(order.key, 'cancelled', 'refunded', 4);
      await platform.deliver(cancel, cancel, refund);
      await platform.deliver(cancel);
      await atOnce(
        copies(5, () =>
          platform.catalogApp
            .get(StockService)
            .onOrderStatusChanged(moved(order.key, 'paid', 'cancelled', 3)),
        ),
      );

      expect((await product(cups.id)).stock).toBe(10);
      expect(await listing(watch.id)).toMatchObject({ status: 'active', soldAt: null });
      const released = (await answers(order.key)).filter(
        (event) => event.topic === 'catalog.stock.released.v1',
      );
      expect(released).toHaveLength(1);
      expect(payloadOf(released[0], 'catalog.stock.released.v1').items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ itemId: cups.id, quantity: 4, stock: 10 }),
          expect.objectContaining({ itemId: watch.id, status: 'active', stock: 1 }),
        ]),
      );
      // The product: created, held, released; the listing: created, reserved, sold, active again.
      expect(await itemEvents(cups.id)).toHaveLength(3);
      expect((await itemEvents(watch.id)).map((event) => event.payload.offer)).toEqual([
        expect.objectContaining({ status: 'active', stock: 1 }),
        expect.objectContaining({ status: 'active', stock: 0 }),
        expect.objectContaining({ status: 'sold', stock: 0 }),
        expect.objectContaining({ status: 'active', stock: 1 }),
      ]);
    });

    it('sells a cash-on-delivery order when issued, and keeps it sold through a refund after shipping', async () => {
      const watch = await createListing();
      const order = placed([line('listing', watch.id)]);
      await platform.deliver(order);
      await platform.deliver(
        moved(order.key, 'created', 'in_stock', 2),
        moved(order.key, 'in_stock', 'in_transit', 3),
      );
      expect((await listing(watch.id)).status).toBe('reserved');
      await platform.deliver(moved(order.key, 'with_courier', 'issued', 5));
      expect((await listing(watch.id)).status).toBe('sold');
      await platform.deliver(moved(order.key, 'issued', 'refunded', 6));
      expect((await listing(watch.id)).status).toBe('sold');
      expect((await answers(order.key)).map((event) => event.topic)).toEqual(['catalog.stock.reserved.v1']);
    });

    it('applies a cancellation that arrives before its order: the units are held and given back at once', async () => {
      const cakes = await createProduct(2);
      const orderId = newId();
      await platform.deliver(moved(orderId, 'created', 'cancelled', 2));
      await platform.deliver(placed([line('product', cakes.id, 2)], orderId));
      expect((await product(cakes.id)).stock).toBe(2);
      expect((await answers(orderId)).map((event) => event.topic)).toEqual([
        'catalog.stock.reserved.v1',
        'catalog.stock.released.v1',
      ]);
      // A rejected order has nothing to give back.
      const rejected = placed([line('product', cakes.id, 3)]);
      await platform.deliver(rejected, moved(rejected.key, 'created', 'cancelled', 2));
      expect((await product(cakes.id)).stock).toBe(2);
      expect((await answers(rejected.key)).map((event) => event.topic)).toEqual([
        'catalog.stock.rejected.v1',
      ]);
    });

    it('dead-letters an order event that does not fit its schema', async () => {
      const before = platform.deadLetters().length;
      await platform.deliver({
        ...placed([line('product', newId())]),
        payload: { orderId: 'x' },
      } as EventEnvelope);
      // One dead letter per consuming service here: catalog's, and auth-service's (it mails about orders).
      const dead = platform.deadLetters().slice(before);
      expect(dead).toHaveLength(2);
      expect(new Set(dead.map((letter) => letter.topic))).toEqual(new Set(['order.order.created.v1.dlq']));
    });
  });
});
