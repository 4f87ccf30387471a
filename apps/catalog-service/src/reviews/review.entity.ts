import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ListingEntity } from '../listings/listing.entity.js';

/** A buyer's review of a listing (seed 003 `Review`): stars, text, photos; one per author and listing. */
@Entity({ name: 'reviews' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('reviews_listing_rating_sort_idx', ['listingId', 'rating', 'id'])
@Index('reviews_listing_created_at_sort_idx', ['listingId', 'createdAt', 'id'])
@Index('reviews_listing_updated_at_sort_idx', ['listingId', 'updatedAt', 'id'])
@Index('reviews_search_idx', { synchronize: false })
@Unique('reviews_listing_author_key', ['listingId', 'authorId'])
@Check('reviews_rating_check', `"rating" BETWEEN 1 AND 5`)
export class ReviewEntity extends VersionedEntity {
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  /** Stars, 1 to 5. */
  @Column({ type: 'integer' })
  rating!: number;

  @Column({ type: 'text' })
  text!: string;

  /**
   * Its author has an issued order of the listing (catalog's purchases): set when written, and changed when
   * the purchase comes later or is refunded. Only verified reviews count in the seller's rating.
   */
  @Column({ name: 'verified_purchase', type: 'boolean', default: false })
  verifiedPurchase!: boolean;
}
