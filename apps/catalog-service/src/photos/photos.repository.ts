import type { PhotoKind } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { ListingEntity } from '../listings/listing.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { ReviewEntity } from '../reviews/review.entity.js';
import type { Tx } from '@agora/database';
import { WatchEntity } from '../watches/watch.entity.js';
import { ItemPhotoEntity } from './item-photo.entity.js';
import { MediaOwnerEntity } from './media-owner.entity.js';

/** Each kind's rows, and the property naming who may edit an item besides moderators (a listing's seller). */
const ITEMS: Readonly<Record<PhotoKind, { entity: EntityTarget<ObjectLiteral>; owner?: string }>> = {
  coffee: { entity: CoffeeEntity },
  watch: { entity: WatchEntity },
  mechanism: { entity: MechanismEntity },
  product: { entity: ProductEntity },
  listing: { entity: ListingEntity, owner: 'sellerId' },
  review: { entity: ReviewEntity, owner: 'authorId' },
};

export type PhotoWithMedia = ItemPhotoEntity & { media: MediaOwnerEntity };

/** An item's lead photo with what its DTO needs of the media. */
export interface LeadPhoto
  extends
    Pick<ItemPhotoEntity, 'itemId' | 'mediaId' | 'side' | 'position'>,
    Pick<MediaOwnerEntity, 'width' | 'height' | 'blurhash'> {}

/** Item photos (one table for every kind of item), and the items they hang on. */
@Injectable()
export class PhotosRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The item's owner besides moderators (null: moderators only); undefined when there is no such item. */
  async itemOwner(
    kind: PhotoKind,
    itemId: string,
    options: { tx?: Tx; lock?: boolean } = {},
  ): Promise<{ owner: string | null } | undefined> {
    const { entity, owner } = ITEMS[kind];
    const query = (options.tx ?? this.dataSource.manager)
      .createQueryBuilder(entity, 'item')
      .select(owner ? `item.${owner}` : 'item.id', 'owner')
      .where('item.id = :itemId', { itemId });
    if (options.lock) {
      query.setLock('pessimistic_write');
    }
    const row = await query.getRawOne<{ owner: string }>();
    return row ? { owner: owner ? row.owner : null } : undefined;
  }

  /** The item's photos with their media: main first, then by position. */
  async photosOf(
    kind: PhotoKind,
    itemId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<PhotoWithMedia[]> {
    const rows = await tx
      .createQueryBuilder(ItemPhotoEntity, 'photo')
      .innerJoinAndMapOne('photo.media', MediaOwnerEntity, 'media', 'media.mediaId = photo.mediaId')
      .where('photo.kind = :kind AND photo.itemId = :itemId', { kind, itemId })
      .orderBy(`CASE WHEN photo.side = 'main' THEN 0 ELSE 1 END`)
      .addOrderBy('photo.position')
      .addOrderBy('photo.createdAt')
      .getMany();
    return rows as PhotoWithMedia[];
  }

  /**
   * Each item's lead photo (the main one, else the first by position), as `photosOf` orders them: one
   * statement for a page of items, each item's photos read by its index.
   */
  async leadPhotosOf(kind: PhotoKind, itemIds: readonly string[]): Promise<LeadPhoto[]> {
    if (itemIds.length === 0) {
      return [];
    }
    return this.dataSource.query<LeadPhoto[]>(
      `SELECT ids.item_id AS "itemId", lead.media_id AS "mediaId", lead.side, lead.position, lead.width,
              lead.height, lead.blurhash
         FROM unnest($2::uuid[]) AS ids (item_id)
         CROSS JOIN LATERAL (
           SELECT photo.media_id, photo.side, photo.position, media.width, media.height, media.blurhash
             FROM "catalog"."item_photos" photo
             JOIN "catalog"."media_owners" media ON media.media_id = photo.media_id
            WHERE photo.kind = $1 AND photo.item_id = ids.item_id
            ORDER BY CASE WHEN photo.side = 'main' THEN 0 ELSE 1 END, photo.position, photo.created_at
            LIMIT 1
         ) AS lead`,
      [kind, itemIds],
    );
  }

  find(tx: Tx, kind: PhotoKind, itemId: string, mediaId: string): Promise<ItemPhotoEntity | null> {
    return tx.findOneBy(ItemPhotoEntity, { kind, itemId, mediaId });
  }

  build(
    tx: Tx,
    values: Pick<ItemPhotoEntity, 'kind' | 'itemId' | 'mediaId' | 'attachedBy'>,
  ): ItemPhotoEntity {
    return tx.create(ItemPhotoEntity, values);
  }

  async save(tx: Tx, photo: ItemPhotoEntity): Promise<void> {
    await tx.save(photo);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(ItemPhotoEntity, { id });
  }

  /** An item's photo rows go with it, in the transaction deleting it. */
  async removeAllOf(tx: Tx, kind: PhotoKind, itemId: string): Promise<void> {
    await tx.delete(ItemPhotoEntity, { kind, itemId });
  }

  /** A listing's reviews go with it (foreign key), and so do their photo rows. */
  async removeReviewPhotosOf(tx: Tx, listingId: string): Promise<void> {
    const reviews = tx
      .createQueryBuilder(ReviewEntity, 'review')
      .select('review.id')
      .where('review.listingId = :listingId');
    await tx
      .createQueryBuilder()
      .delete()
      .from(ItemPhotoEntity)
      .where('kind = :kind', { kind: 'review' })
      .andWhere(`item_id IN (${reviews.getQuery()})`)
      .setParameters({ listingId })
      .execute();
  }

  /** A deleted media leaves every item it was on. */
  async removeMedia(tx: Tx, mediaId: string): Promise<void> {
    await tx.delete(ItemPhotoEntity, { mediaId });
  }
}
