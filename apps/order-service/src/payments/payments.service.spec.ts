import type { Tx } from '@agora/database';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { OrderException } from '../order.errors.js';
import type { OrderEntity } from '../orders/order.entity.js';
import type { OrdersRepository } from '../orders/orders.repository.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { PaymentMethodsRepository } from './payment-methods.repository.js';
import type { PaymentEvent, PaymentEventType, PaymentProvider } from './payment-provider.js';
import type { PaymentStatus } from './payment-state.js';
import type { PaymentEntity } from './payment.entity.js';
import type { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';

const tx = {} as Tx;
const ORDER = 'o1';
const PAYMENT = '0195f6a0-0000-7000-8000-0000000000a1';

function world(orderStatus: OrderEntity['status'], paymentStatus: PaymentStatus, fresh = true) {
  const order = { id: ORDER, status: orderStatus, buyerId: 'ann', sellerId: null } as OrderEntity;
  const payment = {
    id: PAYMENT,
    orderId: ORDER,
    provider: 'test',
    providerPaymentId: 'pi_1',
    status: paymentStatus,
    amountMinor: 1500,
    currency: 'KZT',
    refundRequestedAt: null,
    failureCode: null,
    failureMessage: null,
    version: 1,
  } as PaymentEntity;
  const moves: [string, string][] = [];
  const moveAs = vi.fn((_tx: Tx, moved: OrderEntity, to: OrderEntity['status'], actor: string) => {
    moved.status = to;
    moves.push([to, actor]);
    return Promise.resolve();
  });
  const refund = vi.fn(() => Promise.resolve({ ok: true as const, providerPaymentId: 'pi_1' }));
  const recordEvent = vi.fn(() => Promise.resolve(fresh));
  const event = (type: PaymentEventType): PaymentEvent => ({
    id: `evt_${type}`,
    type,
    reference: PAYMENT,
    providerPaymentId: 'pi_1',
    amountMinor: 1500,
    currency: 'KZT',
    failure: type === 'payment.failed' ? { code: 'card_declined', message: 'Declined.' } : null,
  });
  let next: PaymentEvent | null = null;
  const service = new PaymentsService(
    strictMock<PaymentProvider>('PaymentProvider', {
      name: 'test',
      verifyWebhook: () => next!,
      refund,
    }),
    strictMock<PaymentsRepository>('PaymentsRepository', {
      find: () => Promise.resolve(payment),
      lock: () => Promise.resolve(payment),
      save: (_tx: Tx, saved: PaymentEntity) => Promise.resolve(saved),
      recordEvent,
    }),
    strictMock<PaymentMethodsRepository>('PaymentMethodsRepository'),
    strictMock<OrdersRepository>('OrdersRepository', {
      find: () => Promise.resolve(order),
      lock: () => Promise.resolve(order),
    }),
    strictMock<OrdersService>('OrdersService', { moveAs }),
    inlineUnitOfWork(tx),
    pino({ level: 'silent' }),
  );
  const receive = (type: PaymentEventType) => {
    next = event(type);
    return service.receiveWebhook('{}', {});
  };
  return { order, payment, moves, refund, recordEvent, receive, service };
}

describe('PaymentsService webhooks', () => {
  it('marks a created order paid on capture, as the provider', async () => {
    const { moves, payment, receive } = world('created', 'authorized');
    expect(await receive('payment.captured')).toEqual({ received: true, duplicate: false });
    expect(payment.status).toBe('captured');
    expect(moves).toEqual([['paid', 'provider']]);
  });

  it('changes nothing for an event applied before', async () => {
    const { moves, payment, receive } = world('created', 'authorized', false);
    expect(await receive('payment.captured')).toEqual({ received: true, duplicate: true });
    expect(payment.status).toBe('authorized');
    expect(moves).toEqual([]);
  });

  it('ignores a late authorization or failure after the capture, and never moves the order back', async () => {
    const { moves, payment, receive } = world('paid', 'captured');
    await receive('payment.authorized');
    await receive('payment.failed');
    expect(payment).toMatchObject({ status: 'captured', failureCode: null });
    expect(moves).toEqual([]);
  });

  it('keeps the reason of a failure, and leaves the order created', async () => {
    const { moves, payment, receive } = world('created', 'authorized');
    await receive('payment.failed');
    expect(payment).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      failureMessage: 'Declined.',
    });
    expect(moves).toEqual([]);
  });

  it('moves a created order paid then refunded when the refund is heard before the capture', async () => {
    const { moves, receive } = world('created', 'authorized');
    await receive('payment.refunded');
    expect(moves).toEqual([
      ['paid', 'provider'],
      ['refunded', 'provider'],
    ]);
  });

  it('gives money captured for a cancelled order back, once', async () => {
    const { moves, payment, receive, refund } = world('cancelled', 'authorized');
    await receive('payment.captured');
    expect(moves).toEqual([]);
    expect(payment.refundRequestedAt).toBeInstanceOf(Date);
    expect(refund).toHaveBeenCalledTimes(1);
    await receive('payment.captured');
    expect(refund).toHaveBeenCalledTimes(1);
  });

  it('refuses a payment of an order that is not the buyer’s as not found', async () => {
    const { service } = world('created', 'authorized');
    expect(
      await rejectionOf(service.pay(actingUser('bob'), ORDER, { cardToken: 'tok' }), OrderException),
    ).toMatchObject({
      code: 'ORDER_NOT_FOUND',
      status: 404,
    });
  });

  it('records a failure the buyer can act on when the provider cannot be reached, and answers', async () => {
    const order = {
      id: ORDER,
      status: 'created',
      paymentMethod: 'test_card',
      buyerId: 'ann',
      sellerId: null,
      totalMinor: 900,
      currency: 'KZT',
    } as OrderEntity;
    const payment = {
      id: PAYMENT,
      orderId: ORDER,
      provider: 'test',
      status: 'pending',
      providerPaymentId: null,
      amountMinor: 900,
      currency: 'KZT',
      paymentMethodId: null,
      cardBrand: 'visa',
      cardLast4: '4242',
      failureCode: null,
      failureMessage: null,
      refundRequestedAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
    } as PaymentEntity;
    const service = new PaymentsService(
      strictMock<PaymentProvider>('PaymentProvider', {
        name: 'test',
        describeToken: () => Promise.resolve({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2040 }),
        authorize: () => Promise.reject(new Error('connect ECONNREFUSED')),
      }),
      strictMock<PaymentsRepository>('PaymentsRepository', {
        start: () => Promise.resolve(payment),
        lock: () => Promise.resolve(payment),
        save: (_tx: Tx, saved: PaymentEntity) => Promise.resolve(saved),
      }),
      strictMock<PaymentMethodsRepository>('PaymentMethodsRepository'),
      strictMock<OrdersRepository>('OrdersRepository', {
        find: () => Promise.resolve(order),
        lock: () => Promise.resolve(order),
      }),
      strictMock<OrdersService>('OrdersService'),
      inlineUnitOfWork(tx),
      pino({ level: 'silent' }),
    );
    expect(await service.pay(actingUser('ann'), ORDER, { cardToken: 'tok' })).toMatchObject({
      status: 'failed',
      failure: { code: 'provider_unavailable' },
    });
    expect(order.status).toBe('created');
  });
});
