import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where catalog's hold of an order stands: `unseen` (a status event came before the order), `held` (every unit
 * taken), `rejected` (none), `sold` (paid, or issued on delivery), `released` (the units back on sale).
 */
export const STOCK_ORDER_STATES = ['unseen', 'held', 'rejected', 'sold', 'released'] as const;
export type StockOrderState = (typeof STOCK_ORDER_STATES)[number];

/** What the order's statuses ask of its units: to be sold, or to come back (final). */
export const STOCK_OUTCOMES = ['sold', 'released'] as const;
export type StockOutcome = (typeof STOCK_OUTCOMES)[number];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * An order of order-service as the stock saga knows it (one row per order, locked while an event about it is
 * applied): the state of its hold, and the outcome its status events asked for, which may arrive before the
 * order itself (the two topics are not ordered with each other).
 */
@Entity({ name: 'stock_orders' })
@Check('stock_orders_state_check', `"state" IN (${list(STOCK_ORDER_STATES)})`)
@Check('stock_orders_outcome_check', `"outcome" IN (${list(STOCK_OUTCOMES)})`)
export class StockOrderEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @Column({ type: 'text', default: 'unseen' })
  state!: StockOrderState;

  @Column({ type: 'text', nullable: true })
  outcome!: StockOutcome | null;

  /**
   * The order is `issued` (and not refunded since): its buyer has bought its items (catalog's purchases,
   * written once its units are held, whichever of the two events comes first).
   */
  @Column({ type: 'boolean', default: false })
  issued!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
