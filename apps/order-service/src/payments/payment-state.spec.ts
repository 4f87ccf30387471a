import { ORDER_STATUSES } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import {
  advance,
  EVENT_STATUS,
  orderMovesFor,
  owesRefund,
  PAYMENT_STATUSES,
  type PaymentStatus,
} from './payment-state.js';
import type { PaymentEventType } from './payment-provider.js';

/** The payment's state after the events, in the order given, from `pending`. */
const heard = (...events: PaymentEventType[]): PaymentStatus =>
  events.reduce<PaymentStatus>((status, event) => advance(status, EVENT_STATUS[event]), 'pending');

/** Every order of the events. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) {
    return [[...items]];
  }
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('payment state from provider events in any order', () => {
  it('ends where the furthest event says, whatever order they came in', () => {
    for (const order of permutations<PaymentEventType>(['payment.authorized', 'payment.captured'])) {
      expect(heard(...order)).toBe('captured');
    }
    for (const order of permutations<PaymentEventType>([
      'payment.authorized',
      'payment.captured',
      'payment.refunded',
    ])) {
      expect(heard(...order)).toBe('refunded');
    }
    for (const order of permutations<PaymentEventType>(['payment.authorized', 'payment.failed'])) {
      expect(heard(...order)).toBe('failed');
    }
  });

  it('never goes back, and a repeated event changes nothing', () => {
    expect(heard('payment.captured', 'payment.authorized')).toBe('captured');
    expect(heard('payment.captured', 'payment.failed')).toBe('captured');
    expect(heard('payment.refunded', 'payment.captured')).toBe('refunded');
    expect(heard('payment.captured', 'payment.captured', 'payment.captured')).toBe('captured');
    for (const current of PAYMENT_STATUSES) {
      for (const reported of PAYMENT_STATUSES) {
        const next = advance(current, reported);
        expect([current, reported]).toContain(next);
        expect(advance(next, current)).toBe(next);
      }
    }
  });

  it('moves a created order to paid on capture, and a paid or issued one to refunded on refund', () => {
    expect(orderMovesFor('created', 'captured')).toEqual(['paid']);
    expect(orderMovesFor('created', 'refunded')).toEqual(['paid', 'refunded']);
    expect(orderMovesFor('paid', 'refunded')).toEqual(['refunded']);
    expect(orderMovesFor('issued', 'refunded')).toEqual(['refunded']);
  });

  it('never moves an order backwards or out of an end state', () => {
    for (const status of ORDER_STATUSES) {
      expect(orderMovesFor(status, 'pending')).toEqual([]);
      expect(orderMovesFor(status, 'authorized')).toEqual([]);
      expect(orderMovesFor(status, 'failed')).toEqual([]);
      if (status !== 'created') {
        expect(orderMovesFor(status, 'captured')).toEqual([]);
      }
    }
    for (const status of ['in_stock', 'in_transit', 'with_courier', 'cancelled', 'refunded'] as const) {
      expect(orderMovesFor(status, 'refunded')).toEqual([]);
    }
  });

  it('owes the money back only for a cancelled order whose payment was captured', () => {
    expect(owesRefund('cancelled', 'captured')).toBe(true);
    expect(owesRefund('cancelled', 'refunded')).toBe(false);
    expect(owesRefund('cancelled', 'authorized')).toBe(false);
    expect(owesRefund('paid', 'captured')).toBe(false);
  });
});
