import type { OrderActor, OrderStatus, PaymentMethod } from '@agora/contracts';
import { OrderErrorCode, OrderException } from '../order.errors.js';

/** An order as the machine sees it. */
export interface MachineOrder {
  readonly status: OrderStatus;
  readonly paymentMethod: PaymentMethod;
}

interface Step {
  readonly to: OrderStatus;
  /** Who may take the step. */
  readonly by: readonly OrderActor[];
  /** Only for orders paid this way. */
  readonly only?: PaymentMethod;
}

const STAFF: readonly OrderActor[] = ['seller', 'admin'];
/**
 * Before shipping, the buyer may cancel; so may the seller and admins, and order-service itself when catalog
 * cannot hold the units (the stock saga's compensation) or the order stays unpaid too long.
 */
const CANCEL: Step = { to: 'cancelled', by: ['buyer', 'seller', 'admin', 'system'] };

/**
 * The order status machine (seed 003: in stock → in transit → with courier → issued, after created and paid):
 * a card order is paid only by the payment provider before it is packed; a cash-on-delivery order is packed
 * unpaid. The seller (or an admin) moves it on; before it ships the buyer may cancel (order-service cancels
 * a card order left unpaid); a card order is refunded by the provider (an admin asks it, `POST
 * /orders/:id/refund`), a cash one by an admin. `cancelled` and `refunded` end it.
 */
export const ORDER_MACHINE: Readonly<Record<OrderStatus, readonly Step[]>> = {
  created: [
    { to: 'paid', by: ['provider'], only: 'test_card' },
    { to: 'in_stock', by: STAFF, only: 'cash_on_delivery' },
    CANCEL,
  ],
  paid: [{ to: 'in_stock', by: STAFF }, CANCEL, { to: 'refunded', by: ['provider'] }],
  in_stock: [{ to: 'in_transit', by: STAFF }, CANCEL],
  in_transit: [{ to: 'with_courier', by: STAFF }],
  with_courier: [{ to: 'issued', by: STAFF }],
  issued: [
    { to: 'refunded', by: ['provider'], only: 'test_card' },
    { to: 'refunded', by: ['admin'], only: 'cash_on_delivery' },
  ],
  cancelled: [],
  refunded: [],
};

/** The states the order may go to next (by anyone). */
export function nextStatuses(order: MachineOrder): OrderStatus[] {
  return ORDER_MACHINE[order.status]
    .filter((step) => !step.only || step.only === order.paymentMethod)
    .map((step) => step.to);
}

/**
 * Checks that `actor` may move the order to `to`: 409 ILLEGAL_TRANSITION naming the current state when the
 * state does not lead there, 403 TRANSITION_FORBIDDEN when it does but not for this actor.
 */
export function assertTransition(order: MachineOrder, to: OrderStatus, actor: OrderActor): void {
  const step = ORDER_MACHINE[order.status].find(
    (candidate) => candidate.to === to && (!candidate.only || candidate.only === order.paymentMethod),
  );
  if (!step) {
    const next = nextStatuses(order);
    throw new OrderException(
      OrderErrorCode.ILLEGAL_TRANSITION,
      `The order is ${order.status}; from there it goes ${next.length > 0 ? `to ${next.join(', ')}` : 'nowhere'}`,
      { extensions: { currentStatus: order.status, allowed: next } },
    );
  }
  if (!step.by.includes(actor)) {
    throw new OrderException(
      OrderErrorCode.TRANSITION_FORBIDDEN,
      to === 'paid'
        ? 'Only the payment provider marks an order paid'
        : to === 'refunded' && actor === 'admin'
          ? 'A card order is refunded through the payment provider: POST /orders/:id/refund'
          : `The ${actor} of an order does not move it to ${to}`,
      { extensions: { currentStatus: order.status } },
    );
  }
}

/** Whether the order has not shipped yet (the buyer may still cancel, the address may still change). */
export const beforeShipping = (status: OrderStatus): boolean =>
  status === 'created' || status === 'paid' || status === 'in_stock';
