import type { EventEnvelope, OrderStatus, OrderStatusChangedV1 } from '@agora/contracts';
import { atOnce, copies } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Notification {
  id: string;
  kind: string;
  actorId: string | null;
  orderId: string | null;
  orderStatus: string | null;
  readAt: string | null;
}

interface Page<T> {
  items: T[];
}

/**
 * order-service's events as social notifications on real PostgreSQL: the seller of a new order and the buyer
 * of each move are told once per event however often it is delivered; a buyer who moved it, a buyer social
 * does not know, and the shop menu's orders (no seller) make none; blocks and mutes do not hide orders.
 */
describe('social-service: order notifications', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let buyer: SocialUser;
  let seller: SocialUser;

  const envelope = <T extends 'order.order.created.v1' | 'order.order.status-changed.v1'>(
    topic: T,
    orderId: string,
    payload: EventEnvelope<T>['payload'],
  ): EventEnvelope<T> => ({
    id: uuidv7(),
    topic,
    key: orderId,
    occurredAt: new Date().toISOString(),
    payload,
  });

  const created = (orderId: string, buyerId: string, sellerId: string | null) =>
    envelope('order.order.created.v1', orderId, {
      orderId,
      checkoutId: uuidv7(),
      buyerId,
      sellerId,
      paymentMethod: 'cash_on_delivery',
      currency: 'RUB',
      totalMinor: 30000,
      lines: [{ itemId: uuidv7(), kind: 'listing', title: 'Watch', quantity: 1, unitPriceMinor: 30000 }],
      createdAt: new Date().toISOString(),
    });

  const moved = (
    orderId: string,
    buyerId: string,
    to: OrderStatus,
    actor: Pick<OrderStatusChangedV1, 'actorId' | 'actorRole'>,
  ) =>
    envelope('order.order.status-changed.v1', orderId, {
      orderId,
      buyerId,
      sellerId: seller.id,
      from: 'created',
      to,
      ...actor,
      reason: to === 'cancelled' ? 'Changed my mind' : null,
      version: 2,
      changedAt: new Date().toISOString(),
    });

  const ofOrder = async (user: SocialUser, orderId: string) =>
    (await social.call<Page<Notification>>('GET', '/notifications?limit=100', user)).body.items.filter(
      (notification) => notification.orderId === orderId,
    );

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'on');
    buyer = await social.user('buyer');
    seller = await social.user('seller');
  }, 120_000);

  afterAll(async () => {
    await social?.close();
  });

  it('tells the seller of a new order once, however often (and at once) the event comes', async () => {
    const orderId = uuidv7();
    const event = created(orderId, buyer.id, seller.id);
    await atOnce(copies(6, () => social.bus.publish([event])));
    await social.bus.publish([event]);
    expect(await ofOrder(seller, orderId)).toEqual([
      expect.objectContaining({
        kind: 'order-placed',
        actorId: buyer.id,
        orderStatus: 'created',
        readAt: null,
      }),
    ]);
    expect(await ofOrder(buyer, orderId)).toEqual([]);
    const unread = await social.call<{ count: number }>('GET', '/notifications/unread', seller);
    expect(unread.body.count).toBeGreaterThanOrEqual(1);
    // A menu order has no seller to tell.
    const menuOrder = uuidv7();
    await social.bus.publish([created(menuOrder, buyer.id, null)]);
    expect(await social.query(`SELECT 1 FROM social.notifications WHERE order_id = $1`, [menuOrder])).toEqual(
      [],
    );
  });

  it('tells the buyer each move of their order once, even by the provider, not their own, and whatever they blocked', async () => {
    const orderId = uuidv7();
    expect((await social.call('PUT', `/me/blocks/${seller.id}`, buyer)).status).toBeLessThan(300);
    const packed = moved(orderId, buyer.id, 'in_stock', { actorId: seller.id, actorRole: 'seller' });
    await social.bus.publish([packed, packed]);
    await social.bus.publish([moved(orderId, buyer.id, 'paid', { actorId: null, actorRole: 'provider' })]);
    await social.bus.publish([
      moved(orderId, buyer.id, 'cancelled', { actorId: buyer.id, actorRole: 'buyer' }),
    ]);
    const told = await ofOrder(buyer, orderId);
    expect(
      told.map((notification) => [notification.kind, notification.orderStatus, notification.actorId]),
    ).toEqual([
      ['order-status', 'paid', null],
      ['order-status', 'in_stock', seller.id],
    ]);
    expect((await social.call('DELETE', `/me/blocks/${seller.id}`, buyer)).status).toBeLessThan(300);
  });

  it('ignores a buyer social does not know, without dead-lettering the event', async () => {
    const orderId = uuidv7();
    const stranger = moved(orderId, uuidv7(), 'in_stock', { actorId: seller.id, actorRole: 'seller' });
    await social.bus.publish([stranger]);
    expect(await social.query(`SELECT 1 FROM social.notifications WHERE order_id = $1`, [orderId])).toEqual(
      [],
    );
    expect(social.bus.deadLetters.map((letter) => letter.event.id)).not.toContain(stranger.id);
  });
});
