import type { CheckinKind, StockItemKind } from '@agora/contracts';

/**
 * What was bought: a product or listing as ordered, or the catalog coffee or watch that a bought product or
 * listing sells (its `coffeeId` / `watchId` when the order was issued).
 */
export type PurchaseKind = StockItemKind | CheckinKind;
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A buyer has bought an item: one row per buyer, item and issued order (keyed by buyer and item first, the
 * question reviews and check-ins ask). Written when order-service's order becomes `issued`, removed when that
 * order is refunded after issue; another issued order of the same item keeps the purchase.
 */
@Entity({ name: 'purchases' })
@Index('purchases_order_idx', ['orderId'])
export class PurchaseEntity {
  @PrimaryColumn({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  kind!: PurchaseKind;

  @CreateDateColumn({ name: 'bought_at', type: 'timestamptz' })
  boughtAt!: Date;
}
