import type { StockItemKind } from '@agora/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Units of one item catalog holds for an order: `counted` when they were taken from a product's stock (so
 * they go back to it); a listing's one unit is its `reserved` status. Kept after the order ends, for audit.
 */
@Entity({ name: 'stock_holds' })
@Check('stock_holds_quantity_check', `"quantity" > 0`)
export class StockHoldEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: StockItemKind;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'boolean' })
  counted!: boolean;
}
