import { id, instant, integer, listOf, nullable, object, oneOf, text, type PayloadSchema } from './schema.js';

/**
 * order-service's topics and payloads, registered in `TopicPayloads` (topics.ts). Keys: the order id, so
 * one order's events stay in order.
 */

/**
 * An order's states (seed 003: in stock → in transit → with courier → issued), after `created` and `paid`;
 * `cancelled` and `refunded` end it early.
 */
export const ORDER_STATUSES = [
  'created',
  'paid',
  'in_stock',
  'in_transit',
  'with_courier',
  'issued',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How a buyer pays; payments proper (a provider, saved methods) come later. */
export const PAYMENT_METHODS = ['cash_on_delivery', 'test_card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Who moved an order: its buyer, its seller, an admin, the payment provider, or order-service itself. */
export const ORDER_ACTORS = ['buyer', 'seller', 'admin', 'provider', 'system'] as const;
export type OrderActor = (typeof ORDER_ACTORS)[number];

/** Kinds of items an order holds. */
export const ORDER_ITEM_KINDS = ['product', 'listing'] as const;

export interface OrderLineV1 {
  itemId: string;
  kind: (typeof ORDER_ITEM_KINDS)[number];
  title: string;
  quantity: number;
  /** In minor units of the order's currency (kopecks, cents). */
  unitPriceMinor: number;
}

/** A checkout placed an order (one per seller): stock for its lines is reserved in order-service. */
export interface OrderCreatedV1 {
  orderId: string;
  checkoutId: string;
  buyerId: string;
  /** Null for the shop's own menu products. */
  sellerId: string | null;
  paymentMethod: PaymentMethod;
  /** ISO 4217. */
  currency: string;
  totalMinor: number;
  lines: OrderLineV1[];
  createdAt: string;
}

/** An order moved from one state to another (recorded with who and when). */
export interface OrderStatusChangedV1 {
  orderId: string;
  buyerId: string;
  sellerId: string | null;
  from: OrderStatus;
  to: OrderStatus;
  /** The user who moved it; null for the payment provider and order-service itself. */
  actorId: string | null;
  actorRole: OrderActor;
  reason: string | null;
  /** The order's version after the change; consumers drop older ones. */
  version: number;
  changedAt: string;
}

export interface OrderTopicPayloads {
  'order.order.created.v1': OrderCreatedV1;
  'order.order.status-changed.v1': OrderStatusChangedV1;
}

export const OrderTopics = {
  OrderCreated: 'order.order.created.v1',
  OrderStatusChanged: 'order.order.status-changed.v1',
} as const satisfies Record<string, keyof OrderTopicPayloads>;

export const OrderLineV1Schema: PayloadSchema<OrderLineV1> = {
  itemId: id(),
  kind: oneOf(ORDER_ITEM_KINDS),
  title: text({ max: 1000 }),
  quantity: integer(1),
  unitPriceMinor: integer(0),
};

export const OrderCreatedV1Schema: PayloadSchema<OrderCreatedV1> = {
  orderId: id(),
  checkoutId: id(),
  buyerId: id(),
  sellerId: nullable(id()),
  paymentMethod: oneOf(PAYMENT_METHODS),
  currency: text({ max: 3 }),
  totalMinor: integer(0),
  lines: listOf(object(OrderLineV1Schema), { min: 1, max: 1000 }),
  createdAt: instant(),
};

export const OrderStatusChangedV1Schema: PayloadSchema<OrderStatusChangedV1> = {
  orderId: id(),
  buyerId: id(),
  sellerId: nullable(id()),
  from: oneOf(ORDER_STATUSES),
  to: oneOf(ORDER_STATUSES),
  actorId: nullable(id()),
  actorRole: oneOf(ORDER_ACTORS),
  reason: nullable(text({ nonEmpty: false, max: 2000 })),
  version: integer(1),
  changedAt: instant(),
};

export const ORDER_TOPIC_SCHEMAS: {
  readonly [T in keyof OrderTopicPayloads]: PayloadSchema<OrderTopicPayloads[T]>;
} = {
  'order.order.created.v1': OrderCreatedV1Schema,
  'order.order.status-changed.v1': OrderStatusChangedV1Schema,
};
