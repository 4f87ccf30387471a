import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';

/**
 * Something that can be bought (a menu product or a listing), as catalog-service's `catalog.item.*` events and
 * its snapshot tell it: title, price in minor units, seller, status and stock. `reserved` counts units held
 * by orders placed here that catalog has not answered for yet (their `offer_holds`; once catalog holds them
 * they are in its stock instead): what is left to sell is `stock - reserved` (no limit when catalog does not
 * count the stock). A deleted item keeps a tombstone row, so a late event cannot bring it back.
 */
@Entity({ name: 'offers' })
@Check('offers_reserved_check', `"reserved" >= 0`)
export class OfferEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: 'product' | 'listing';

  @Column({ type: 'text' })
  title!: string;

  /** A listing's seller; null for the shop's own menu products. */
  @Column({ name: 'seller_id', type: 'uuid', nullable: true })
  sellerId!: string | null;

  @Column({ type: 'text' })
  status!: 'active' | 'inactive' | 'sold';

  @Column({ name: 'price_minor', type: 'bigint', transformer: bigintNumber })
  priceMinor!: number;

  @Column({ type: 'text' })
  currency!: string;

  /** Units catalog holds; null when it does not count them. */
  @Column({ type: 'integer', nullable: true })
  stock!: number | null;

  @Column({ type: 'integer', default: 0 })
  reserved!: number;

  /** The catalog item's version: older events are dropped. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  /**
   * When catalog last told of the offer (an event, a price change, a stock answer, a snapshot page): a rebuild
   * from the snapshot retires every offer not written since it started (OffersRepository.retireUnwrittenSince).
   */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Whether the offer can be bought now at all (stock aside). */
export const isOnSale = (offer: Pick<OfferEntity, 'deleted' | 'status'>): boolean =>
  !offer.deleted && offer.status === 'active';

/** Units left to sell; null when catalog does not count them. */
export const unitsLeft = (offer: Pick<OfferEntity, 'stock' | 'reserved'>): number | null =>
  offer.stock === null ? null : Math.max(offer.stock - offer.reserved, 0);
