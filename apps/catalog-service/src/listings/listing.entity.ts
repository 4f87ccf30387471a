import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';

import { ListingTagEntity } from './listing-tag.entity.js';

/**
 * A listing's states: sellers move it between draft, active, sold and archived; `reserved` is catalog's own,
 * while an order placed for it is neither ended nor paid (the stock saga): hidden from buyers, not sold.
 */
export const LISTING_STATUSES = ['draft', 'active', 'reserved', 'sold', 'archived'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** The states a seller (or a moderator) may set; `reserved` only the stock saga sets and clears. */
export const SETTABLE_LISTING_STATUSES = [
  'draft',
  'active',
  'sold',
  'archived',
] as const satisfies readonly ListingStatus[];

export const CHARACTERISTIC_TYPES = ['string', 'number', 'boolean'] as const;
export type CharacteristicType = (typeof CHARACTERISTIC_TYPES)[number];

/** One typed property of the thing sold, e.g. `{ key: 'Диаметр, мм', type: 'number', value: 40 }`. */
export interface Characteristic {
  key: string;
  type: CharacteristicType;
  value: string | number | boolean;
}

/**
 * A marketplace listing (seed 003 `Post`): what a seller offers, at what price, in which state. Only
 * active and sold listings are public; drafts and archived ones are seen by their seller and moderators.
 */
@Entity({ name: 'listings' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('listings_seller_id_sort_idx', ['sellerId', 'id'])
@Index('listings_title_sort_idx', ['title', 'id'])
@Index('listings_price_sort_idx', ['price', 'id'])
@Index('listings_currency_sort_idx', ['currency', 'id'])
@Index('listings_status_sort_idx', ['status', 'id'])
@Index('listings_published_at_sort_idx', ['publishedAt', 'id'])
@Index('listings_created_at_sort_idx', ['createdAt', 'id'])
@Index('listings_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('listings_search_idx', { synchronize: false })
@Index('listings_status_created_idx', ['status', 'createdAt'])
@Check('listings_status_check', `"status" IN (${LISTING_STATUSES.map((status) => `'${status}'`).join(', ')})`)
@Check('listings_price_check', `"price" >= 0`)
@Check('listings_sold_item_check', `num_nonnulls("coffee_id", "watch_id") <= 1`)
@Index('listings_coffee_idx', ['coffeeId'])
@Index('listings_watch_idx', ['watchId'])
export class ListingEntity extends VersionedEntity {
  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: ListingStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  characteristics!: Characteristic[];

  /** When it first became active. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'sold_at', type: 'timestamptz', nullable: true })
  soldAt!: Date | null;

  /**
   * The catalog coffee this listing sells, if any (issue 17): buying it is buying that coffee, so the buyer's
   * check-ins on the coffee are verified purchases. At most one of `coffeeId` and `watchId`.
   */
  @Column({ name: 'coffee_id', type: 'uuid', nullable: true })
  coffeeId!: string | null;

  @ManyToOne(() => CoffeeEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'coffee_id' })
  coffee?: CoffeeEntity | null;

  /** The catalog watch this listing sells, if any (a wrist check by its buyer is a verified purchase). */
  @Column({ name: 'watch_id', type: 'uuid', nullable: true })
  watchId!: string | null;

  @ManyToOne(() => WatchEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'watch_id' })
  watch?: WatchEntity | null;

  @OneToMany(() => ListingTagEntity, (link) => link.listing)
  tagLinks?: ListingTagEntity[];
}
