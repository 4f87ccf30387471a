import { atOnce, copies, eventually, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Money {
  amountMinor: number;
  currency: string;
}

interface Payment {
  id: string;
  orderId: string;
  status: string;
  amount: Money;
  provider: string;
  providerPaymentId: string | null;
  card: { brand: string; last4: string };
  paymentMethodId: string | null;
  failure: { code: string; message: string } | null;
  refundRequested: boolean;
}

interface Order {
  id: string;
  status: string;
  paymentMethod: string;
  total: Money;
  transitions?: {
    from: string | null;
    to: string;
    actorId: string | null;
    actorRole: string;
    reason: string | null;
  }[];
}

interface Checkout {
  id: string;
  orders: Order[];
  payments?: Payment[];
}

interface CardToken {
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

interface PaymentMethod {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

const SECRET = 'whsec_payments-e2e-secret-0123456789';
const SHIP_TO = { line1: 'Abay 10', city: 'Almaty', postalCode: '050000', country: 'KZ' };
const TIMEOUT_MS = 8_000;
const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';
const CARDS = {
  good: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  captureFails: '4000000000000341',
};
const EXPIRY = { expMonth: 12, expYear: new Date().getUTCFullYear() + 3 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A provider event body, as the test provider sends them. */
function eventBody(
  type: string,
  payment: Pick<Payment, 'id' | 'amount'>,
  id = `evt_e2e_${randomUUID()}`,
  failure: { code: string; message: string } | null = null,
): string {
  return JSON.stringify({
    id,
    type,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `pi_e2e_${payment.id.slice(-12)}`,
        reference: payment.id,
        amountMinor: payment.amount.amountMinor,
        currency: payment.amount.currency,
        failure,
      },
    },
  });
}

/** Stripe's scheme, written out here (tests do not import order-service): `t=<s>,v1=<HMAC-SHA256(t.body)>`. */
function signature(body: string, secret = SECRET, timestampS = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${v1}`;
}

/**
 * Card payments through `npm start`'s gateway (issue 16): the built-in test provider tokenizes test cards,
 * authorizes and captures, and tells order-service by HMAC-signed webhooks; only a verified webhook marks an
 * order paid (actor `provider`); forged, replayed and out-of-order events change nothing they should not;
 * failure cards leave the order `created` with the reason; saved methods keep no card number; unpaid card
 * orders are cancelled after the timeout with their units released; admins refund through the provider.
 */
describe('payments through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let admin: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let sam: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  const webhook = (body: string, header?: string) =>
    call<{ received: boolean; duplicate: boolean }>(
      'POST',
      '/payments/webhooks',
      undefined,
      body,
      header === undefined ? {} : { 'payment-signature': header },
    );

  const known = (itemId: string) =>
    eventually(
      async () =>
        (await queryRows(platform.adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1`, [itemId]))
          .length > 0 || undefined,
      20_000,
      `order-service to know ${itemId}`,
    );

  const product = async (name: string, price: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/product', admin, { name, price, currency: 'KZT' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await known(created.body.id);
    return created.body.id;
  };

  const listing = async (title: string, price: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/listings', sam, {
      title,
      price,
      currency: 'KZT',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await known(created.body.id);
    return created.body.id;
  };

  const tokenOf = async (user: SignedInUser, number: string): Promise<CardToken> => {
    const answer = await call<CardToken>('POST', '/payments/test-provider/tokens', user, {
      number,
      ...EXPIRY,
      cvc: '123',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };

  /** Checks out one item for `buyer`, paying as `payment` says. */
  const checkout = (
    buyer: SignedInUser,
    itemId: string,
    payment: Record<string, string>,
    kind: 'product' | 'listing' = 'product',
  ) =>
    call<Checkout>('POST', '/order', buyer, {
      address: SHIP_TO,
      items: [{ itemId, kind, quantity: 1 }],
      ...payment,
    });

  const order = async (user: SignedInUser, id: string) =>
    (await call<Order>('GET', `/orders/${id}`, user)).body;

  const orderReaches = (user: SignedInUser, id: string, status: string) =>
    eventually(
      async () => {
        const current = await order(user, id);
        return current.status === status ? current : undefined;
      },
      15_000,
      `order ${id} to be ${status}`,
    );

  const paymentsOf = async (user: SignedInUser, orderId: string) =>
    (await call<Payment[]>('GET', `/orders/${orderId}/payments`, user)).body;

  const paymentReaches = (user: SignedInUser, orderId: string, status: string) =>
    eventually(
      async () => {
        const latest = (await paymentsOf(user, orderId)).at(-1);
        return latest?.status === status ? latest : undefined;
      },
      15_000,
      `the payment of ${orderId} to be ${status}`,
    );

  /** A card order whose real payment failed at capture: its payment id is ours to send signed events about. */
  const failedPayment = async (buyer: SignedInUser, name: string) => {
    const item = await product(name, '1500');
    const placed = await checkout(buyer, item, {
      paymentMethod: 'test_card',
      cardToken: (await tokenOf(buyer, CARDS.captureFails)).token,
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = placed.body.orders[0].id;
    const payment = await paymentReaches(buyer, orderId, 'failed');
    // The provider's own webhooks (authorized, failed) were delivered and applied too.
    await eventually(
      async () =>
        (
          await queryRows<{ n: number }>(
            platform.adminUrl,
            `SELECT count(*)::int AS n FROM orders.payment_events WHERE payment_id = $1`,
            [payment.id],
          )
        )[0].n >= 2 || undefined,
      15_000,
      'the test provider’s webhooks',
    );
    return { orderId, payment };
  };

  const transitionsTo = async (orderId: string, to: string) =>
    (
      await queryRows<{ actor_role: string; actor_id: string | null }>(
        platform.adminUrl,
        `SELECT actor_role, actor_id FROM orders.order_transitions WHERE order_id = $1 AND to_status = $2`,
        [orderId, to],
      )
    ).map((row) => [row.actor_role, row.actor_id]);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'payments', {
      env: {
        ...adminEnv(inbox),
        PAYMENT_WEBHOOK_SECRET: SECRET,
        ORDER_PAYMENT_TIMEOUT_MS: String(TIMEOUT_MS),
        // The timeout job runs at start and when a test asks it (platform.services.order.jobs.run).
        ORDER_PAYMENT_SWEEP_MS: '3600000',
      },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    ann = await users.withRole('p_ann');
    bob = await users.withRole('p_bob');
    sam = await users.withRole('p_sam', 'seller');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('pays a card order: checkout authorizes and captures, and the provider’s webhook marks it paid', async () => {
    const latte = await product('Paid latte', '2500');
    const card = await tokenOf(ann, CARDS.good);
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', ...EXPIRY });
    expect(card.token).toMatch(/^tok_test_/);
    expect(card.token).not.toContain(CARDS.good);

    const placed = await checkout(ann, latte, { paymentMethod: 'test_card', cardToken: card.token });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const [placedOrder] = placed.body.orders;
    expect(placedOrder).toMatchObject({ status: 'created', paymentMethod: 'test_card' });
    expect(placed.body.payments).toEqual([
      expect.objectContaining({
        orderId: placedOrder.id,
        status: 'authorized',
        provider: 'test',
        card: { brand: 'visa', last4: '4242' },
        failure: null,
      }),
    ]);
    expect(placed.body.payments?.[0].amount).toMatchObject({ amountMinor: 250000, currency: 'KZT' });

    const paid = await orderReaches(ann, placedOrder.id, 'paid');
    expect(paid.transitions?.map((step) => [step.from, step.to, step.actorRole, step.actorId])).toEqual([
      [null, 'created', 'buyer', ann.id],
      ['created', 'paid', 'provider', null],
    ]);
    const [payment] = await paymentsOf(ann, placedOrder.id);
    expect(payment.status).toBe('captured');
    expect(payment.providerPaymentId).toMatch(/^pi_test_/);
    // Its seller and admins see the payment; anyone else gets 404.
    expect((await call('GET', `/orders/${placedOrder.id}/payments`, admin)).status).toBe(200);
    expectProblem(await call('GET', `/orders/${placedOrder.id}/payments`, bob), 404, 'ORDER_NOT_FOUND');
    // Paid already: a second payment is refused.
    expectProblem(
      await call('POST', `/orders/${placedOrder.id}/payments`, ann, { cardToken: card.token }),
      409,
      'ORDER_NOT_PAYABLE',
    );
  });

  it('refuses a webhook without a valid signature with 401 and a code, and moves nothing', async () => {
    const { orderId, payment } = await failedPayment(bob, 'Forged tea');
    const body = eventBody('payment.captured', payment);
    const now = Math.floor(Date.now() / 1000);

    const refusals = [
      await webhook(body),
      await webhook(body, ''),
      await webhook(body, 'sha256=deadbeef'),
      await webhook(body, signature(body, 'whsec_someone-elses-secret')),
      await webhook(body, signature(`${body} `)),
      await webhook(body, signature(body, SECRET, now - 3_600)),
      await webhook(body, signature(body, SECRET, now + 3_600)),
    ];
    for (const refusal of refusals) {
      expectProblem(refusal, 401, 'WEBHOOK_SIGNATURE_INVALID');
    }
    expect(
      refusals.map((refusal) => (refusal.body as { signatureProblem?: string }).signatureProblem),
    ).toEqual(['missing', 'missing', 'malformed', 'mismatch', 'mismatch', 'stale', 'stale']);
    // Signed, but not a payment event: 400.
    const notAnEvent = JSON.stringify({ hello: 'world' });
    expectProblem(await webhook(notAnEvent, signature(notAnEvent)), 400, 'WEBHOOK_PAYLOAD_INVALID');

    expect((await order(bob, orderId)).status).toBe('created');
    expect(await transitionsTo(orderId, 'paid')).toEqual([]);
  });

  it('applies an event once: a replay is ignored, and of 10 identical copies at once exactly one moves the order', async () => {
    const { orderId, payment } = await failedPayment(bob, 'Replayed tea');
    const captured = eventBody('payment.captured', payment);

    const answers = await atOnce(copies(10, () => webhook(captured, signature(captured))));
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 10 });
    expect(tally(answers.map((answer) => String(answer.body.duplicate)))).toEqual({ false: 1, true: 9 });
    expect((await order(bob, orderId)).status).toBe('paid');
    expect(await transitionsTo(orderId, 'paid')).toEqual([['provider', null]]);

    // The same event again, later (signed anew, as a provider's retry is): 200, ignored.
    const replay = await webhook(captured, signature(captured));
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true, duplicate: true });
    const eventId = (JSON.parse(captured) as { id: string }).id;
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM orders.payment_events WHERE event_id = $1`,
        [eventId],
      ),
    ).toEqual([{ n: 1 }]);
    expect(await transitionsTo(orderId, 'paid')).toEqual([['provider', null]]);
  });

  it('takes events out of order without ever moving an order or a payment backwards', async () => {
    const send = async (type: string, payment: Pick<Payment, 'id' | 'amount'>) => {
      const body = eventBody(type, payment);
      const answer = await webhook(body, signature(body));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    };

    // captured before authorized: paid; the late authorized changes nothing, nor does a late failure.
    const first = await failedPayment(ann, 'Early capture tea');
    await send('payment.captured', first.payment);
    await send('payment.authorized', first.payment);
    await send('payment.failed', first.payment);
    expect((await order(ann, first.orderId)).status).toBe('paid');
    expect((await paymentsOf(ann, first.orderId)).at(-1)?.status).toBe('captured');
    // refunded after captured: refunded; a capture heard afterwards leaves it refunded.
    await send('payment.refunded', first.payment);
    await send('payment.captured', first.payment);
    const refunded = await order(ann, first.orderId);
    expect(refunded.status).toBe('refunded');
    expect(refunded.transitions?.map((step) => [step.to, step.actorRole])).toEqual([
      ['created', 'buyer'],
      ['paid', 'provider'],
      ['refunded', 'provider'],
    ]);
    expect((await paymentsOf(ann, first.orderId)).at(-1)?.status).toBe('refunded');

    // A refund heard before its capture: the order was paid, then refunded (both by the provider).
    const second = await failedPayment(ann, 'Late capture tea');
    await send('payment.refunded', second.payment);
    await send('payment.captured', second.payment);
    expect((await order(ann, second.orderId)).transitions?.map((step) => step.to)).toEqual([
      'created',
      'paid',
      'refunded',
    ]);
  });

  it('keeps an order created with the reason when a card fails, and lets the buyer pay again', async () => {
    const mocha = await product('Declined mocha', '900');
    const body = {
      address: SHIP_TO,
      items: [{ itemId: mocha, kind: 'product', quantity: 1 }],
      paymentMethod: 'test_card',
      cardToken: (await tokenOf(bob, CARDS.declined)).token,
    };
    const key = { 'idempotency-key': `declined-${randomUUID()}` };
    const declined = await call<Checkout>('POST', '/order', bob, body, key);
    expect(declined.status, JSON.stringify(declined.body)).toBe(201);
    const orderId = declined.body.orders[0].id;
    expect(declined.body.payments).toEqual([
      expect.objectContaining({
        status: 'failed',
        failure: { code: 'card_declined', message: 'Your card was declined.' },
      }),
    ]);
    // A retry of the checkout answers the first result: the declined card is not tried again.
    const retried = await call<Checkout>('POST', '/order', bob, body, key);
    expect(retried.status).toBe(201);
    expect(retried.body.orders.map((placed) => placed.id)).toEqual([orderId]);
    expect(retried.body.payments?.map((payment) => payment.id)).toEqual(
      declined.body.payments?.map((payment) => payment.id),
    );
    expect(await paymentsOf(bob, orderId)).toHaveLength(1);

    const poor = await call<Payment>('POST', `/orders/${orderId}/payments`, bob, {
      cardToken: (await tokenOf(bob, CARDS.insufficientFunds)).token,
    });
    expect(poor.status).toBe(201);
    expect(poor.body).toMatchObject({ status: 'failed', failure: { code: 'insufficient_funds' } });

    const refused = await call<Payment>('POST', `/orders/${orderId}/payments`, bob, {
      cardToken: (await tokenOf(bob, CARDS.captureFails)).token,
    });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ status: 'failed', failure: { code: 'capture_failed' } });
    await sleep(500);
    expect((await order(bob, orderId)).status).toBe('created');

    const good = await call<Payment>('POST', `/orders/${orderId}/payments`, bob, {
      cardToken: (await tokenOf(bob, CARDS.good)).token,
    });
    expect(good.status).toBe(201);
    await orderReaches(bob, orderId, 'paid');
    expect(
      (await paymentsOf(bob, orderId)).map((payment) => [payment.status, payment.failure?.code ?? null]),
    ).toEqual([
      ['failed', 'card_declined'],
      ['failed', 'insufficient_funds'],
      ['failed', 'capture_failed'],
      ['captured', null],
    ]);
  });

  it('refuses what is no card or no test card, and a payment of someone else’s or a cash order', async () => {
    const tea = await product('Refused card tea', '100');
    const tokenize = (number: string, expiry = EXPIRY) =>
      call('POST', '/payments/test-provider/tokens', ann, { number, ...expiry, cvc: '123' });
    expectProblem(await tokenize('4111111111111111'), 422, 'CARD_NUMBER_INVALID');
    expectProblem(await tokenize(CARDS.good, { expMonth: 1, expYear: 2020 }), 422, 'CARD_EXPIRED');
    expectProblem(await tokenize('42'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await call('POST', '/payments/test-provider/tokens', undefined, {
        number: CARDS.good,
        ...EXPIRY,
        cvc: '1',
      }),
      401,
    );

    const before = await queryRows<{ n: number }>(
      platform.adminUrl,
      `SELECT count(*)::int AS n FROM orders.orders`,
    );
    expectProblem(
      await checkout(ann, tea, {
        paymentMethod: 'test_card',
        cardToken: 'tok_test_forged.0123456789abcdef0123456789abcdef',
      }),
      422,
      'CARD_TOKEN_INVALID',
    );
    expectProblem(
      await checkout(ann, tea, {
        paymentMethod: 'cash_on_delivery',
        cardToken: (await tokenOf(ann, CARDS.good)).token,
      }),
      422,
      'PAYMENT_SOURCE_INVALID',
    );
    expectProblem(await checkout(ann, tea, { paymentMethod: NOBODY }), 404, 'PAYMENT_METHOD_NOT_FOUND');
    expect(
      await queryRows<{ n: number }>(platform.adminUrl, `SELECT count(*)::int AS n FROM orders.orders`),
    ).toEqual(before);

    const cash = await checkout(ann, tea, { paymentMethod: 'cash_on_delivery' });
    expect(cash.body.payments).toBeUndefined();
    const token = (await tokenOf(ann, CARDS.good)).token;
    expectProblem(
      await call('POST', `/orders/${cash.body.orders[0].id}/payments`, ann, { cardToken: token }),
      409,
      'NOT_A_CARD_ORDER',
    );
    const unpaid = await checkout(ann, tea, { paymentMethod: 'test_card' });
    expect(unpaid.body.payments).toEqual([]);
    expectProblem(
      await call('POST', `/orders/${unpaid.body.orders[0].id}/payments`, bob, { cardToken: token }),
      404,
      'ORDER_NOT_FOUND',
    );
    expectProblem(
      await call('POST', `/orders/${unpaid.body.orders[0].id}/payments`, ann, {}),
      422,
      'PAYMENT_SOURCE_INVALID',
    );
    // Two payments of one order at once: one goes ahead, the other is told one is under way.
    const both = await atOnce(
      copies(2, () =>
        call<Payment>('POST', `/orders/${unpaid.body.orders[0].id}/payments`, ann, { cardToken: token }),
      ),
    );
    expect(tally(both.map((answer) => answer.status))).toEqual({ 201: 1, 409: 1 });
    await orderReaches(ann, unpaid.body.orders[0].id, 'paid');
  });

  it('saves a card as a token with brand and last four only, pays with it, and never lets anyone else use it', async () => {
    const card = await tokenOf(ann, CARDS.good);
    const saves = await atOnce(
      copies(6, () => call<PaymentMethod>('POST', '/payment-methods', ann, { token: card.token })),
    );
    expect(tally(saves.map((answer) => answer.status))).toEqual({ 200: 5, 201: 1 });
    expect(new Set(saves.map((answer) => answer.body.id)).size).toBe(1);
    const saved = saves[0].body;
    expect(saved).toMatchObject({ brand: 'visa', last4: '4242', ...EXPIRY });
    expectProblem(
      await call('POST', '/payment-methods', ann, { token: 'tok_made_up' }),
      422,
      'CARD_TOKEN_INVALID',
    );

    const list = await call<{ items: PaymentMethod[] }>(
      'GET',
      '/payment-methods?sort=-createdAt&limit=10',
      ann,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((method) => method.id)).toEqual([saved.id]);
    expect((await call<{ items: PaymentMethod[] }>('GET', '/payment-methods', bob)).body.items).toEqual([]);
    expectProblem(await call('GET', '/payment-methods?sort=last4', ann), 400);

    // No card number anywhere in order-service's schema: only the token, brand, last four and expiry.
    const tables = await queryRows<{ table_name: string }>(
      platform.adminUrl,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'orders' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const rows = await queryRows<{ row: string }>(
        platform.adminUrl,
        `SELECT row_to_json(t)::text AS row FROM orders."${table}" t`,
      );
      for (const { row } of rows) {
        for (const number of Object.values(CARDS)) {
          expect(row, `orders.${table}`).not.toContain(number);
        }
      }
    }
    expect(
      await queryRows(
        platform.adminUrl,
        `SELECT brand, last4, provider FROM orders.payment_methods WHERE id = $1`,
        [saved.id],
      ),
    ).toEqual([{ brand: 'visa', last4: '4242', provider: 'test' }]);

    const cortado = await product('Saved-card cortado', '700');
    const placedCount = async () =>
      (await queryRows<{ n: number }>(platform.adminUrl, `SELECT count(*)::int AS n FROM orders.orders`))[0]
        .n;
    const before = await placedCount();
    // Someone else's saved method: not found, never used, nothing placed.
    expectProblem(await checkout(bob, cortado, { paymentMethod: saved.id }), 404, 'PAYMENT_METHOD_NOT_FOUND');
    expect(await placedCount()).toBe(before);
    const paid = await checkout(ann, cortado, { paymentMethod: saved.id });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.orders[0].paymentMethod).toBe('test_card');
    expect(paid.body.payments?.[0]).toMatchObject({ paymentMethodId: saved.id, card: { last4: '4242' } });
    await orderReaches(ann, paid.body.orders[0].id, 'paid');

    const unpaid = await checkout(bob, cortado, { paymentMethod: 'test_card' });
    expectProblem(
      await call('POST', `/orders/${unpaid.body.orders[0].id}/payments`, bob, { paymentMethodId: saved.id }),
      404,
      'PAYMENT_METHOD_NOT_FOUND',
    );
    expectProblem(await call('GET', `/payment-methods/${saved.id}`, bob), 404, 'PAYMENT_METHOD_NOT_FOUND');
    expectProblem(await call('DELETE', `/payment-methods/${saved.id}`, bob), 404, 'PAYMENT_METHOD_NOT_FOUND');
    expect((await call('GET', `/payment-methods/${saved.id}`, ann)).status).toBe(200);
    expect((await call('DELETE', `/payment-methods/${saved.id}`, ann)).status).toBe(204);
    expectProblem(await call('DELETE', `/payment-methods/${saved.id}`, ann), 404, 'PAYMENT_METHOD_NOT_FOUND');
    expect((await call<{ items: PaymentMethod[] }>('GET', '/payment-methods', ann)).body.items).toEqual([]);
  });

  it('refunds a paid card order through the provider when an admin asks, never by the status route', async () => {
    const flatWhite = await product('Refunded flat white', '1200');
    const placed = await checkout(ann, flatWhite, {
      paymentMethod: 'test_card',
      cardToken: (await tokenOf(ann, CARDS.good)).token,
    });
    const orderId = placed.body.orders[0].id;
    await orderReaches(ann, orderId, 'paid');

    expectProblem(
      await call('POST', `/orders/${orderId}/status`, admin, { status: 'refunded' }),
      403,
      'TRANSITION_FORBIDDEN',
    );
    expectProblem(await call('POST', `/orders/${orderId}/refund`, ann), 403);
    expectProblem(await call('POST', `/orders/${NOBODY}/refund`, admin), 404, 'ORDER_NOT_FOUND');

    const asked = await atOnce(copies(3, () => call<Payment>('POST', `/orders/${orderId}/refund`, admin)));
    expect(tally(asked.map((answer) => answer.status))).toEqual({ 202: 1, 409: 2 });
    expect(asked.find((answer) => answer.status === 202)?.body).toMatchObject({ refundRequested: true });
    const refunded = await orderReaches(ann, orderId, 'refunded');
    expect(refunded.transitions?.at(-1)).toMatchObject({
      from: 'paid',
      to: 'refunded',
      actorRole: 'provider',
    });
    expect((await paymentsOf(ann, orderId)).at(-1)?.status).toBe('refunded');
    expectProblem(await call('POST', `/orders/${orderId}/refund`, admin), 409, 'NOTHING_TO_REFUND');
  });

  it('cancels card orders left unpaid past the timeout (actor system), releasing their units; money captured later goes back', async () => {
    const watch = await listing('Unpaid watch', '90000');
    const late = await failedPayment(ann, 'Late money tea');
    const unpaid = await checkout(bob, watch, { paymentMethod: 'test_card' }, 'listing');
    expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
    const orderId = unpaid.body.orders[0].id;
    // Units left to sell in order-service's read model: catalog's stock less what orders hold here.
    const left = async () =>
      (
        await queryRows<{ left: number }>(
          platform.adminUrl,
          `SELECT stock - reserved AS left FROM orders.offers WHERE item_id = $1`,
          [watch],
        )
      )[0].left;
    expect(await left()).toBe(0);
    // Sold out while reserved.
    expectProblem(await checkout(ann, watch, { paymentMethod: 'cash_on_delivery' }, 'listing'), 409);

    // Not yet timed out: the job leaves it.
    await platform.platform.services.order.jobs.run('order.payment-timeout');
    expect((await order(bob, orderId)).status).toBe('created');

    await sleep(TIMEOUT_MS + 500);
    const run = await platform.platform.services.order.jobs.run<{ cancelled: number }>(
      'order.payment-timeout',
    );
    expect(run.ran && run.result.cancelled).toBeGreaterThanOrEqual(2);
    const cancelled = await order(bob, orderId);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.transitions?.at(-1)).toMatchObject({
      from: 'created',
      to: 'cancelled',
      actorRole: 'system',
      actorId: null,
    });
    // Catalog gives the unit back (the stock saga) and the read model follows.
    await eventually(async () => ((await left()) === 1 ? true : undefined), 10_000, 'the unit back on sale');
    const again = await checkout(ann, watch, { paymentMethod: 'cash_on_delivery' }, 'listing');
    expect(again.status, JSON.stringify(again.body)).toBe(201);

    // The provider captures the timed-out order's payment after all: the order stays cancelled, the money goes back.
    expect((await order(ann, late.orderId)).status).toBe('cancelled');
    const captured = eventBody('payment.captured', late.payment);
    expect((await webhook(captured, signature(captured))).status).toBe(200);
    await paymentReaches(ann, late.orderId, 'refunded');
    expect((await order(ann, late.orderId)).status).toBe('cancelled');
  });
});
