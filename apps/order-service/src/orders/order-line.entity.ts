import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';

/** One item of an order at the price it was bought for, in the order's currency. */
@Entity({ name: 'order_lines' })
@Index('order_lines_order_idx', ['orderId'])
export class OrderLineEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: 'product' | 'listing';

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price_minor', type: 'bigint', transformer: bigintNumber })
  unitPriceMinor!: number;

  @Column({ name: 'line_total_minor', type: 'bigint', transformer: bigintNumber })
  lineTotalMinor!: number;
}
