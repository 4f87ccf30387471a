import {
  connectRealtime,
  eventually,
  queryRows,
  startSmtpInbox,
  type RealtimeClient,
  type ReceivedMail,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { GatewayApi } from './support/gateway-api.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { adminEnv, IdentityClient, TEST_ADMIN, type SignedInUser } from './support/identity-client.js';

interface Order {
  id: string;
  buyerId: string;
  sellerId: string | null;
  status: string;
  version: number;
}

interface Checkout {
  id: string;
  orders: Order[];
}

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

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };

/**
 * Mail and notifications about orders through `npm start`'s gateway (issue 16, seed 001): a checkout mails
 * every admin on a real SMTP server and notifies the seller; each move of a cash-on-delivery order mails the
 * buyer (the new state in words, a cancellation's reason) and notifies them over the socket and by REST.
 */
describe('order mail and notifications through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let admin: SignedInUser;
  let moderator: SignedInUser;
  let ann: SignedInUser;
  let sam: SignedInUser;
  const sockets: RealtimeClient[] = [];
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  const socketOf = async (user: SignedInUser): Promise<RealtimeClient> => {
    const client = await connectRealtime(platform.gatewayUrl, { token: user.token });
    sockets.push(client);
    return client;
  };

  /** A listing of `seller`'s at `price` RUB, once order-service knows it. */
  const listing = async (seller: SignedInUser, title: string, price: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/listings', seller, {
      title,
      price,
      currency: 'RUB',
      status: 'active',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(
      async () =>
        (
          await queryRows(platform.adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1`, [
            created.body.id,
          ])
        ).length > 0 || undefined,
      20_000,
      `order-service to know ${title}`,
    );
    return created.body.id;
  };

  const buy = async (buyer: SignedInUser, itemId: string): Promise<Order> => {
    const placed = await call<Checkout>('POST', '/order', buyer, {
      address: SHIP_TO,
      paymentMethod: 'cash_on_delivery',
      items: [{ itemId, kind: 'listing', quantity: 1 }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    return placed.body.orders[0];
  };

  /** The mails to `address` so far that name the order. */
  const mailsAbout = (address: string, orderId: string): ReceivedMail[] =>
    inbox.messages.filter((mail) => mail.to.includes(address) && mail.text.includes(orderId));

  const notificationsOf = async (user: SignedInUser, orderId: string) =>
    (await call<Page<Notification>>('GET', '/notifications?limit=100', user)).body.items.filter(
      (notification) => notification.orderId === orderId,
    );

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'ordermail', { env: adminEnv(inbox) });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    moderator = await api.socialUser(users, 'om_mod', 'moderator');
    ann = await api.socialUser(users, 'om_ann');
    sam = await api.socialUser(users, 'om_sam', 'seller');
  }, 240_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) {
      socket.close();
    }
  });

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('mails the admin on the real SMTP server about a checkout, and notifies the seller over the socket', async () => {
    const samSocket = await socketOf(sam);
    const itemId = await listing(sam, 'Seiko <b>5</b> & co', '1250.50');
    const notified = samSocket.next<Notification>('notification', (n) => n.kind === 'order-placed');
    const order = await buy(ann, itemId);

    const mail = await inbox.next(TEST_ADMIN.email, (received) => received.text.includes(order.id));
    expect(mail.subject).toBe(`New Agora order …${order.id.slice(-12)}: 1250.50 RUB`);
    expect(mail.text).toContain(`Order:    ${order.id}`);
    expect(mail.text).toContain(`Buyer:    om_ann (${ann.id})`);
    expect(mail.text).toContain(`Seller:   om_sam (${sam.id})`);
    expect(mail.text).toContain('Payment:  cash on delivery');
    expect(mail.text).toContain('- 1 × Seiko <b>5</b> & co at 1250.50 RUB = 1250.50 RUB');
    expect(mail.text).toContain('Total:    1250.50 RUB');
    expect(mail.raw).not.toMatch(/Content-Type: text\/html/i);

    expect(await notified).toMatchObject({
      kind: 'order-placed',
      actorId: ann.id,
      orderId: order.id,
      orderStatus: 'created',
      readAt: null,
    });
    expect(await notificationsOf(sam, order.id)).toHaveLength(1);
    // Only admins hear of orders by mail; the order's own people do not get the admin's mail.
    await eventually(
      () => Promise.resolve(mailsAbout(TEST_ADMIN.email, order.id).length === 1 ? true : undefined),
      10_000,
      'the one admin mail',
    );
    for (const other of [moderator, ann, sam]) {
      expect(mailsAbout(`${other.login}@example.com`, order.id)).toEqual([]);
    }
  });

  it('mails and notifies the buyer once per move of a cash order, up to issued', async () => {
    const order = await buy(ann, await listing(sam, 'Walk watch', '300'));
    const annSocket = await socketOf(ann);
    const steps = ['in_stock', 'in_transit', 'with_courier', 'issued'];
    const pushed = steps.map((status) =>
      annSocket.next<Notification>(
        'notification',
        (n) => n.orderId === order.id && n.orderStatus === status,
        20_000,
      ),
    );
    let version = order.version;
    for (const status of steps) {
      const moved = await call<Order>(
        'POST',
        `/orders/${order.id}/status`,
        sam,
        { status },
        { 'if-match': `"${version}"` },
      );
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      version = moved.body.version;
    }
    for (const notification of await Promise.all(pushed)) {
      expect(notification).toMatchObject({ kind: 'order-status', actorId: sam.id, orderId: order.id });
    }

    const buyerMails = await eventually(
      () => {
        const mails = mailsAbout(`${ann.login}@example.com`, order.id);
        return Promise.resolve(mails.length >= steps.length ? mails : undefined);
      },
      20_000,
      'a mail per move',
    );
    expect(buyerMails.map((mail) => mail.subject.replace(/…\w+/, '…'))).toEqual([
      'Your Agora order … is in stock and being packed',
      'Your Agora order … is in transit',
      'Your Agora order … is with the courier',
      'Your Agora order … is issued',
    ]);
    expect(buyerMails[3].text).toContain('is issued now (it was with the courier).');
    expect(buyerMails[3].text).toContain('Changed by the seller');

    const listed = await notificationsOf(ann, order.id);
    expect(listed.map((notification) => notification.orderStatus)).toEqual([...steps].reverse());
    const unread = await call<{ count: number }>('GET', '/notifications/unread', ann);
    expect(unread.body.count).toBeGreaterThanOrEqual(steps.length);
    const read = await call<{ count: number }>('POST', '/notifications/read', ann, {
      ids: listed.map((notification) => notification.id),
    });
    expect(read.body.count).toBe(unread.body.count - steps.length);
    // The seller does not get the buyer's mail.
    expect(mailsAbout(`${sam.login}@example.com`, order.id)).toEqual([]);
  });

  it("mails a cancellation's reason to the buyer; the buyer's own cancel is mailed but not notified", async () => {
    const byAdmin = await buy(ann, await listing(sam, 'Cancelled watch', '100'));
    expect(
      (
        await call(
          'DELETE',
          `/order/${byAdmin.id}?reason=${encodeURIComponent('Suspected fraud\n<script>')}`,
          admin,
        )
      ).status,
    ).toBe(204);
    const cancelled = await inbox.next(`${ann.login}@example.com`, (mail) => mail.text.includes(byAdmin.id));
    expect(cancelled.subject).toContain('is cancelled');
    expect(cancelled.text).toContain('Changed by an Agora admin');
    expect(cancelled.text).toMatch(/Reason:\n {2}Suspected fraud/);
    await eventually(
      async () => ((await notificationsOf(ann, byAdmin.id)).length === 1 ? true : undefined),
      10_000,
      'the cancellation notice',
    );

    const byBuyer = await buy(ann, await listing(sam, 'Regretted watch', '100'));
    const own = await call<Order>('POST', `/orders/${byBuyer.id}/status`, ann, {
      status: 'cancelled',
      reason: 'Changed my mind',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const confirmation = await inbox.next(`${ann.login}@example.com`, (mail) =>
      mail.text.includes(byBuyer.id),
    );
    expect(confirmation.text).toContain('Changed by you');
    expect(confirmation.text).toContain('Changed my mind');
    expect(await notificationsOf(ann, byBuyer.id)).toEqual([]);
  });
});
