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
 * back after the timeout, the order is cancelled by `system` and catalog gives the unit back (the stock saga),
 * while an order paid before the crash stays paid and its listing sold.
 */
describe('payment timeout across an order-service crash', () => {
  let inbox: SmtpInbox;
  let platform: DistributedPlatform;
  let api: GatewayApi;
  let sam: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;

  /** Units order-service would still sell: catalog's stock less what its orders hold. */
  const leftOf = async (itemId: string) =>
    (
      await queryRows<{ left: number }>(
        platform.adminUrl,
        `SELECT stock - reserved AS left FROM orders.offers WHERE item_id = $1`,
        [itemId],
      )
    )[0]?.left;
  /** The listing as catalog keeps it: `reserved` while an order holds it, `sold` once paid. */
  const catalogStatusOf = async (itemId: string) =>
    (
      await queryRows<{ status: string }>(
        platform.adminUrl,
        `SELECT status FROM catalog.listings WHERE id = $1`,
        [itemId],
      )
    )[0]?.status;
  const until = (what: string, check: () => Promise<boolean>) =>
    eventually(async () => ((await check()) ? true : undefined), 20_000, what);

  const listing = async (title: string): Promise<string> => {
    const created = await api.call<{ id: string }>('POST', '/listings', sam, {
      title,
      price: '45000',
      currency: 'KZT',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(
      async () => ((await leftOf(created.body.id)) !== undefined ? true : undefined),
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
    'gives the unit back after the timeout once order-service is back, and keeps a paid order paid',
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
      expect(await leftOf(unpaidWatch)).toBe(0);
      await until(
        'catalog to hold the listing',
        async () => (await catalogStatusOf(unpaidWatch)) === 'reserved',
      );
      await platform.kill('order');

      // Down past the timeout: nothing can release the unit meanwhile.
      await sleep(TIMEOUT_MS + 1_000);
      expect(await catalogStatusOf(unpaidWatch)).toBe('reserved');
      expect(await leftOf(unpaidWatch)).toBe(0);

      await platform.startService('order');
      await until(
        'catalog to give the unit back',
        async () => (await catalogStatusOf(unpaidWatch)) === 'active',
      );
      await until('order-service to sell it again', async () => (await leftOf(unpaidWatch)) === 1);
      const cancelled = await statusOf(bob, unpaidId);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.transitions?.at(-1)).toMatchObject({
        from: 'created',
        to: 'cancelled',
        actorRole: 'system',
        actorId: null,
      });
      // The paid order is not the timeout's: it stays paid, its listing sold.
      expect((await statusOf(ann, paidId)).status).toBe('paid');
      await until('the paid listing to be sold', async () => (await catalogStatusOf(paidWatch)) === 'sold');
      expect(await leftOf(paidWatch)).toBe(0);
      // The released listing sells again.
      const again = await checkout(ann, unpaidWatch, { paymentMethod: 'cash_on_delivery' });
      expect(again.status, JSON.stringify(again.body)).toBe(201);
    },
  );
});
