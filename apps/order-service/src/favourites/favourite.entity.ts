import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OfferEntity } from '../offers/offer.entity.js';

/**
 * A listing a buyer keeps (seed 003 `Favorites`: BuyerID, PostID): once per buyer and listing, newest first
 * by `createdAt` then the time-ordered id. The listing is an offer of kind `listing` in order-service's offers
 * read model; there is no foreign key, since offers are never removed (a deletion leaves a tombstone and the
 * offers consumer drops the listing's favourites in the same transaction).
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

  @ManyToOne(() => OfferEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'listing_id', referencedColumnName: 'itemId' })
  listing?: OfferEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
