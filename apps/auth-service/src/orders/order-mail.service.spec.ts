import type { EventEnvelope, OrderCreatedV1, OrderStatusChangedV1 } from '@agora/contracts';
import type { Inbox, Tx } from '@agora/database';
import type { MailMessage } from '@agora/mail';
import { inlineUnitOfWork, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { AuthMail } from '../mail/auth-mail.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';
import { ORDER_MAIL_CONSUMER, ORDER_MAIL_MAX_ADMINS, OrderMailService } from './order-mail.service.js';
import type { OrderMailDraft, OrderMailsRepository, PendingOrderMail } from './order-mails.repository.js';

const tx = {} as Tx;
const at = '2026-11-30T10:00:00.000Z';
const user = (id: string, role = 'user') =>
  ({ id, email: `${id}@example.com`, login: id, role }) as UserEntity;
const accounts = new Map([user('ann'), user('sam', 'seller')].map((account) => [account.id, account]));
const admins = [user('root', 'admin'), user('ops', 'admin')];

/**
 * The service over an in-memory mail queue. `applied`: whether the inbox applies the event (false: it was
 * applied before); `refuse`: recipients SMTP refuses.
 */
function harness({ applied = true, refuse = [] as string[], queued = [] as PendingOrderMail[] } = {}) {
  const queue = new Map(queued.map((mail) => [mail.id, mail]));
  let ids = 0;
  const add = vi.fn((_tx: Tx, eventId: string, drafts: readonly OrderMailDraft[]) => {
    for (const draft of drafts) {
      ids += 1;
      queue.set(`m${ids}`, { ...draft, id: `m${ids}`, eventId, attempts: 0 });
    }
    return Promise.resolve();
  });
  const putBack = vi.fn((_tx: Tx, mail: PendingOrderMail, error: string) => {
    queue.set(mail.id, { ...mail, attempts: mail.attempts + 1, lastError: error } as PendingOrderMail);
    return Promise.resolve();
  });
  const findAdmins = vi.fn(() => Promise.resolve(admins));
  const deliver = vi.fn((message: MailMessage) =>
    refuse.includes(message.to) ? Promise.reject(new Error('451 try later')) : Promise.resolve(),
  );
  const consumeOnce = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
    applied ? apply(tx).then(() => true) : Promise.resolve(false),
  );
  const service = new OrderMailService(
    strictMock<UsersRepository>('UsersRepository', {
      findAdmins,
      findById: (id: string) => Promise.resolve(accounts.get(id) ?? null),
    }),
    strictMock<OrderMailsRepository>('OrderMailsRepository', {
      add,
      putBack,
      pendingIds: (eventId: string) =>
        Promise.resolve(
          [...queue.values()].filter((mail) => mail.eventId === eventId).map((mail) => mail.id),
        ),
      take: (_tx: Tx, id: string) => {
        const mail = queue.get(id) ?? null;
        queue.delete(id);
        return Promise.resolve(mail);
      },
    }),
    strictMock<Inbox>('Inbox', { consumeOnce }),
    inlineUnitOfWork(tx),
    strictMock<AuthMail>('AuthMail', { deliver }),
  );
  return { service, queue, add, putBack, findAdmins, deliver, consumeOnce };
}

const created = (payload: Partial<OrderCreatedV1> = {}): EventEnvelope<'order.order.created.v1'> => ({
  id: 'e1',
  topic: 'order.order.created.v1',
  key: 'o1',
  occurredAt: at,
  payload: {
    orderId: 'o1',
    checkoutId: 'c1',
    buyerId: 'ann',
    sellerId: 'sam',
    paymentMethod: 'cash_on_delivery',
    currency: 'RUB',
    totalMinor: 30000,
    lines: [{ itemId: 'i1', kind: 'listing', title: 'Watch', quantity: 1, unitPriceMinor: 30000 }],
    createdAt: at,
    ...payload,
  },
});

const changed = (buyerId: string): EventEnvelope<'order.order.status-changed.v1'> => {
  const payload: OrderStatusChangedV1 = {
    orderId: 'o1',
    buyerId,
    sellerId: 'sam',
    from: 'created',
    to: 'in_stock',
    actorId: 'sam',
    actorRole: 'seller',
    reason: null,
    version: 2,
    changedAt: at,
  };
  return { id: 'e2', topic: 'order.order.status-changed.v1', key: 'o1', occurredAt: at, payload };
};

describe('OrderMailService', () => {
  it('queues a mail per admin the auth database names with the event, then sends and empties the queue', async () => {
    const { service, findAdmins, consumeOnce, add, deliver, queue } = harness();
    const event = created();
    await service.onOrderCreated(event);
    expect(consumeOnce).toHaveBeenCalledWith(ORDER_MAIL_CONSUMER, event, expect.any(Function));
    expect(findAdmins).toHaveBeenCalledWith(tx, ORDER_MAIL_MAX_ADMINS);
    expect(add).toHaveBeenCalledTimes(1);
    expect(deliver.mock.calls.map(([message]) => message.to)).toEqual([
      'root@example.com',
      'ops@example.com',
    ]);
    const [first] = deliver.mock.calls[0];
    expect(first.subject).toContain('300.00 RUB');
    expect(first.text).toMatch(/Hello root,[\s\S]*Buyer: {4}ann \(ann\)[\s\S]*Seller: {3}sam \(sam\)/);
    expect(queue.size).toBe(0);
  });

  it('names a gone buyer and the menu as the seller, still mailing the admins', async () => {
    const { service, deliver } = harness();
    await service.onOrderCreated(created({ buyerId: 'gone', sellerId: null }));
    expect(deliver).toHaveBeenCalledTimes(2);
    expect(deliver.mock.calls[1][0].text).toMatch(/a deleted account[\s\S]*Agora \(the shop menu\)/);
  });

  it('mails the buyer of a moved order, and nobody when the buyer is unknown', async () => {
    const known = harness();
    await known.service.onOrderStatusChanged(changed('ann'));
    expect(known.deliver).toHaveBeenCalledTimes(1);
    expect(known.deliver.mock.calls[0][0]).toMatchObject({ to: 'ann@example.com' });
    expect(known.deliver.mock.calls[0][0].subject).toContain('in stock');
    const unknown = harness();
    await unknown.service.onOrderStatusChanged(changed('gone'));
    expect(unknown.add).not.toHaveBeenCalled();
    expect(unknown.deliver).not.toHaveBeenCalled();
  });

  it('queues nothing again for an event the inbox applied before, and sends only what is still queued', async () => {
    const done = harness({ applied: false });
    await done.service.onOrderCreated(created());
    await done.service.onOrderStatusChanged(changed('ann'));
    expect(done.findAdmins).not.toHaveBeenCalled();
    expect(done.deliver).not.toHaveBeenCalled();
    const left = harness({
      applied: false,
      queued: [
        { id: 'm9', eventId: 'e1', recipient: 'ops@example.com', subject: 's', body: 'b', attempts: 1 },
      ],
    });
    await left.service.onOrderCreated(created());
    expect(left.deliver).toHaveBeenCalledExactlyOnceWith({ to: 'ops@example.com', subject: 's', text: 'b' });
  });

  it('puts a mail SMTP refuses back with one attempt more, sends the others, and fails for the bus to retry', async () => {
    const { service, deliver, putBack, queue } = harness({ refuse: ['root@example.com'] });
    await expect(service.onOrderCreated(created())).rejects.toThrow(
      /SMTP refused 1 order mail\(s\) of event e1: 451/,
    );
    expect(deliver).toHaveBeenCalledTimes(2);
    expect(putBack).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ recipient: 'root@example.com' }),
      '451 try later',
    );
    expect([...queue.values()]).toEqual([
      expect.objectContaining({ recipient: 'root@example.com', attempts: 1 }),
    ]);
  });
});
