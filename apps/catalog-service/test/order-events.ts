import type {
  EventEnvelope,
  OrderActor,
  OrderLineV1,
  OrderStatus,
  PayloadOf,
  PaymentMethod,
  Topic,
} from '@agora/contracts';
import { newId } from '@agora/database';

/** Order-service's events as the catalog's medium specs deliver them (the stock saga and purchases). */
export const envelope = <T extends Topic>(
  topic: T,
  key: string,
  payload: PayloadOf<T>,
): EventEnvelope<T> => ({
  id: newId(),
  topic,
  key,
  occurredAt: new Date().toISOString(),
  payload,
});

/** One line of an order, at 100.00 a unit. */
export const orderLine = (kind: 'product' | 'listing', itemId: string, quantity = 1): OrderLineV1 => ({
  itemId,
  kind,
  title: `${kind} ${itemId.slice(-4)}`,
  quantity,
  unitPriceMinor: 10000,
});

/** `order.order.created.v1` of a new order. */
export const orderPlaced = (
  buyerId: string,
  lines: OrderLineV1[],
  {
    orderId = newId(),
    paymentMethod = 'cash_on_delivery',
  }: { orderId?: string; paymentMethod?: PaymentMethod } = {},
) =>
  envelope('order.order.created.v1', orderId, {
    orderId,
    checkoutId: newId(),
    buyerId,
    sellerId: null,
    paymentMethod,
    currency: 'RUB',
    totalMinor: 10000,
    lines,
    createdAt: new Date().toISOString(),
  });

/** `order.order.status-changed.v1`: the order moved `from` → `to`, reaching `version`. */
export const orderMoved = (
  buyerId: string,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  version: number,
  actorRole: OrderActor = 'seller',
) =>
  envelope('order.order.status-changed.v1', orderId, {
    orderId,
    buyerId,
    sellerId: null,
    from,
    to,
    actorId: null,
    actorRole,
    reason: null,
    version,
    changedAt: new Date().toISOString(),
  });
