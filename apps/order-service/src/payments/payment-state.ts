import type { OrderStatus } from '@agora/contracts';
import type { PaymentEventType } from './payment-provider.js';

/**
 * A card payment's states, in the only order they go: `pending` (asked of the provider) → `authorized` →
 * `captured` → `refunded`, or `failed` before the money is taken. Events may arrive in any order and more
 * than once, so a payment takes the furthest state it has heard of and never goes back: a late
 * `payment.authorized` after `payment.captured` changes nothing, a `payment.failed` after the capture is
 * ignored (the money was taken), a `payment.captured` after the refund leaves it refunded.
 */
export const PAYMENT_STATUSES = ['pending', 'authorized', 'failed', 'captured', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const RANK: Readonly<Record<PaymentStatus, number>> = {
  pending: 0,
  authorized: 1,
  failed: 2,
  captured: 3,
  refunded: 4,
};

/** The state a provider event reports. */
export const EVENT_STATUS: Readonly<Record<PaymentEventType, PaymentStatus>> = {
  'payment.authorized': 'authorized',
  'payment.captured': 'captured',
  'payment.failed': 'failed',
  'payment.refunded': 'refunded',
};

/** The payment's state after hearing `reported`: the further of the two. */
export function advance(current: PaymentStatus, reported: PaymentStatus): PaymentStatus {
  return RANK[reported] > RANK[current] ? reported : current;
}

/** Whether a payment in this state blocks a new attempt on its order (only failed ones do not). */
export const isLive = (status: PaymentStatus): boolean => status !== 'failed';

/**
 * The order's moves (by the provider) that bring it in line with its payment, never backwards: a captured
 * payment makes a `created` order `paid`; a refunded one makes a paid or issued order `refunded` — and a
 * `created` one `paid` then `refunded` (its capture was heard of only through the refund). An order that went
 * on (packed, shipped, cancelled) is not moved.
 */
export function orderMovesFor(order: OrderStatus, payment: PaymentStatus): OrderStatus[] {
  if (payment === 'captured') {
    return order === 'created' ? ['paid'] : [];
  }
  if (payment === 'refunded') {
    if (order === 'created') {
      return ['paid', 'refunded'];
    }
    return order === 'paid' || order === 'issued' ? ['refunded'] : [];
  }
  return [];
}

/** Money taken for an order that was cancelled (the payment timed out first, or the buyer cancelled): it goes back. */
export const owesRefund = (order: OrderStatus, payment: PaymentStatus): boolean =>
  order === 'cancelled' && payment === 'captured';
