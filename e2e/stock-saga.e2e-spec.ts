import { eventually, queryRows, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi, type Answer } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Order {
  id: string;
  status: string;
  cancelReason: string | null;
  transitions?: { to: string; actorRole: string; actorId: string | null }[];
}

interface CartLine {
  id: string;
  itemId: string;
  quantity: number;
  available: boolean;
  unavailableReason: string | null;
}

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };

/**
 * The stock saga through `npm start`'s gateway (docs/adr/0013-stock-saga.md): catalog holds the units of every
 * order placed, marks a listing sold once its order is issued (cash on delivery), gives units back when an
 * order is cancelled, and takes a product's stock down as orders come; order-service's carts and checkouts
 * follow, and an order catalog cannot hold is cancelled by the system.
 */
describe('stock saga through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let admin: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let sam: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  /** Waits until `check` gives something, polling. */
  const until = <T>(what: string, check: () => Promise<T | undefined>) => eventually(check, 20_000, what);
  /** Waits until order-service knows the item at least at `version`. */
  const known = (itemId: string, version = 1) =>
    until(`order-service to know ${itemId}`, async () =>
      (
        await queryRows(
          platform.adminUrl,
          `SELECT 1 FROM orders.offers WHERE item_id = $1 AND version >= $2`,
          [itemId, version],
        )
      ).length > 0
        ? true
        : undefined,
    );
  /** Waits until the answer to `request` has this status, and gives it. */
  const answered = <T>(status: number, request: () => Promise<Answer<T>>) =>
    until(`a ${status}`, async () => {
      const answer = await request();
      return answer.status === status ? answer : undefined;
    });
  const listing = async (title: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/listings', sam, {
      title,
      price: '3000',
      currency: 'RUB',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await known(created.body.id);
    return created.body.id;
  };
  const order = async (buyer: SignedInUser, itemId: string, kind: string, quantity = 1): Promise<Order> => {
    const placed = await call<{ orders: Order[] }>('POST', '/order', buyer, {
      address: SHIP_TO,
      paymentMethod: 'cash_on_delivery',
      items: [{ itemId, kind, quantity }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    return placed.body.orders[0];
  };
  const listingStatus = (id: string, user?: SignedInUser) =>
    call<{ status: string; soldAt: string | null }>('GET', `/listings/${id}`, user);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'stocksaga', { env: adminEnv(inbox) });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    ann = await users.withRole('st_ann');
    bob = await users.withRole('st_bob');
    sam = await users.withRole('st_sam', 'seller');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('reserves a bought listing in catalog, sells it once the order is issued, and it cannot go in a cart again', async () => {
    const watch = await listing('Saga Seamaster');
    const placed = await order(ann, watch, 'listing');

    // catalog holds it for the order: hidden from buyers, reserved for its seller; no second buyer gets it.
    await answered(404, () => listingStatus(watch, bob));
    expect((await listingStatus(watch, sam)).body.status).toBe('reserved');
    expectProblem(await call('POST', '/cart', bob, { itemId: watch, kind: 'listing' }), 409, 'OUT_OF_STOCK');

    for (const status of ['in_stock', 'in_transit', 'with_courier', 'issued']) {
      const moved = await call<Order>('POST', `/orders/${placed.id}/status`, sam, { status });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const sold = await until('the listing sold', async () => {
      const shown = await listingStatus(watch);
      return shown.body.status === 'sold' ? shown.body : undefined;
    });
    expect(sold.soldAt).not.toBeNull();
    const refused = await answered(409, () => call('POST', '/cart', bob, { itemId: watch, kind: 'listing' }));
    expectProblem(refused, 409, 'ITEM_UNAVAILABLE');
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT status, stock, reserved FROM orders.offers WHERE item_id = $1`,
        [watch],
      ),
    ).toEqual([{ status: 'sold', stock: 0, reserved: 0 }]);
  });

  it('puts a listing back on sale when its order is cancelled, for the next buyer', async () => {
    const watch = await listing('Saga Speedmaster');
    const placed = await order(ann, watch, 'listing');
    await answered(404, () => listingStatus(watch, bob));

    const cancelled = await call<Order>('POST', `/orders/${placed.id}/status`, ann, {
      status: 'cancelled',
      reason: 'found it cheaper',
    });
    expect(cancelled.body.status).toBe('cancelled');
    await answered(200, () => listingStatus(watch, bob));
    expect((await listingStatus(watch, bob)).body.status).toBe('active');
    await answered(201, () => call('POST', '/cart', bob, { itemId: watch, kind: 'listing' }));
    const next = await order(bob, watch, 'listing');
    expect(next.status).toBe('created');
  });

  it('takes a product’s stock down as orders come, and the cart flags it when too little is left', async () => {
    const created = await call<{ id: string; stock: number }>('POST', '/product', admin, {
      name: 'Saga cold brew',
      price: '300',
      currency: 'RUB',
      stock: 3,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.stock).toBe(3);
    const brew = created.body.id;
    await known(brew);
    const line = (await call<CartLine>('POST', '/cart', bob, { itemId: brew, kind: 'product', quantity: 2 }))
      .body;

    await order(ann, brew, 'product', 2);
    await until('catalog stock 1', async () =>
      (await call<{ stock: number }>('GET', `/product/${brew}`)).body.stock === 1 ? true : undefined,
    );
    const flagged = await call<{ lines: CartLine[]; needsReview: boolean }>('GET', '/cart', bob);
    expect(flagged.body.lines.find((each) => each.id === line.id)).toMatchObject({
      available: false,
      unavailableReason: 'out_of_stock',
    });
    expectProblem(
      await call('POST', '/order', bob, { address: SHIP_TO, paymentMethod: 'cash_on_delivery' }),
      409,
      'OUT_OF_STOCK',
    );

    await order(ann, brew, 'product', 1);
    await until('catalog stock 0', async () =>
      (await call<{ stock: number }>('GET', `/product/${brew}`)).body.stock === 0 ? true : undefined,
    );
    // Fewer units are refused too, saying how many are left; the cart line stays flagged.
    const fewer = await call('PATCH', `/cart/${line.id}`, bob, { quantity: 1 });
    expectProblem(fewer, 409, 'OUT_OF_STOCK');
    expect(fewer.body).toMatchObject({ left: 0 });
    const empty = await call<{ lines: CartLine[] }>('GET', '/cart', bob);
    expect(empty.body.lines.find((each) => each.id === line.id)).toMatchObject({
      quantity: 2,
      available: false,
      unavailableReason: 'out_of_stock',
    });
    // Each unit counted once: catalog's stock, nothing left held in order-service.
    await until('order-service to follow', async () => {
      const [offer] = await queryRows<{ stock: number; reserved: number }>(
        platform.adminUrl,
        `SELECT stock, reserved FROM orders.offers WHERE item_id = $1`,
        [brew],
      );
      return offer.stock === 0 && offer.reserved === 0 ? offer : undefined;
    });
  });

  it('cancels an order catalog cannot hold, as the system, and says why', async () => {
    const created = await call<{ id: string }>('POST', '/product', admin, {
      name: 'Saga last croissant',
      price: '150',
      currency: 'RUB',
      stock: 1,
    });
    const croissant = created.body.id;
    await known(croissant);
    // Catalog's shelf emptied before order-service heard of it (as if the item event were still on its way).
    await queryRows(platform.adminUrl, `UPDATE catalog.products SET stock = 0 WHERE id = $1`, [croissant]);

    const placed = await order(ann, croissant, 'product');
    const cancelled = await until('the order cancelled', async () => {
      const shown = await call<Order>('GET', `/order/${placed.id}`, ann);
      return shown.body.status === 'cancelled' ? shown.body : undefined;
    });
    expect(cancelled.cancelReason).toMatch(/only 0 left/);
    expect(cancelled.transitions?.at(-1)).toMatchObject({
      to: 'cancelled',
      actorRole: 'system',
      actorId: null,
    });
    expect((await call<{ stock: number }>('GET', `/product/${croissant}`)).body.stock).toBe(0);
  });
});
