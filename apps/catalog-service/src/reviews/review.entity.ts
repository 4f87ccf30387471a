import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ListingEntity } from '../listings/listing.entity.js';

/** A buyer's review of a listing (seed 003 `Review`): stars, text, photos; one per author and listing. */
@Entity({ name: 'reviews' })
@Unique('reviews_listing_author_key', ['listingId', 'authorId'])
@Check('reviews_rating_check', `"rating" BETWEEN 1 AND 5`)
export class ReviewEntity extends VersionedEntity {
  @Index('reviews_listing_idx')
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
}
