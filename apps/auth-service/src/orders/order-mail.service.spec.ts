import type { EventEnvelope, OrderCreatedV1, OrderStatusChangedV1 } from '@agora/contracts';
import type { Inbox, Tx } from '@agora/database';
import { strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { AuthMail } from '../mail/auth-mail.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';
import { ORDER_MAIL_CONSUMER, ORDER_MAIL_MAX_ADMINS, OrderMailService } from './order-mail.service.js';

const tx = {} as Tx;
const at = '2026-11-30T10:00:00.000Z';
const user = (id: string, role = 'user') =>
  ({ id, email: `${id}@example.com`, login: id, role }) as UserEntity;
const accounts = new Map([user('ann'), user('sam', 'seller')].map((account) => [account.id, account]));
const admins = [user('root', 'admin'), user('ops', 'admin')];

function harness(applied = true) {
  const findAdmins = vi.fn(() => Promise.resolve(admins));
  const findById = vi.fn((id: string) => Promise.resolve(accounts.get(id) ?? null));
  const sendOrderPlaced = vi.fn(() => Promise.resolve());
  const sendOrderStatusChanged = vi.fn(() => Promise.resolve());
  const consumeOnce = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
    applied ? apply(tx).then(() => true) : Promise.resolve(false),
  );
  const service = new OrderMailService(
    strictMock<UsersRepository>('UsersRepository', { findAdmins, findById }),
    strictMock<Inbox>('Inbox', { consumeOnce }),
    strictMock<AuthMail>('AuthMail', { sendOrderPlaced, sendOrderStatusChanged }),
  );
  return { service, findAdmins, findById, sendOrderPlaced, sendOrderStatusChanged, consumeOnce };
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
  it('mails every admin the auth database names, with the buyer and seller logins, once the event is recorded', async () => {
    const { service, findAdmins, consumeOnce, sendOrderPlaced } = harness();
    const event = created();
    await service.onOrderCreated(event);
    expect(consumeOnce).toHaveBeenCalledWith(ORDER_MAIL_CONSUMER, event, expect.any(Function));
    expect(findAdmins).toHaveBeenCalledWith(tx, ORDER_MAIL_MAX_ADMINS);
    expect(sendOrderPlaced.mock.calls).toEqual([
      ['root@example.com', 'root', event.payload, { buyer: 'ann', seller: 'sam' }],
      ['ops@example.com', 'ops', event.payload, { buyer: 'ann', seller: 'sam' }],
    ]);
  });

  it('names no seller for a menu order and a gone buyer as null, still mailing the admins', async () => {
    const { service, findById, sendOrderPlaced } = harness();
    await service.onOrderCreated(created({ buyerId: 'gone', sellerId: null }));
    expect(findById.mock.calls.map(([id]) => id)).toEqual(['gone']);
    expect(sendOrderPlaced).toHaveBeenCalledTimes(2);
    expect(sendOrderPlaced).toHaveBeenLastCalledWith('ops@example.com', 'ops', expect.anything(), {
      buyer: null,
      seller: null,
    });
  });

  it('mails the buyer of a moved order, and nobody when the buyer is unknown', async () => {
    const known = harness();
    const event = changed('ann');
    await known.service.onOrderStatusChanged(event);
    expect(known.sendOrderStatusChanged).toHaveBeenCalledExactlyOnceWith(
      'ann@example.com',
      'ann',
      event.payload,
    );
    const unknown = harness();
    await unknown.service.onOrderStatusChanged(changed('gone'));
    expect(unknown.sendOrderStatusChanged).not.toHaveBeenCalled();
  });

  it('mails nothing for an event the inbox already applied', async () => {
    const again = harness(false);
    await again.service.onOrderCreated(created());
    await again.service.onOrderStatusChanged(changed('ann'));
    expect(again.findAdmins).not.toHaveBeenCalled();
    expect(again.sendOrderPlaced).not.toHaveBeenCalled();
    expect(again.sendOrderStatusChanged).not.toHaveBeenCalled();
  });
});
