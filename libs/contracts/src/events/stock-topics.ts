import { id, instant, integer, listOf, nullable, object, oneOf, text, type PayloadSchema } from './schema.js';

/**
 * catalog-service's answers in the stock saga with order-service (docs/adr/0013-stock-saga.md), registered in
 * `TopicPayloads` (topics.ts). Keys: the order id, so one order's answers stay in order. catalog holds the
 * units of each placed order (`order.order.created.v1`): all of them (`reserved`) or none (`rejected`); it
 * gives them back when the order is cancelled or refunded before shipping (`released`).
 */

/** Kinds of items whose units catalog holds for orders. */
export const STOCK_ITEM_KINDS = ['product', 'listing'] as const;
export type StockItemKind = (typeof STOCK_ITEM_KINDS)[number];

/** Whether an item can be bought, as in `CatalogOfferV1.status`. */
const STOCK_OFFER_STATUSES = ['active', 'inactive', 'sold'] as const;

/**
 * One item of an order after catalog held or released its units: its offer's status and stock at `version`,
 * the same values as the item event of that version (`catalog.item.updated.v1`), which may arrive before or
 * after this answer.
 */
export interface StockItemV1 {
  kind: StockItemKind;
  itemId: string;
  quantity: number;
  status: (typeof STOCK_OFFER_STATUSES)[number];
  /** Units catalog has left to sell after the change; null when it does not count them. */
  stock: number | null;
  /** The item's version after the change. */
  version: number;
}

/** Every unit of the order is held in catalog (product stock taken, listings reserved). */
export interface StockReservedV1 {
  orderId: string;
  items: StockItemV1[];
  reservedAt: string;
}

/** Why a line of an order could not be held. */
export const STOCK_REJECTION_REASONS = ['not_found', 'not_on_sale', 'out_of_stock'] as const;
export type StockRejectionReason = (typeof STOCK_REJECTION_REASONS)[number];

export interface StockProblemV1 {
  kind: StockItemKind;
  itemId: string;
  reason: StockRejectionReason;
  /** Units left in catalog, for `out_of_stock`; null otherwise. */
  left: number | null;
}

/** Some line of the order could not be held, so none is: order-service cancels the order. */
export interface StockRejectedV1 {
  orderId: string;
  problems: StockProblemV1[];
  /** For people, e.g. `Cappuccino: only 1 left`. */
  reason: string;
  rejectedAt: string;
}

/** The order ended before shipping (cancelled, or refunded): its held units are back on sale. */
export interface StockReleasedV1 {
  orderId: string;
  items: StockItemV1[];
  releasedAt: string;
}

export interface StockTopicPayloads {
  'catalog.stock.reserved.v1': StockReservedV1;
  'catalog.stock.rejected.v1': StockRejectedV1;
  'catalog.stock.released.v1': StockReleasedV1;
}

export const StockTopics = {
  StockReserved: 'catalog.stock.reserved.v1',
  StockRejected: 'catalog.stock.rejected.v1',
  StockReleased: 'catalog.stock.released.v1',
} as const satisfies Record<string, keyof StockTopicPayloads>;

export const StockItemV1Schema: PayloadSchema<StockItemV1> = {
  kind: oneOf(STOCK_ITEM_KINDS),
  itemId: id(),
  quantity: integer(1),
  status: oneOf(STOCK_OFFER_STATUSES),
  stock: nullable(integer(0)),
  version: integer(1),
};

const items = () => listOf(object(StockItemV1Schema), { min: 1, max: 1000 });

export const STOCK_TOPIC_SCHEMAS: {
  readonly [T in keyof StockTopicPayloads]: PayloadSchema<StockTopicPayloads[T]>;
} = {
  'catalog.stock.reserved.v1': { orderId: id(), items: items(), reservedAt: instant() },
  'catalog.stock.rejected.v1': {
    orderId: id(),
    problems: listOf(
      object<StockProblemV1>({
        kind: oneOf(STOCK_ITEM_KINDS),
        itemId: id(),
        reason: oneOf(STOCK_REJECTION_REASONS),
        left: nullable(integer(0)),
      }),
      { min: 1, max: 1000 },
    ),
    reason: text({ max: 2000 }),
    rejectedAt: instant(),
  },
  'catalog.stock.released.v1': { orderId: id(), items: items(), releasedAt: instant() },
};
