import { CHECKIN_SERVINGS, type CheckinServing } from '@agora/contracts';
import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { LocationEntity } from '../shop-info/location.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { MAX_QUARTERS, MIN_QUARTERS } from './rating.js';

/**
 * A check-in (issue 17, Untappd's): a user had this coffee (or wore this watch, a "wrist check") and rates
 * it in quarter stars, with a note, flavour tags, how it was served, where, and up to four photos. A user
 * checks in on an item as often as they like; `counted` marks each user's latest one, whose rating is the
 * one the item's aggregate holds. Deleting the item deletes its check-ins.
 */
@Entity({ name: 'checkins' })
// List sorts per item (ties by id), and each user's check-ins on an item newest first (the next one to count).
@Index('checkins_coffee_created_at_sort_idx', ['coffeeId', 'createdAt', 'id'])
@Index('checkins_watch_created_at_sort_idx', ['watchId', 'createdAt', 'id'])
@Index('checkins_coffee_author_idx', ['coffeeId', 'authorId', 'createdAt', 'id'])
@Index('checkins_watch_author_idx', ['watchId', 'authorId', 'createdAt', 'id'])
@Index('checkins_coffee_counted_key', ['coffeeId', 'authorId'], { unique: true, where: '"counted"' })
@Index('checkins_watch_counted_key', ['watchId', 'authorId'], { unique: true, where: '"counted"' })
@Index('checkins_location_idx', ['locationId'])
@Check('checkins_one_item_check', `num_nonnulls("coffee_id", "watch_id") = 1`)
@Check('checkins_rating_check', `"rating_quarters" BETWEEN ${MIN_QUARTERS} AND ${MAX_QUARTERS}`)
@Check(
  'checkins_serving_check',
  `"serving" IS NULL OR "serving" IN (${CHECKIN_SERVINGS.map((serving) => `'${serving}'`).join(', ')})`,
)
export class CheckinEntity extends VersionedEntity {
  @Column({ name: 'coffee_id', type: 'uuid', nullable: true })
  coffeeId!: string | null;

  @ManyToOne(() => CoffeeEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'coffee_id' })
  coffee?: CoffeeEntity | null;

  @Column({ name: 'watch_id', type: 'uuid', nullable: true })
  watchId!: string | null;

  @ManyToOne(() => WatchEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'watch_id' })
  watch?: WatchEntity | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  /** The rating in quarter stars, 1 (0.25 ★) to 20 (5 ★). */
  @Column({ name: 'rating_quarters', type: 'smallint' })
  ratingQuarters!: number;

  /**
   * Its author has an issued order of the item (catalog's purchases): set when written and when the purchase
   * comes later or is refunded; its rating then weighs 2 in the item's aggregate instead of 1.
   */
  @Column({ name: 'verified_purchase', type: 'boolean', default: false })
  verifiedPurchase!: boolean;

  /**
   * One of its photos shows the item's pack: a barcode media-service decoded from the photo's pixels is the
   * coffee's barcode. Judged whenever its photos are written; its rating then weighs one more (rating.ts).
   */
  @Column({ name: 'verified_photo', type: 'boolean', default: false })
  verifiedPhoto!: boolean;

  /** Whether this is its author's latest check-in on the item: the one whose rating counts. */
  @Column({ type: 'boolean', default: false })
  counted!: boolean;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** How the coffee was brewed and served (coffees only). */
  @Column({ type: 'text', nullable: true })
  serving!: CheckinServing | null;

  /** The shop location it was had at, if one of catalog's; its name stays in `venue` if it goes. */
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'location_id' })
  location?: LocationEntity | null;

  /** Where: a shop location's name, or the user's free text. */
  @Column({ type: 'text', nullable: true })
  venue!: string | null;
}
