import { atOnce, copies, eventually, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Money {
  amountMinor: number;
  currency: string;
  amount: string;
}

interface CartLine {
  id: string;
  itemId: string;
  kind: string;
  title: string;
  quantity: number;
  unitPrice: Money;
  seenUnitPrice: Money;
  priceChanged: boolean;
  available: boolean;
  unavailableReason: string | null;
  lineTotal: Money;
  version: number;
}

interface Cart {
  lines: CartLine[];
  totals: Money[];
  needsReview: boolean;
}

interface Address {
  id: string;
  label: string | null;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
  version: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const HOME = {
  label: 'Home',
  line1: 'Tverskaya 1',
  line2: 'apt. 5',
  city: 'Moscow',
  postalCode: '125009',
  country: 'ru',
};

interface Order {
  id: string;
  checkoutId: string;
  buyerId: string;
  sellerId: string | null;
  status: string;
  paymentMethod: string;
  total: Money;
  lines: { itemId: string; title: string; quantity: number; unitPrice: Money; lineTotal: Money }[];
  address: Record<string, string | null>;
  cancelReason: string | null;
  version: number;
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
  totals: Money[];
}

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };

const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/**
 * Orders through `npm start`'s gateway (issue 16): what can be bought comes from catalog's events, carts
 * hold it with the price the buyer saw, checkouts place one order per seller with stock reserved under row
 * locks and an Idempotency-Key, and orders move through their status machine by role. Seed 001's cart and
 * order routes answer as written.
 */
describe('cart and orders through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let admin: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let sam: SignedInUser;
  let sue: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  /** Waits until order-service knows the item at least at `version`. */
  const known = (itemId: string, version = 1) =>
    eventually(
      async () =>
        (
          await queryRows(
            platform.adminUrl,
            `SELECT 1 FROM orders.offers WHERE item_id = $1 AND version >= $2`,
            [itemId, version],
          )
        ).length > 0 || undefined,
      20_000,
      `order-service to know ${itemId}`,
    );

  const product = async (name: string, price: string, currency = 'RUB'): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/product', admin, { name, price, currency });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await known(created.body.id);
    return created.body.id;
  };

  const listing = async (seller: SignedInUser, title: string, price: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/listings', seller, {
      title,
      price,
      currency: 'RUB',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await known(created.body.id);
    return created.body.id;
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'orders', { env: adminEnv(inbox) });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    ann = await users.withRole('o_ann');
    bob = await users.withRole('o_bob');
    sam = await users.withRole('o_sam', 'seller');
    sue = await users.withRole('o_sue', 'seller');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  describe('cart', () => {
    it('adds an item as a line (201), more of it to the same line (200), and shows current prices', async () => {
      const latte = await product('Cart latte', '250');
      const added = await call<CartLine>('POST', '/cart', ann, {
        itemId: latte,
        kind: 'product',
        quantity: 2,
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        itemId: latte,
        kind: 'product',
        title: 'Cart latte',
        quantity: 2,
        unitPrice: { amountMinor: 25000, currency: 'RUB', amount: '250.00' },
        lineTotal: { amountMinor: 50000 },
        priceChanged: false,
        available: true,
      });
      expect(added.etag).toBe(`"${added.body.version}"`);
      const more = await call<CartLine>('POST', '/cart', ann, { itemId: latte, kind: 'product' });
      expect(more.status).toBe(200);
      expect(more.body).toMatchObject({ id: added.body.id, quantity: 3 });

      const cart = await call<Cart>('GET', '/cart', ann);
      expect(cart.status).toBe(200);
      expect(cart.body.lines.map((line) => [line.id, line.quantity])).toEqual([[added.body.id, 3]]);
      expect(cart.body).toMatchObject({
        totals: [{ amountMinor: 75000, currency: 'RUB' }],
        needsReview: false,
      });
      // Someone else's cart is their own.
      expect((await call<Cart>('GET', '/cart', bob)).body.lines).toEqual([]);
      await call('DELETE', '/cart', ann);
    });

    it('adds at the same instant into one line holding every unit', async () => {
      const mocha = await product('Race mocha', '300');
      const answers = await atOnce(
        copies(8, () =>
          call<CartLine>('POST', '/cart', bob, { itemId: mocha, kind: 'product', quantity: 1 }),
        ),
      );
      expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 7, 201: 1 });
      const cart = await call<Cart>('GET', '/cart', bob);
      expect(cart.body.lines.map((line) => [line.itemId, line.quantity])).toEqual([[mocha, 8]]);
      await call('DELETE', '/cart', bob);
    });

    it('refuses what cannot be bought, with a code each', async () => {
      const watch = await listing(sam, 'Cart watch', '1000');
      expectProblem(
        await call('POST', '/cart', ann, { itemId: NOBODY, kind: 'product' }),
        422,
        'ITEM_NOT_FOUND',
      );
      expectProblem(
        await call('POST', '/cart', ann, { itemId: watch, kind: 'product' }),
        422,
        'ITEM_NOT_FOUND',
      );
      expectProblem(
        await call('POST', '/cart', ann, { itemId: watch, kind: 'listing', quantity: 2 }),
        409,
        'OUT_OF_STOCK',
      );
      expectProblem(
        await call('POST', '/cart', sam, { itemId: watch, kind: 'listing' }),
        422,
        'CANNOT_BUY_OWN',
      );
      expectProblem(
        await call('POST', '/cart', ann, { itemId: watch, kind: 'car' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await call('POST', '/cart', ann, { itemId: watch, kind: 'listing', quantity: 0 }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await call('POST', '/cart', undefined, { itemId: watch, kind: 'listing' }), 401);

      const draft = await call<{ id: string; version: number }>('PATCH', `/listings/${watch}`, sam, {
        status: 'draft',
      });
      expect(draft.status).toBe(200);
      await known(watch, draft.body.version);
      expectProblem(
        await call('POST', '/cart', ann, { itemId: watch, kind: 'listing' }),
        409,
        'ITEM_UNAVAILABLE',
      );
    });

    it('flags lines whose price moved or whose item went away, and PATCH accepts the new price', async () => {
      const tea = await product('Flag tea', '100');
      const cake = await product('Flag cake', '200');
      const teaLine = (await call<CartLine>('POST', '/cart', ann, { itemId: tea, kind: 'product' })).body;
      await call('POST', '/cart', ann, { itemId: cake, kind: 'product' });

      const repriced = await call<{ version: number }>('PATCH', `/product/${tea}`, admin, { price: '120' });
      expect(repriced.status).toBe(200);
      await known(tea, repriced.body.version);
      expect((await call('DELETE', `/product/${cake}`, admin)).status).toBe(204);
      await eventually(
        async () =>
          (
            await queryRows(platform.adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1 AND deleted`, [
              cake,
            ])
          ).length > 0 || undefined,
        20_000,
        'the cake gone',
      );

      const cart = (await call<Cart>('GET', '/cart', ann)).body;
      const byItem = new Map(cart.lines.map((line) => [line.itemId, line]));
      expect(byItem.get(tea)).toMatchObject({
        unitPrice: { amountMinor: 12000 },
        seenUnitPrice: { amountMinor: 10000 },
        priceChanged: true,
        available: true,
      });
      expect(byItem.get(cake)).toMatchObject({ available: false, unavailableReason: 'deleted' });
      expect(cart).toMatchObject({ needsReview: true, totals: [{ amountMinor: 12000 }] });

      // A stale If-Match loses; the current one accepts the new price.
      expectProblem(
        await call('PATCH', `/cart/${teaLine.id}`, ann, { quantity: 2 }, { 'if-match': '"99"' }),
        412,
        'PRECONDITION_FAILED',
      );
      const accepted = await call<CartLine>(
        'PATCH',
        `/cart/${teaLine.id}`,
        ann,
        { quantity: 2 },
        { 'if-match': `"${teaLine.version}"` },
      );
      expect(accepted.body).toMatchObject({
        quantity: 2,
        priceChanged: false,
        seenUnitPrice: { amountMinor: 12000 },
      });
      expectProblem(
        await call('PATCH', `/cart/${teaLine.id}`, bob, { quantity: 1 }),
        404,
        'CART_LINE_NOT_FOUND',
      );
    });

    it('removes one line (seed 001 DELETE /cart/:id), then clears the cart (DELETE /cart/)', async () => {
      const cart = (await call<Cart>('GET', '/cart', ann)).body;
      expect(cart.lines.length).toBeGreaterThanOrEqual(2);
      const [first] = cart.lines;
      expectProblem(await call('DELETE', `/cart/${first.id}`, bob), 404, 'CART_LINE_NOT_FOUND');
      expect((await call('DELETE', `/cart/${first.id}`, ann)).status).toBe(204);
      expectProblem(await call('DELETE', `/cart/${first.id}`, ann), 404, 'CART_LINE_NOT_FOUND');
      expect((await call<Cart>('GET', '/cart', ann)).body.lines.map((line) => line.id)).not.toContain(
        first.id,
      );
      expect((await call('DELETE', '/cart/', ann)).status).toBe(204);
      expect((await call<Cart>('GET', '/cart', ann)).body).toEqual({
        lines: [],
        totals: [],
        needsReview: false,
      });
    });
  });

  describe('address book', () => {
    it('creates, lists, reads, replaces, patches and deletes addresses, each only for its owner', async () => {
      const created = await call<Address>('POST', '/addresses', ann, HOME);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ label: 'Home', country: 'RU', line2: 'apt. 5', version: 1 });
      const id = created.body.id;

      const listed = await call<Page<Address>>('GET', '/addresses', ann);
      expect(listed.body.items.map((address) => address.id)).toContain(id);
      expect((await call<Page<Address>>('GET', '/addresses', bob)).body.items).toEqual([]);
      expectProblem(await call('GET', `/addresses/${id}`, bob), 404, 'ADDRESS_NOT_FOUND');
      expect((await call<Address>('GET', `/addresses/${id}`, ann)).etag).toBe('"1"');

      const replaced = await call<Address>(
        'PUT',
        `/addresses/${id}`,
        ann,
        { line1: 'Arbat 10', city: 'Moscow', postalCode: '119002', country: 'RU' },
        { 'if-match': '"1"' },
      );
      expect(replaced.body).toMatchObject({ line1: 'Arbat 10', line2: null, label: null, version: 2 });
      const patched = await call<Address>('PATCH', `/addresses/${id}`, ann, { label: 'Work' });
      expect(patched.body).toMatchObject({ line1: 'Arbat 10', label: 'Work', version: 3 });

      expectProblem(
        await call('POST', '/addresses', ann, { ...HOME, country: 'XX' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await call('POST', '/addresses', ann, { ...HOME, line1: '   ' }),
        400,
        'VALIDATION_FAILED',
      );
      // null clears only what may be empty: a required field sent as null is a 400, never a 500.
      expectProblem(await call('PATCH', `/addresses/${id}`, ann, { line1: null }), 400, 'VALIDATION_FAILED');
      expect((await call<Address>('PATCH', `/addresses/${id}`, ann, { label: null })).body).toMatchObject({
        line1: 'Arbat 10',
        label: null,
      });
      expectProblem(
        await call('PATCH', `/addresses/${id}`, bob, { label: 'Mine' }),
        404,
        'ADDRESS_NOT_FOUND',
      );
      expectProblem(await call('DELETE', `/addresses/${id}`, ann, undefined, { 'if-match': '"1"' }), 412);
      expect((await call('DELETE', `/addresses/${id}`, ann)).status).toBe(204);
      expectProblem(await call('GET', `/addresses/${id}`, ann), 404, 'ADDRESS_NOT_FOUND');
    });

    it('lets one of many edits made at the same version win; the others get 412', async () => {
      const { id } = (await call<Address>('POST', '/addresses', bob, HOME)).body;
      const answers = await atOnce(
        copies(6, (index) =>
          call<Address>('PATCH', `/addresses/${id}`, bob, { label: `L${index}` }, { 'if-match': '"1"' }),
        ),
      );
      expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 1, 412: 5 });
      const winner = answers.find((answer) => answer.status === 200)!;
      expect((await call<Address>('GET', `/addresses/${id}`, bob)).body).toMatchObject({
        label: winner.body.label,
        version: 2,
      });
    });
  });

  describe('checkout', () => {
    const checkout = (buyer: SignedInUser, body: unknown, key?: string) =>
      call<Checkout>('POST', '/order', buyer, body, key ? { 'idempotency-key': key } : {});
    const orderCount = async (checkoutId: string) =>
      (
        await queryRows<{ n: number }>(
          platform.adminUrl,
          `SELECT count(*)::int AS n FROM orders.orders WHERE checkout_id = $1`,
          [checkoutId],
        )
      )[0].n;

    it('turns a cart of three sellers into one order each, priced server-side, and empties the cart', async () => {
      const espresso = await product('Checkout espresso', '150.50');
      const samWatch = await listing(sam, 'Checkout watch', '1000');
      const sueWatch = await listing(sue, 'Checkout clock', '2500.99');
      await call('POST', '/cart', ann, { itemId: espresso, kind: 'product', quantity: 3 });
      await call('POST', '/cart', ann, { itemId: samWatch, kind: 'listing' });
      await call('POST', '/cart', ann, { itemId: sueWatch, kind: 'listing' });

      const placed = await checkout(ann, { address: SHIP_TO, paymentMethod: 'cash_on_delivery' });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      const bySeller = new Map(placed.body.orders.map((order) => [order.sellerId, order]));
      expect(bySeller.size).toBe(3);
      expect(bySeller.get(null)).toMatchObject({
        status: 'created',
        buyerId: ann.id,
        paymentMethod: 'cash_on_delivery',
        total: { amountMinor: 45150, currency: 'RUB', amount: '451.50' },
        lines: [
          {
            itemId: espresso,
            quantity: 3,
            unitPrice: { amountMinor: 15050 },
            lineTotal: { amountMinor: 45150 },
          },
        ],
        address: { line1: 'Nevsky 28', city: 'Saint Petersburg', country: 'RU', line2: null },
      });
      expect(bySeller.get(sam.id)?.total.amountMinor).toBe(100000);
      expect(bySeller.get(sue.id)?.total.amountMinor).toBe(250099);
      expect(placed.body.totals).toEqual([{ amountMinor: 395249, currency: 'RUB', amount: '3952.49' }]);
      expect((await call<Cart>('GET', '/cart', ann)).body.lines).toEqual([]);

      // Nothing is left of the listings (held by the order, then by catalog); the product is not counted.
      expect(
        await queryRows(
          platform.adminUrl,
          `SELECT item_id, stock - reserved AS left FROM orders.offers WHERE item_id = ANY($1::uuid[]) ORDER BY title`,
          [[espresso, samWatch, sueWatch]],
        ),
      ).toEqual([
        { item_id: sueWatch, left: 0 },
        { item_id: espresso, left: null },
        { item_id: samWatch, left: 0 },
      ]);
      // One order.order.created.v1 per order, in the outbox with the orders.
      const events = await queryRows<{ key: string }>(
        platform.adminUrl,
        `SELECT key FROM orders.outbox WHERE topic = 'order.order.created.v1' AND key = ANY($1::text[])`,
        [placed.body.orders.map((order) => order.id)],
      );
      expect(events).toHaveLength(3);
      // A later price change leaves the placed order's prices alone.
      const repriced = await call<{ version: number }>('PATCH', `/product/${espresso}`, admin, {
        price: '999',
      });
      await known(espresso, repriced.body.version);
      const order = await call<Order>('GET', `/order/${bySeller.get(null)!.id}`, ann);
      expect(order.body.lines[0].unitPrice.amountMinor).toBe(15050);
    });

    it('ships to an address of the address book, copied: later edits leave the order alone', async () => {
      const tea = await product('Book tea', '90');
      const saved = (await call<Address>('POST', '/addresses', bob, HOME)).body;
      const placed = await checkout(bob, {
        addressId: saved.id,
        paymentMethod: 'test_card',
        items: [{ itemId: tea, kind: 'product', quantity: 2 }],
      });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      await call('PATCH', `/addresses/${saved.id}`, bob, { line1: 'Somewhere else' });
      const order = await call<Order>('GET', `/orders/${placed.body.orders[0].id}`, bob);
      expect(order.body).toMatchObject({
        paymentMethod: 'test_card',
        address: { line1: 'Tverskaya 1', country: 'RU' },
      });
    });

    it('answers the first result again for the same Idempotency-Key and body, and refuses another body', async () => {
      const latte = await product('Idem latte', '200');
      const body = {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId: latte, kind: 'product', quantity: 1 }],
      };
      const first = await checkout(bob, body, 'idem-key-1');
      expect(first.status).toBe(201);
      const again = await checkout(bob, { ...body, address: { ...SHIP_TO } }, 'idem-key-1');
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.orders.map((order) => order.id)).toEqual(first.body.orders.map((order) => order.id));
      expect(await orderCount(first.body.id)).toBe(1);

      expectProblem(
        await checkout(bob, { ...body, paymentMethod: 'test_card' }, 'idem-key-1'),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      // Keys are the buyer's own: another buyer's same key is another checkout.
      const annsOwn = await checkout(ann, body, 'idem-key-1');
      expect(annsOwn.status).toBe(201);
      expect(annsOwn.body.id).not.toBe(first.body.id);
      expectProblem(await checkout(bob, body, 'x'.repeat(256)), 400, 'INVALID_IDEMPOTENCY_KEY');
      expectProblem(await checkout(bob, body, 'two words'), 400, 'INVALID_IDEMPOTENCY_KEY');
    });

    it('places one checkout for many retries of one key at the same instant', async () => {
      const watch = await listing(sue, 'Idem watch', '700');
      const body = {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId: watch, kind: 'listing', quantity: 1 }],
      };
      const answers = await atOnce(copies(6, () => checkout(ann, body, 'idem-race')));
      expect(tally(answers.map((answer) => answer.status))).toEqual({ 201: 6 });
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
      expect(await orderCount(answers[0].body.id)).toBe(1);
    });

    it('sells the last item once: of 20 checkouts at the same instant exactly one wins, the rest 409 OUT_OF_STOCK', async () => {
      const last = await listing(sam, 'The last watch', '5000');
      const body = {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId: last, kind: 'listing', quantity: 1 }],
      };
      const answers = await atOnce(copies(20, (index) => checkout(index % 2 === 0 ? ann : bob, body)));
      expect(tally(answers.map((answer) => answer.status))).toEqual({ 201: 1, 409: 19 });
      for (const lost of answers.filter((answer) => answer.status === 409)) {
        expectProblem(lost, 409, 'OUT_OF_STOCK');
      }
      expect(
        await queryRows(
          platform.adminUrl,
          `SELECT stock - reserved AS left FROM orders.offers WHERE item_id = $1`,
          [last],
        ),
      ).toEqual([{ left: 0 }]);
      expect(
        await queryRows(
          platform.adminUrl,
          `SELECT count(*)::int AS n FROM orders.order_lines WHERE item_id = $1`,
          [last],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it('refuses a checkout it cannot place, with a code each, and places nothing', async () => {
      const tea = await product('Refused tea', '10');
      const euro = await product('Euro tea', '10', 'EUR');
      const item = { itemId: tea, kind: 'product', quantity: 1 };
      const before = await queryRows<{ n: number }>(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM orders.orders`,
      );

      expectProblem(
        await checkout(bob, { address: SHIP_TO, paymentMethod: 'cash_on_delivery' }),
        422,
        'CART_EMPTY',
      );
      expectProblem(
        await checkout(bob, { paymentMethod: 'cash_on_delivery', items: [item] }),
        422,
        'ADDRESS_REQUIRED',
      );
      expectProblem(
        await checkout(bob, {
          address: SHIP_TO,
          addressId: NOBODY,
          paymentMethod: 'cash_on_delivery',
          items: [item],
        }),
        422,
        'ADDRESS_REQUIRED',
      );
      expectProblem(
        await checkout(bob, { addressId: NOBODY, paymentMethod: 'cash_on_delivery', items: [item] }),
        422,
        'UNKNOWN_ADDRESS',
      );
      expectProblem(
        await checkout(bob, { address: SHIP_TO, paymentMethod: 'cash_on_delivery', items: [item, item] }),
        422,
        'DUPLICATE_ITEM',
      );
      expectProblem(
        await checkout(bob, {
          address: SHIP_TO,
          paymentMethod: 'cash_on_delivery',
          items: [item, { itemId: euro, kind: 'product', quantity: 1 }],
        }),
        422,
        'MIXED_CURRENCIES',
      );
      expectProblem(
        await checkout(bob, { address: SHIP_TO, paymentMethod: 'iou', items: [item] }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await checkout(bob, {
          address: { ...SHIP_TO, country: 'Narnia' },
          paymentMethod: 'cash_on_delivery',
          items: [item],
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await checkout(bob, {
          address: SHIP_TO,
          paymentMethod: 'cash_on_delivery',
          items: [{ ...item, itemId: NOBODY }],
        }),
        422,
        'ITEM_NOT_FOUND',
      );

      // A cart whose price moved since it was added is refused until the buyer accepts the new price.
      const line = (await call<CartLine>('POST', '/cart', bob, item)).body;
      const repriced = await call<{ version: number }>('PATCH', `/product/${tea}`, admin, { price: '11' });
      await known(tea, repriced.body.version);
      expectProblem(
        await checkout(bob, { address: SHIP_TO, paymentMethod: 'cash_on_delivery' }),
        409,
        'CART_CHANGED',
      );
      await call('PATCH', `/cart/${line.id}`, bob, { quantity: 1 });
      const placed = await checkout(bob, { address: SHIP_TO, paymentMethod: 'cash_on_delivery' });
      expect(placed.status).toBe(201);
      expect(placed.body.orders[0].total.amountMinor).toBe(1100);

      const after = await queryRows<{ n: number }>(
        platform.adminUrl,
        `SELECT count(*)::int AS n FROM orders.orders`,
      );
      expect(after[0].n).toBe(before[0].n + 1);
    });
  });

  describe('orders', () => {
    /** One order of `buyer`'s: a listing of `seller`'s, or a product when no seller. */
    const placed = async (
      buyer: SignedInUser,
      seller: SignedInUser | null,
      paymentMethod = 'cash_on_delivery',
    ): Promise<Order> => {
      const itemId = seller
        ? await listing(seller, 'Order watch', '300')
        : await product('Order latte', '300');
      const answer = await call<Checkout>('POST', '/order', buyer, {
        address: SHIP_TO,
        paymentMethod,
        items: [{ itemId, kind: seller ? 'listing' : 'product', quantity: 1 }],
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.orders[0];
    };
    const move = (
      user: SignedInUser,
      order: { id: string },
      status: string,
      headers: Record<string, string> = {},
    ) => call<Order>('POST', `/orders/${order.id}/status`, user, { status }, headers);

    it('shows an order to its buyer, its seller and admins; anyone else gets 404, never 403', async () => {
      const order = await placed(ann, sam);
      for (const path of [`/order/${order.id}`, `/orders/${order.id}`]) {
        expect((await call<Order>('GET', path, ann)).body).toMatchObject({ id: order.id, status: 'created' });
        expect((await call('GET', path, sam)).status).toBe(200);
        expect((await call('GET', path, admin)).status).toBe(200);
        expectProblem(await call('GET', path, bob), 404, 'ORDER_NOT_FOUND');
        expectProblem(await call('GET', path, sue), 404, 'ORDER_NOT_FOUND');
      }
      expectProblem(await call('GET', `/order/${NOBODY}`, ann), 404, 'ORDER_NOT_FOUND');
      // Nor may anyone else move, edit or delete it.
      expectProblem(await move(bob, order, 'cancelled'), 404, 'ORDER_NOT_FOUND');
      expectProblem(
        await call('PATCH', `/order/${order.id}`, bob, { status: 'cancelled' }),
        404,
        'ORDER_NOT_FOUND',
      );
      expectProblem(await call('DELETE', `/order/${order.id}`, bob), 404, 'ORDER_NOT_FOUND');
      // The buyer sees it, but the seed's PUT, PATCH and DELETE are the admins'.
      expectProblem(
        await call('PUT', `/order/${order.id}`, ann, { status: 'created', address: SHIP_TO }),
        403,
        'ADMINS_ONLY',
      );
      expectProblem(await call('DELETE', `/order/${order.id}`, ann), 403, 'ADMINS_ONLY');
    });

    it("lists the buyer's own orders, a seller's with ?as=seller, and every order for admins", async () => {
      const bought = await placed(bob, sue);
      const ids = (page: Page<Order>) => page.items.map((order) => order.id);
      const bobs = await call<Page<Order>>('GET', '/orders', bob);
      expect(ids(bobs.body)).toContain(bought.id);
      expect(bobs.body.items.every((order) => order.buyerId === bob.id)).toBe(true);
      expect(ids((await call<Page<Order>>('GET', '/orders?as=seller', sue)).body)).toContain(bought.id);
      expect(ids((await call<Page<Order>>('GET', '/orders?as=seller', sam)).body)).not.toContain(bought.id);
      expect(ids((await call<Page<Order>>('GET', '/orders', sue)).body)).not.toContain(bought.id);
      expect(ids((await call<Page<Order>>('GET', '/orders', admin)).body)).toContain(bought.id);
      const filtered = await call<Page<Order>>(
        'GET',
        `/orders?filter[buyerId][eq]=${bob.id}&limit=100`,
        admin,
      );
      expect(filtered.body.items.every((order) => order.buyerId === bob.id)).toBe(true);
      expectProblem(await call('GET', '/orders?as=all', bob), 403, 'ADMINS_ONLY');
      expectProblem(await call('GET', '/orders?as=friend', bob), 400, 'INVALID_SCOPE');
      expectProblem(await call('GET', '/orders?sort=totalMinor', bob), 400);
    });

    it('walks a cash order from created to issued by its seller, each step recorded and published', async () => {
      const order = await placed(ann, sam);
      expectProblem(await move(ann, order, 'in_stock'), 403, 'TRANSITION_FORBIDDEN');
      let version = order.version;
      for (const status of ['in_stock', 'in_transit', 'with_courier', 'issued']) {
        const moved = await move(sam, order, status, { 'if-match': `"${version}"` });
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        expect(moved.body.status).toBe(status);
        expect(moved.etag).toBe(`"${moved.body.version}"`);
        version = moved.body.version;
      }
      const shown = (await call<Order>('GET', `/order/${order.id}`, ann)).body;
      expect(shown.transitions?.map((step) => [step.from, step.to, step.actorRole, step.actorId])).toEqual([
        [null, 'created', 'buyer', ann.id],
        ['created', 'in_stock', 'seller', sam.id],
        ['in_stock', 'in_transit', 'seller', sam.id],
        ['in_transit', 'with_courier', 'seller', sam.id],
        ['with_courier', 'issued', 'seller', sam.id],
      ]);
      const events = await queryRows<{ to: string }>(
        platform.adminUrl,
        `SELECT payload->>'to' AS to FROM orders.outbox
          WHERE topic = 'order.order.status-changed.v1' AND key = $1 ORDER BY id`,
        [order.id],
      );
      expect(events.map((event) => event.to)).toEqual(['in_stock', 'in_transit', 'with_courier', 'issued']);
      // Issued is past cancelling; the refusal names the state.
      const late = await move(ann, order, 'cancelled');
      expectProblem(late, 409, 'ILLEGAL_TRANSITION');
      expect(late.body).toMatchObject({ currentStatus: 'issued' });
    });

    it('keeps a card order from being packed before the payment provider marks it paid', async () => {
      const order = await placed(bob, sam, 'test_card');
      const packed = await move(sam, order, 'in_stock');
      expectProblem(packed, 409, 'ILLEGAL_TRANSITION');
      expect(packed.body).toMatchObject({ currentStatus: 'created' });
      for (const user of [bob, sam, admin]) {
        expectProblem(await move(user, order, 'paid'), 403, 'TRANSITION_FORBIDDEN');
      }
      expectProblem(await move(sam, order, 'shipped'), 400, 'VALIDATION_FAILED');
    });

    it('lets the buyer cancel before shipping, which frees the item for the next buyer', async () => {
      const watch = await listing(sue, 'Cancelled watch', '400');
      const body = {
        address: SHIP_TO,
        paymentMethod: 'cash_on_delivery',
        items: [{ itemId: watch, kind: 'listing', quantity: 1 }],
      };
      const order = (await call<Checkout>('POST', '/order', ann, body)).body.orders[0];
      expectProblem(await call('POST', '/order', bob, body), 409, 'OUT_OF_STOCK');
      expectProblem(await move(ann, order, 'cancelled', { 'if-match': '"7"' }), 412, 'PRECONDITION_FAILED');
      const cancelled = await call<Order>('POST', `/orders/${order.id}/status`, ann, {
        status: 'cancelled',
        reason: 'found it cheaper',
      });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'found it cheaper' });
      // The unit comes back once catalog has released it (the stock saga).
      await eventually(
        async () => ((await call('POST', '/order', bob, body)).status === 201 ? true : undefined),
        20_000,
        'the watch on sale again',
      );
      expectProblem(await move(ann, order, 'in_stock'), 409, 'ILLEGAL_TRANSITION');
    });

    it('moves an order once when two moves meet at one version; the other gets 412', async () => {
      const order = await placed(bob, sue);
      const answers = await atOnce(
        copies(5, (index) =>
          move(index % 2 === 0 ? sue : bob, order, index % 2 === 0 ? 'in_stock' : 'cancelled', {
            'if-match': '"1"',
          }),
        ),
      );
      expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 1, 412: 4 });
      const steps = (await call<Order>('GET', `/order/${order.id}`, bob)).body.transitions ?? [];
      expect(steps).toHaveLength(2);
    });

    it('lets admins PUT and PATCH an order (status through the machine, address before shipping) and DELETE it as a kept cancellation', async () => {
      const order = await placed(ann, null);
      const put = await call<Order>(
        'PUT',
        `/order/${order.id}`,
        admin,
        {
          status: 'in_stock',
          address: { ...SHIP_TO, line1: 'Liteyny 1' },
        },
        { 'if-match': `"${order.version}"` },
      );
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ status: 'in_stock', address: { line1: 'Liteyny 1' } });
      const patched = await call<Order>('PATCH', `/order/${order.id}`, admin, {
        address: { ...SHIP_TO, line1: 'Sadovaya 2' },
      });
      expect(patched.body).toMatchObject({ status: 'in_stock', address: { line1: 'Sadovaya 2' } });
      expectProblem(
        await call('PATCH', `/order/${order.id}`, admin, { status: 'issued' }),
        409,
        'ILLEGAL_TRANSITION',
      );

      expect((await call('DELETE', `/order/${order.id}?reason=fraud%20suspected`, admin)).status).toBe(204);
      const kept = await call<Order>('GET', `/order/${order.id}`, ann);
      expect(kept.body).toMatchObject({ status: 'cancelled', cancelReason: 'fraud suspected' });
      expect(kept.body.transitions?.at(-1)).toMatchObject({
        to: 'cancelled',
        actorRole: 'admin',
        actorId: admin.id,
      });
      // DELETE again changes nothing (the reason stays the first one).
      expect((await call('DELETE', `/order/${order.id}?reason=again`, admin)).status).toBe(204);
      expect((await call<Order>('GET', `/order/${order.id}`, ann)).body.cancelReason).toBe('fraud suspected');

      const shipped = await placed(bob, null);
      await move(admin, shipped, 'in_stock');
      await move(admin, shipped, 'in_transit');
      expectProblem(
        await call('PATCH', `/order/${shipped.id}`, admin, { address: SHIP_TO }),
        409,
        'ILLEGAL_TRANSITION',
      );
      expectProblem(await call('DELETE', `/order/${shipped.id}`, admin), 409, 'ILLEGAL_TRANSITION');
    });
  });
});
