import { ORDER_ACTORS, ORDER_STATUSES, type OrderActor, type OrderStatus } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { OrderException } from '../order.errors.js';
import { assertTransition, nextStatuses, type MachineOrder } from './order-status.js';

const card = (status: OrderStatus): MachineOrder => ({ status, paymentMethod: 'test_card' });
const cash = (status: OrderStatus): MachineOrder => ({ status, paymentMethod: 'cash_on_delivery' });

function outcome(order: MachineOrder, to: OrderStatus, actor: OrderActor): string {
  try {
    assertTransition(order, to, actor);
    return 'ok';
  } catch (error) {
    return (error as OrderException).code;
  }
}

describe('order status machine', () => {
  it('walks a card order from created to issued, each step by its part', () => {
    expect(outcome(card('created'), 'paid', 'provider')).toBe('ok');
    expect(outcome(card('paid'), 'in_stock', 'seller')).toBe('ok');
    expect(outcome(card('in_stock'), 'in_transit', 'seller')).toBe('ok');
    expect(outcome(card('in_transit'), 'with_courier', 'admin')).toBe('ok');
    expect(outcome(card('with_courier'), 'issued', 'seller')).toBe('ok');
    expect(outcome(card('issued'), 'refunded', 'provider')).toBe('ok');
  });

  it('refunds a card order only through the provider, a cash one by an admin', () => {
    expect(outcome(card('paid'), 'refunded', 'provider')).toBe('ok');
    expect(outcome(card('paid'), 'refunded', 'admin')).toBe('TRANSITION_FORBIDDEN');
    expect(outcome(card('issued'), 'refunded', 'admin')).toBe('TRANSITION_FORBIDDEN');
    expect(outcome(cash('issued'), 'refunded', 'admin')).toBe('ok');
    expect(outcome(cash('issued'), 'refunded', 'provider')).toBe('TRANSITION_FORBIDDEN');
  });

  it('lets order-service itself cancel an order before it ships (an unpaid card order timing out)', () => {
    expect(outcome(card('created'), 'cancelled', 'system')).toBe('ok');
    expect(outcome(card('in_transit'), 'cancelled', 'system')).toBe('ILLEGAL_TRANSITION');
  });

  it('packs a cash-on-delivery order unpaid, and a card order only once paid', () => {
    expect(outcome(cash('created'), 'in_stock', 'seller')).toBe('ok');
    expect(outcome(cash('created'), 'paid', 'provider')).toBe('ILLEGAL_TRANSITION');
    expect(outcome(card('created'), 'in_stock', 'seller')).toBe('ILLEGAL_TRANSITION');
  });

  it('lets order-service itself cancel before shipping (catalog could not hold the units), and move nothing on', () => {
    for (const status of ['created', 'paid', 'in_stock'] as const) {
      expect(outcome(card(status), 'cancelled', 'system')).toBe('ok');
      expect(outcome(cash(status === 'paid' ? 'created' : status), 'cancelled', 'system')).toBe('ok');
    }
    expect(outcome(card('in_transit'), 'cancelled', 'system')).toBe('ILLEGAL_TRANSITION');
    expect(outcome(cash('created'), 'in_stock', 'system')).toBe('TRANSITION_FORBIDDEN');
  });

  it('lets only the payment provider mark an order paid', () => {
    for (const actor of ['buyer', 'seller', 'admin', 'system'] as const) {
      expect(outcome(card('created'), 'paid', actor)).toBe('TRANSITION_FORBIDDEN');
    }
  });

  it('lets the buyer cancel before shipping only, and never move it on', () => {
    for (const status of ['created', 'paid', 'in_stock'] as const) {
      expect(outcome(card(status), 'cancelled', 'buyer')).toBe('ok');
    }
    for (const status of ['in_transit', 'with_courier', 'issued'] as const) {
      expect(outcome(card(status), 'cancelled', 'buyer')).toBe('ILLEGAL_TRANSITION');
      expect(outcome(card(status), 'cancelled', 'admin')).toBe('ILLEGAL_TRANSITION');
    }
    expect(outcome(cash('created'), 'in_stock', 'buyer')).toBe('TRANSITION_FORBIDDEN');
    expect(outcome(card('in_transit'), 'with_courier', 'buyer')).toBe('TRANSITION_FORBIDDEN');
    expect(outcome(card('issued'), 'refunded', 'buyer')).toBe('TRANSITION_FORBIDDEN');
  });

  it('ends at cancelled and refunded, and never skips a step', () => {
    for (const to of ORDER_STATUSES) {
      for (const actor of ORDER_ACTORS) {
        expect(outcome(card('cancelled'), to, actor)).toBe('ILLEGAL_TRANSITION');
        expect(outcome(card('refunded'), to, actor)).toBe('ILLEGAL_TRANSITION');
      }
    }
    expect(outcome(card('paid'), 'issued', 'admin')).toBe('ILLEGAL_TRANSITION');
    expect(outcome(card('in_stock'), 'with_courier', 'seller')).toBe('ILLEGAL_TRANSITION');
    expect(outcome(card('issued'), 'created', 'admin')).toBe('ILLEGAL_TRANSITION');
  });

  it('names the current state and where it may go in a refusal', () => {
    try {
      assertTransition(card('in_transit'), 'cancelled', 'buyer');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OrderException);
      expect((error as OrderException).extras.extensions).toEqual({
        currentStatus: 'in_transit',
        allowed: ['with_courier'],
      });
      expect((error as OrderException).message).toContain('The order is in_transit');
    }
  });

  it('lists the next states by payment method', () => {
    expect(nextStatuses(card('created'))).toEqual(['paid', 'cancelled']);
    expect(nextStatuses(cash('created'))).toEqual(['in_stock', 'cancelled']);
    expect(nextStatuses(card('refunded'))).toEqual([]);
  });
});
