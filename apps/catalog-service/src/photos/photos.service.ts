import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type EventEnvelope, type PhotoKind } from '@agora/contracts';
import { Inbox, OutboxWriter, uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canModerate } from '../moderation/drafts.service.js';
import { ItemPhotoEntity, MediaOwnerEntity } from './item-photo.entity.js';
import { toPhotoDto, type AttachPhotoDto, type PhotoDto } from './photo.dto.js';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';

const CONSUMER = 'catalog.photos';

/** Each kind's table, and the column naming who may edit an item besides moderators (a listing's seller). */
const ITEMS: Readonly<Record<PhotoKind, { table: string; owner?: string }>> = {
  coffee: { table: 'coffees' },
  watch: { table: 'watches' },
  mechanism: { table: 'mechanisms' },
  product: { table: 'products' },
  listing: { table: 'listings', owner: 'seller_id' },
  review: { table: 'reviews', owner: 'author_id' },
};

/** The 409 for the unique constraint an attach broke; undefined for anything else. */
function photoConflict(constraint: string | undefined): CatalogException | undefined {
  switch (constraint) {
    case 'item_photos_main_key':
      return new CatalogException(
        CatalogErrorCode.MAIN_PHOTO_TAKEN,
        'The item already has a main photo; move it to another side first',
        { errors: [{ field: 'side', messages: ['one main photo per item'] }] },
      );
    case 'item_photos_item_media_key':
      return new CatalogException(
        CatalogErrorCode.PHOTO_ALREADY_ATTACHED,
        'This media is already on the item; PUT it again to change its side or position',
      );
    case undefined:
      return undefined;
    default:
      return new CatalogException(CatalogErrorCode.PHOTO_CONFLICT, `Photo slot conflict (${constraint})`);
  }
}

/**
 * Photo slots (seed 002: photos from several sides): the owner of a media attaches it to an item they
 * may edit, under a side and an order. Who owns which media is learnt from media-service's events.
 */
@Injectable()
export class PhotosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
  ) {}

  async list(kind: PhotoKind, itemId: string): Promise<PhotoDto[]> {
    await this.requireItem(this.dataSource.manager, kind, itemId);
    return this.photosOf(this.dataSource.manager, kind, itemId);
  }

  /** Attaches (or moves) the caller's media on the item; answers with the item's photos. */
  async attach(
    kind: PhotoKind,
    itemId: string,
    mediaId: string,
    dto: AttachPhotoDto,
    user: AuthenticatedUser,
  ): Promise<PhotoDto[]> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Row-locked: attaches to one item run one after another, so each sees the slots the last one left.
        const item = await this.requireItem(manager, kind, itemId, true);
        if (!canModerate(user) && item.owner !== user.id) {
          throw new CatalogException(
            CatalogErrorCode.NOT_YOUR_ITEM,
            `Only moderators${ITEMS[kind].owner ? ' and its author' : ''} change this ${kind}'s photos`,
          );
        }
        const media = await manager.findOneBy(MediaOwnerEntity, { mediaId });
        if (!media) {
          throw new CatalogException(CatalogErrorCode.MEDIA_NOT_FOUND, `No media ${mediaId}`);
        }
        if (media.ownerId !== user.id) {
          throw new CatalogException(CatalogErrorCode.NOT_YOUR_MEDIA, 'Only its owner attaches a media');
        }
        const existing = await manager.findOneBy(ItemPhotoEntity, { kind, itemId, mediaId });
        const position = dto.position ?? 0;
        if (existing?.side === dto.side && existing.position === position) {
          // The same PUT again: nothing to change, nothing to announce.
          return this.photosOf(manager, kind, itemId);
        }
        const photo =
          existing ?? manager.create(ItemPhotoEntity, { kind, itemId, mediaId, attachedBy: user.id });
        photo.side = dto.side;
        photo.position = position;
        await manager.save(photo);
        await this.outbox.add(manager, Topics.CatalogMediaAttached, mediaId, {
          mediaId,
          kind,
          itemId,
          side: dto.side,
          attachedBy: user.id,
          attachedAt: new Date().toISOString(),
        });
        return this.photosOf(manager, kind, itemId);
      });
    } catch (error) {
      throw photoConflict(uniqueViolation(error)) ?? error;
    }
  }

  async detach(kind: PhotoKind, itemId: string, mediaId: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const item = await this.requireItem(manager, kind, itemId);
      const photo = await manager.findOneBy(ItemPhotoEntity, { kind, itemId, mediaId });
      if (!photo) {
        throw new CatalogException(
          CatalogErrorCode.PHOTO_NOT_FOUND,
          `Media ${mediaId} is not on this ${kind}`,
        );
      }
      if (!canModerate(user) && item.owner !== user.id && photo.attachedBy !== user.id) {
        throw new CatalogException(CatalogErrorCode.NOT_YOUR_ITEM, `You cannot change this ${kind}'s photos`);
      }
      await manager.delete(ItemPhotoEntity, { id: photo.id });
    });
  }

  /** An item's photo rows go with it, in the transaction deleting it. */
  async removeAllOf(manager: EntityManager, kind: PhotoKind, itemId: string): Promise<void> {
    await manager.delete(ItemPhotoEntity, { kind, itemId });
  }

  /** A listing's reviews go with it (foreign key), and so do their photo rows. */
  async removeReviewPhotosOf(manager: EntityManager, listingId: string): Promise<void> {
    await manager.query(
      `DELETE FROM catalog.item_photos WHERE kind = 'review'
         AND item_id IN (SELECT id FROM catalog.reviews WHERE listing_id = $1)`,
      [listingId],
    );
  }

  async onMediaUploaded(event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    const { mediaId, ownerId, width, height, blurhash } = event.payload;
    await this.inbox.consumeOnce(CONSUMER, event, async (manager) => {
      await manager.upsert(MediaOwnerEntity, { mediaId, ownerId, width, height, blurhash }, ['mediaId']);
    });
  }

  /** A deleted media leaves every item it was on. */
  async onMediaDeleted(event: EventEnvelope<'media.media.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(CONSUMER, event, async (manager) => {
      await manager.delete(ItemPhotoEntity, { mediaId: event.payload.mediaId });
      await manager.delete(MediaOwnerEntity, { mediaId: event.payload.mediaId });
    });
  }

  private async photosOf(manager: EntityManager, kind: PhotoKind, itemId: string): Promise<PhotoDto[]> {
    const rows = await manager
      .createQueryBuilder(ItemPhotoEntity, 'photo')
      .innerJoinAndMapOne('photo.media', MediaOwnerEntity, 'media', 'media.mediaId = photo.mediaId')
      .where('photo.kind = :kind AND photo.itemId = :itemId', { kind, itemId })
      .orderBy(`CASE WHEN photo.side = 'main' THEN 0 ELSE 1 END`)
      .addOrderBy('photo.position')
      .addOrderBy('photo.createdAt')
      .getMany();
    return rows.map((photo) =>
      toPhotoDto(photo, (photo as ItemPhotoEntity & { media: MediaOwnerEntity }).media),
    );
  }

  /** The item, with whoever owns it besides moderators; a 404 when there is none. */
  private async requireItem(
    manager: EntityManager,
    kind: PhotoKind,
    itemId: string,
    lock = false,
  ): Promise<{ owner: string | null }> {
    const { table, owner } = ITEMS[kind];
    const [row] = await manager.query<{ owner: string | null }[]>(
      `SELECT ${owner ? `"${owner}"` : 'NULL'} AS owner FROM catalog."${table}" WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [itemId],
    );
    if (!row) {
      throw itemNotFound(kind, itemId);
    }
    return row;
  }
}
