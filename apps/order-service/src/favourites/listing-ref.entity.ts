import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A catalog listing as order-service's favourites know it, from catalog's item events (kind `listing`): a
 * favourite names only a listing known here and not deleted. A deleted listing stays as a tombstone, so a
 * change that arrives after the deletion cannot bring it back; its favourites go with the deletion.
 */
@Entity({ name: 'listing_refs' })
export class ListingRefEntity {
  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The listing's version in catalog-service: an older change never overwrites a newer one. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
