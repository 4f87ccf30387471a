import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What social-service knows of a catalog review (from catalog's review events), enough to rate its seller.
 * A deleted review stays as a tombstone, so a change that arrives after the deletion cannot bring it back.
 */
@Entity({ name: 'seller_reviews' })
@Index('seller_reviews_seller_idx', ['sellerId'], { where: 'NOT "deleted"' })
@Index('seller_reviews_seller_verified_idx', ['sellerId', 'rating'], {
  where: '"verified_purchase" AND NOT "deleted"',
})
export class SellerReviewEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @Column({ type: 'integer' })
  rating!: number;

  /** Its author has an issued order of the listing: only these count in the seller's rating (seed 003). */
  @Column({ name: 'verified_purchase', type: 'boolean', default: false })
  verifiedPurchase!: boolean;

  /** The review's version in catalog-service: an older change never overwrites a newer one. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
