import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';

/**
 * One item in a user's cart (seed 003 `CartItems`: buyer, item, quantity), with the price the buyer last saw
 * for it: `GET /cart` flags the line when the item's price has moved since. One line per user and item.
 */
@Entity({ name: 'cart_lines' })
@Index('cart_lines_user_item_key', ['userId', 'itemId'], { unique: true })
@Index('cart_lines_user_created_idx', ['userId', 'createdAt', 'id'])
@Check('cart_lines_quantity_check', `"quantity" > 0`)
export class CartLineEntity extends VersionedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: 'product' | 'listing';

  @Column({ type: 'integer' })
  quantity!: number;

  /** The unit price when the buyer added the line or last changed it. */
  @Column({ name: 'seen_price_minor', type: 'bigint', transformer: bigintNumber })
  seenPriceMinor!: number;

  @Column({ name: 'seen_currency', type: 'text' })
  seenCurrency!: string;
}
