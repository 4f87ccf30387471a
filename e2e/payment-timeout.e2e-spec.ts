import { eventually, queryRows, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DistributedPlatform } from './support/distributed-platform.js';
import { GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

const TIMEOUT_MS = 6_000;
const SHIP_TO = { line1: 'Dostyk 5', city: 'Astana', postalCode: '010000', country: 'KZ' };

interface Checkout {
  orders: { id: string; status: string }[];
}

interface Order {
  status: string;
  transitions?: { from: string | null; to: string; actorRole: string; actorId: string | null }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The payment timeout across a crash (issue 16): order-service is its own process behind nginx on real Kafka.
 * A card order reserves the last unit of a listing; order-service is SIGKILLed before anyone pays; once it is
 * back after the timeout, the order is cancelled by `system` and no unit stays reserved, while an order paid
 * before the crash stays paid.
 */
describe('payment timeout across an order-service crash', () => {
  let inbox: SmtpInbox;
  let platform: DistributedPlatform;
  let api: GatewayApi;
  let sam: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;

  const reservedOf = async (itemId: string) =>
    (
      await queryRows<{ reserved: number }>(
        platform.adminUrl,
        `SELECT reserved FROM orders.offers WHERE item_id = $1`,
        [itemId],
      )
    )[0]?.reserved;

  const listing = async (title: string): Promise<string> => {
    const created = await api.call<{ id: string }>('POST', '/listings', sam, {
      title,
      price: '45000',
      currency: 'KZT',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(
      async () => ((await reservedOf(created.body.id)) !== undefined ? true : undefined),
      30_000,
      `order-service to know ${title}`,
    );
    return created.body.id;
  };

  const checkout = (buyer: SignedInUser, itemId: string, payment: Record<string, string>) =>
    api.call<Checkout>('POST', '/order', buyer, {
      address: SHIP_TO,
      items: [{ itemId, kind: 'listing', quantity: 1 }],
      ...payment,
    });

  const statusOf = async (buyer: SignedInUser, orderId: string) =>
    (await api.call<Order>('GET', `/orders/${orderId}`, buyer)).body;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = new DistributedPlatform({
      sharedUrl: inject('testDatabaseUrl'),
      name: 'payment-timeout',
      env: {
        ...adminEnv(inbox),
        ORDER_PAYMENT_TIMEOUT_MS: String(TIMEOUT_MS),
        ORDER_PAYMENT_SWEEP_MS: '1000',
      },
    });
    await platform.start();
    api = new GatewayApi(() => platform.gateway);
    const users = new IdentityClient(platform.gateway, inbox);
    sam = await users.withRole('pt_sam', 'seller');
    ann = await users.withRole('pt_ann');
    bob = await users.withRole('pt_bob');
  }, 300_000);

  afterAll(async () => {
    expect(api?.serverErrors() ?? []).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it(
    'leaves no unit reserved after the timeout once order-service is back, and a paid order paid',
    { timeout: 180_000 },
    async () => {
      const paidWatch = await listing('Paid before the crash');
      const unpaidWatch = await listing('Reserved at the crash');

      const card = await api.call<{ token: string }>('POST', '/payments/test-provider/tokens', ann, {
        number: '4242424242424242',
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 2,
        cvc: '123',
      });
      expect(card.status).toBe(201);
      const paid = await checkout(ann, paidWatch, { paymentMethod: 'test_card', cardToken: card.body.token });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      const paidId = paid.body.orders[0].id;
      await eventually(
        async () => ((await statusOf(ann, paidId)).status === 'paid' ? true : undefined),
        20_000,
        'the paid order',
      );

      // Reserved, not paid: then order-service dies (SIGKILL: no shutdown hook runs).
      const unpaid = await checkout(bob, unpaidWatch, { paymentMethod: 'test_card' });
      expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
      const unpaidId = unpaid.body.orders[0].id;
      expect(await reservedOf(unpaidWatch)).toBe(1);
      await platform.kill('order');

      // Down past the timeout: nothing can release the unit meanwhile.
      await sleep(TIMEOUT_MS + 1_000);
      expect(await reservedOf(unpaidWatch)).toBe(1);

      await platform.startService('order');
      await eventually(
        async () => ((await reservedOf(unpaidWatch)) === 0 ? true : undefined),
        20_000,
        'the reserved unit to be released',
      );
      const cancelled = await statusOf(bob, unpaidId);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.transitions?.at(-1)).toMatchObject({
        from: 'created',
        to: 'cancelled',
        actorRole: 'system',
        actorId: null,
      });
      // The paid order is not the timeout's: it stays paid, its unit reserved for it.
      expect((await statusOf(ann, paidId)).status).toBe('paid');
      expect(await reservedOf(paidWatch)).toBe(1);
      // The released listing sells again.
      const again = await checkout(ann, unpaidWatch, { paymentMethod: 'cash_on_delivery' });
      expect(again.status, JSON.stringify(again.body)).toBe(201);
    },
  );
});
