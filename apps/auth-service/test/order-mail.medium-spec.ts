import type { EventEnvelope, OrderStatusChangedV1 } from '@agora/contracts';
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
import { authServiceDefinition } from '../src/auth-service.definition.js';

const ROOT = { email: 'om-root@example.com', password: 'root admin passphrase' };

interface Account {
  readonly id: string;
  readonly email: string;
}

/**
 * Order mail from order-service's events on real PostgreSQL and a real SMTP server: every admin (by role in
 * auth's own table) hears of each new order once, however often and at once the event is delivered; the
 * buyer hears of each move; nobody else is mailed, and an unknown buyer is skipped without dead-lettering.
 */
describe('auth-service: order mail', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let client: AuthTestClient;
  let second: Account;
  let buyer: Account;
  let seller: Account;
  let moderator: Account;
  /** How many more times SMTP refuses each address (a temporary 450). */
  const refusals = new Map<string, number>();

  const account = async (login: string, role?: string): Promise<Account> => {
    const signed = await client.signedIn(login);
    if (role) {
      const token = (
        await client.call<{ accessToken: string }>('POST', '/authentication', {
          body: { login: ROOT.email, password: ROOT.password },
        })
      ).body.accessToken;
      const changed = await client.call('PUT', `/users/${signed.id}/role`, { body: { role }, token });
      expect(changed.status).toBe(200);
    }
    return { id: signed.id, email: `${login}@example.com` };
  };

  /** Every message so far to `address` whose text names `orderId`. */
  const mailsAbout = (address: string, orderId: string) =>
    inbox.messages.filter((mail) => mail.to.includes(address) && mail.text.includes(orderId));

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

  const placed = (orderId: string) =>
    envelope('order.order.created.v1', orderId, {
      orderId,
      checkoutId: uuidv7(),
      buyerId: buyer.id,
      sellerId: null,
      paymentMethod: 'test_card',
      currency: 'JPY',
      totalMinor: 1200,
      lines: [{ itemId: uuidv7(), kind: 'product', title: 'Matcha', quantity: 2, unitPriceMinor: 600 }],
      createdAt: new Date().toISOString(),
    });

  const queued = (eventId: string) =>
    queryRows<{ recipient: string; attempts: number; last_error: string }>(
      adminUrl,
      `SELECT recipient, attempts, last_error FROM auth.order_mails WHERE event_id = $1`,
      [eventId],
    );

  const moved = (orderId: string, buyerId: string, change: Partial<OrderStatusChangedV1> = {}) =>
    envelope('order.order.status-changed.v1', orderId, {
      orderId,
      buyerId,
      sellerId: seller.id,
      from: 'created',
      to: 'in_stock',
      actorId: seller.id,
      actorRole: 'seller',
      reason: null,
      version: 2,
      changedAt: new Date().toISOString(),
      ...change,
    });

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox({
      refuse: (address) => {
        const left = refusals.get(address) ?? 0;
        refusals.set(address, left - 1);
        return left > 0;
      },
    });
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition], {
      SMTP_URL: inbox.url,
      ADMIN_EMAIL: ROOT.email,
      ADMIN_LOGIN: 'omroot',
      ADMIN_PASSWORD: ROOT.password,
    });
    client = new AuthTestClient(platform.services.auth.url, inbox);
    second = await account('om_admin2', 'admin');
    buyer = await account('om_buyer');
    seller = await account('om_seller', 'seller');
    moderator = await account('om_mod', 'moderator');
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('mails each admin once per new order, with its lines and total, and nobody else', async () => {
    const orderId = uuidv7();
    const event = envelope('order.order.created.v1', orderId, {
      orderId,
      checkoutId: uuidv7(),
      buyerId: buyer.id,
      sellerId: seller.id,
      paymentMethod: 'cash_on_delivery',
      currency: 'RUB',
      totalMinor: 75150,
      lines: [
        { itemId: uuidv7(), kind: 'product', title: 'Espresso', quantity: 3, unitPriceMinor: 15050 },
        {
          itemId: uuidv7(),
          kind: 'listing',
          title: 'Watch\nBcc: x@example.com',
          quantity: 1,
          unitPriceMinor: 30000,
        },
      ],
      createdAt: new Date().toISOString(),
    });
    await atOnce(copies(6, () => platform.bus.publish([event])));
    await platform.bus.publish([event]);

    for (const email of [ROOT.email, second.email]) {
      const mails = mailsAbout(email, orderId);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain('751.50 RUB');
      expect(mails[0].text).toContain(`Buyer:    om_buyer (${buyer.id})`);
      expect(mails[0].text).toContain(`Seller:   om_seller (${seller.id})`);
      expect(mails[0].text).toContain('- 3 × Espresso at 150.50 RUB = 451.50 RUB');
      expect(mails[0].text).toContain('- 1 × Watch Bcc: x@example.com at 300.00 RUB');
      expect(mails[0].to).toEqual([email]);
    }
    for (const other of [buyer, seller, moderator]) {
      expect(mailsAbout(other.email, orderId)).toEqual([]);
    }
    expect(inbox.messages.filter((mail) => mail.to.includes('x@example.com'))).toEqual([]);
  });

  it('mails the buyer once per move, with the reason of a cancellation', async () => {
    const orderId = uuidv7();
    const packed = moved(orderId, buyer.id);
    await atOnce(copies(4, () => platform.bus.publish([packed])));
    await platform.bus.publish([
      moved(orderId, buyer.id, {
        from: 'in_stock',
        to: 'cancelled',
        actorId: second.id,
        actorRole: 'admin',
        reason: 'Sold out, sorry',
        version: 3,
      }),
    ]);
    const mails = mailsAbout(buyer.email, orderId);
    expect(mails.map((mail) => mail.subject.replace(/…\w+/, '…'))).toEqual([
      'Your Agora order … is in stock and being packed',
      'Your Agora order … is cancelled',
    ]);
    expect(mails[1].text).toContain('Reason:\n  Sold out, sorry');
    expect(mailsAbout(seller.email, orderId)).toEqual([]);
  });

  it('mails nobody for a buyer auth does not know, and does not dead-letter the event', async () => {
    const orderId = uuidv7();
    const before = inbox.messages.length;
    const stranger = moved(orderId, uuidv7());
    await platform.bus.publish([stranger]);
    expect(inbox.messages.slice(before).filter((mail) => mail.text.includes(orderId))).toEqual([]);
    expect(platform.bus.deadLetters.map((letter) => letter.event.id)).not.toContain(stranger.id);
  });

  it('retries an event whose mail SMTP refused, sending again only the refused one', async () => {
    const orderId = uuidv7();
    const event = placed(orderId);
    refusals.set(second.email, 2);
    await platform.bus.publish([event]);
    expect(mailsAbout(ROOT.email, orderId)).toHaveLength(1);
    expect(mailsAbout(second.email, orderId)).toHaveLength(1);
    expect(mailsAbout(second.email, orderId)[0].subject).toContain('1200 JPY');
    expect(platform.bus.deadLetters.map((letter) => letter.event.id)).not.toContain(event.id);
    expect(await queued(event.id)).toEqual([]);
  });

  it('dead-letters the event after its last attempt, the refused mail left queued and nothing sent twice', async () => {
    const orderId = uuidv7();
    const event = placed(orderId);
    refusals.set(second.email, Number.POSITIVE_INFINITY);
    await platform.bus.publish([event]);
    refusals.delete(second.email);
    expect(platform.bus.deadLetters.map((letter) => letter.event.id)).toContain(event.id);
    expect(mailsAbout(ROOT.email, orderId)).toHaveLength(1);
    expect(mailsAbout(second.email, orderId)).toEqual([]);
    expect(await queued(event.id)).toEqual([
      { recipient: second.email, attempts: 3, last_error: expect.stringContaining('450') as string },
    ]);
  });
});
