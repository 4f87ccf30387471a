import type { EventEnvelope, PayloadOf, StockItemV1, Topic } from '@agora/contracts';
import {
  atOnce,
  AuthTestClient,
  copies,
  provisionAllServices,
  queryRows,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { orderServiceDefinition } from '../src/order-service.definition.js';
import { StockSagaService } from '../src/stock/stock-saga.service.js';

interface Order {
  id: string;
  status: string;
  cancelReason: string | null;
  version: number;
  transitions?: { to: string; actorRole: string; actorId: string | null; reason: string | null }[];
}

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };

/**
 * order-service's side of the stock saga (docs/adr/0013-stock-saga.md) on real PostgreSQL, with catalog's
 * answers delivered on the in-process bus: an order's units are held in the read model until catalog answers;
 * its confirmation (or the hold's item event, whichever comes first) applies catalog's stock and ends the holds
 * in one transaction, so what is left never counts a unit twice nor drops one; a rejection cancels the order as
 * `system` with catalog's reason, once.
 */
describe('order-service stock saga', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: InProcessServices;
  let inbox: SmtpInbox;
  let order: AuthTestClient;
  let buyer: string;

  const envelope = <T extends Topic>(topic: T, key: string, payload: PayloadOf<T>): EventEnvelope<T> => ({
    id: uuidv7(),
    topic,
    key,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const productEvent = (itemId: string, version: number, stock: number | null, heldForOrderId?: string) =>
    envelope(version === 1 ? 'catalog.item.created.v1' : 'catalog.item.updated.v1', itemId, {
      kind: 'product',
      itemId,
      name: 'Saga beans',
      version,
      changedBy: uuidv7(),
      changedAt: new Date().toISOString(),
      offer: { sellerId: null, status: 'active', price: '10.00', currency: 'RUB', stock },
      ...(heldForOrderId ? { heldForOrderId } : {}),
    });
  const item = (itemId: string, quantity: number, stock: number | null, version: number): StockItemV1 => ({
    kind: 'product',
    itemId,
    quantity,
    status: 'active',
    stock,
    version,
  });
  const reserved = (orderId: string, items: StockItemV1[]) =>
    envelope('catalog.stock.reserved.v1', orderId, { orderId, items, reservedAt: new Date().toISOString() });
  const rejected = (orderId: string, itemId: string) =>
    envelope('catalog.stock.rejected.v1', orderId, {
      orderId,
      problems: [{ kind: 'product', itemId, reason: 'out_of_stock', left: 0 }],
      reason: 'Saga beans: only 0 left',
      rejectedAt: new Date().toISOString(),
    });

  const offer = async (itemId: string) =>
    (
      await queryRows<{ stock: number | null; reserved: number; version: number }>(
        adminUrl,
        `SELECT stock, reserved, version FROM orders.offers WHERE item_id = $1`,
        [itemId],
      )
    )[0];
  const holds = (orderId: string) =>
    queryRows<{ item_id: string; quantity: number }>(
      adminUrl,
      `SELECT item_id, quantity FROM orders.offer_holds WHERE order_id = $1`,
      [orderId],
    );
  /** A product catalog counts `stock` units of, as order-service knows it. */
  const product = async (stock: number | null): Promise<string> => {
    const itemId = uuidv7();
    await platform.bus.publish([productEvent(itemId, 1, stock)]);
    return itemId;
  };
  const checkout = async (itemId: string, quantity: number): Promise<Order> => {
    const placed = await order.call<{ orders: Order[] }>('POST', '/orders', {
      body: {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId, kind: 'product', quantity }],
      },
      token: buyer,
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    return placed.body.orders[0];
  };
  const read = async (orderId: string) =>
    (await order.call<Order>('GET', `/orders/${orderId}`, { token: buyer })).body;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition, orderServiceDefinition], {
      SMTP_URL: inbox.url,
      CATALOG_URL: 'http://127.0.0.1:9',
    });
    const auth = new AuthTestClient(platform.services.auth.url, inbox);
    order = new AuthTestClient(platform.services.order.url, inbox);
    buyer = (await auth.signedIn(`saga_buyer_${process.pid}`)).accessToken;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('holds the units at checkout, then takes catalog’s stock and ends the hold in one step, once', async () => {
    const beans = await product(3);
    const placed = await checkout(beans, 2);
    expect(await offer(beans)).toEqual({ stock: 3, reserved: 2, version: 1 });
    expect(await holds(placed.id)).toEqual([{ item_id: beans, quantity: 2 }]);
    // No more than is left: one.
    const refused = await order.call('POST', '/orders', {
      body: {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId: beans, kind: 'product', quantity: 2 }],
      },
      token: buyer,
    });
    expect(refused.body).toMatchObject({ code: 'OUT_OF_STOCK', left: 1 });

    const answer = reserved(placed.id, [item(beans, 2, 1, 2)]);
    await platform.bus.publish([answer, answer]);
    expect(await offer(beans)).toEqual({ stock: 1, reserved: 0, version: 2 });
    expect(await holds(placed.id)).toEqual([]);
    // The hold's own item event, late: the same version again, the hold already ended.
    await platform.bus.publish([productEvent(beans, 2, 1, placed.id)]);
    expect(await offer(beans)).toEqual({ stock: 1, reserved: 0, version: 2 });
    // A later answer's stock applies; an older item event does not.
    await platform.bus.publish([productEvent(beans, 1, 3)]);
    expect(await offer(beans)).toEqual({ stock: 1, reserved: 0, version: 2 });
  });

  it('ends the hold with the item event of the hold when it comes before catalog’s answer', async () => {
    const beans = await product(5);
    const placed = await checkout(beans, 2);
    await platform.bus.publish([productEvent(beans, 2, 3, placed.id)]);
    expect(await offer(beans)).toEqual({ stock: 3, reserved: 0, version: 2 });
    await platform.bus.publish([reserved(placed.id, [item(beans, 2, 3, 2)])]);
    expect(await offer(beans)).toEqual({ stock: 3, reserved: 0, version: 2 });
    // An admin's stock edit is not a hold: it ends none.
    const other = await checkout(beans, 1);
    await platform.bus.publish([productEvent(beans, 3, 10)]);
    expect(await offer(beans)).toEqual({ stock: 10, reserved: 1, version: 3 });
    expect(await holds(other.id)).toHaveLength(1);
  });

  it('keeps the units held when the buyer cancels, until catalog answers; catalog’s release brings them back', async () => {
    const beans = await product(2);
    const placed = await checkout(beans, 2);
    const cancelled = await order.call<Order>('POST', `/orders/${placed.id}/status`, {
      body: { status: 'cancelled' },
      token: buyer,
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await offer(beans)).toEqual({ stock: 2, reserved: 2, version: 1 });
    await platform.bus.publish([reserved(placed.id, [item(beans, 2, 0, 2)])]);
    expect(await offer(beans)).toEqual({ stock: 0, reserved: 0, version: 2 });
    await platform.bus.publish([
      envelope('catalog.stock.released.v1', placed.id, {
        orderId: placed.id,
        items: [item(beans, 2, 2, 3)],
        releasedAt: new Date().toISOString(),
      }),
    ]);
    expect(await offer(beans)).toEqual({ stock: 2, reserved: 0, version: 3 });
  });

  it('cancels an order catalog could not hold, as system with the reason, once, and ends its holds', async () => {
    const beans = await product(null);
    const placed = await checkout(beans, 4);
    expect(await offer(beans)).toMatchObject({ reserved: 4 });
    const answer = rejected(placed.id, beans);
    await platform.bus.publish([answer, answer]);
    await platform.bus.publish([rejected(placed.id, beans)]);

    const now = await read(placed.id);
    expect(now).toMatchObject({ status: 'cancelled', cancelReason: 'Not in stock: Saga beans: only 0 left' });
    expect(now.transitions?.filter((step) => step.to === 'cancelled')).toEqual([
      expect.objectContaining({ actorRole: 'system', actorId: null }),
    ]);
    expect(await offer(beans)).toMatchObject({ reserved: 0 });
    expect(await holds(placed.id)).toEqual([]);
    const events = await queryRows<{ payload: { to: string; actorRole: string } }>(
      adminUrl,
      `SELECT payload FROM orders.outbox WHERE key = $1 AND topic = 'order.order.status-changed.v1'`,
      [placed.id],
    );
    expect(events.map((event) => [event.payload.to, event.payload.actorRole])).toEqual([
      ['cancelled', 'system'],
    ]);
  });

  it('cancels once when catalog’s rejection meets the buyer’s cancellation', async () => {
    const saga = platform.services.order.app.get(StockSagaService);
    const beans = await product(9);
    const placed = await checkout(beans, 1);
    const answers = await atOnce<unknown>([
      ...copies(5, () => saga.onRejected(rejected(placed.id, beans))),
      () =>
        order.call('POST', `/orders/${placed.id}/status`, {
          body: { status: 'cancelled', reason: 'changed my mind' },
          token: buyer,
        }),
    ]);
    expect(answers).toHaveLength(6);
    const now = await read(placed.id);
    expect(now.status).toBe('cancelled');
    expect(now.transitions?.filter((step) => step.to === 'cancelled')).toHaveLength(1);
    expect(await offer(beans)).toMatchObject({ reserved: 0 });
  });

  it('leaves an order that moved past cancelling alone when a rejection comes late', async () => {
    const beans = await product(null);
    const placed = await checkout(beans, 1);
    await queryRows(adminUrl, `UPDATE orders.orders SET status = 'in_transit' WHERE id = $1`, [placed.id]);
    await platform.bus.publish([rejected(placed.id, beans)]);
    expect((await read(placed.id)).status).toBe('in_transit');
    expect(await holds(placed.id)).toEqual([]);
  });
});
