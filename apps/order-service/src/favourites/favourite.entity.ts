import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ListingRefEntity } from './listing-ref.entity.js';

/**
 * A listing a buyer keeps (seed 003 `Favorites`: BuyerID, PostID): once per buyer and listing, newest first
 * by `createdAt` then the time-ordered id.
 */
@Entity({ name: 'favourites' })
@Index('favourites_buyer_listing', ['buyerId', 'listingId'], { unique: true })
@Index('favourites_buyer_newest_idx', ['buyerId', 'createdAt', 'id'])
@Index('favourites_listing_idx', ['listingId'])
export class FavouriteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @ManyToOne(() => ListingRefEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', referencedColumnName: 'listingId' })
  listing?: ListingRefEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
