import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type EventEnvelope, type PhotoKind } from '@agora/contracts';
import { Inbox, OutboxWriter, uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';
import { canModerate } from '../moderation/can-moderate.js';
import { UnitOfWork, type Tx } from '@agora/database';
import { MediaCopyService } from './media-copy.service.js';
import { MediaOwnersRepository } from './media-owners.repository.js';
import { toPhotoDto, type AttachPhotoDto, type PhotoDto } from './photo.dto.js';
import { PhotosRepository } from './photos.repository.js';

const CONSUMER = 'catalog.photos';

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
    private readonly unitOfWork: UnitOfWork,
    private readonly photos: PhotosRepository,
    private readonly media: MediaOwnersRepository,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
    private readonly mediaCopy: MediaCopyService,
  ) {}

  async list(kind: PhotoKind, itemId: string): Promise<PhotoDto[]> {
    await this.requireItem(kind, itemId);
    return this.photosOf(kind, itemId);
  }

  /** Attaches (or moves) the caller's media on the item; answers with the item's photos. */
  async attach(
    user: AuthenticatedUser,
    kind: PhotoKind,
    itemId: string,
    mediaId: string,
    dto: AttachPhotoDto,
  ): Promise<PhotoDto[]> {
    await this.mediaCopy.learn([mediaId]);
    try {
      return await this.unitOfWork.run(async (tx) => {
        // Row-locked: attaches to one item run one after another, so each sees the slots the last one left.
        const item = await this.requireItem(kind, itemId, tx);
        if (!canModerate(user) && item.owner !== user.id) {
          throw new CatalogException(
            CatalogErrorCode.NOT_YOUR_ITEM,
            `Only moderators${item.owner === null ? '' : ' and its author'} change this ${kind}'s photos`,
          );
        }
        const media = await this.media.find(tx, mediaId);
        if (!media) {
          throw new CatalogException(CatalogErrorCode.MEDIA_NOT_FOUND, `No media ${mediaId}`);
        }
        if (media.ownerId !== user.id) {
          throw new CatalogException(CatalogErrorCode.NOT_YOUR_MEDIA, 'Only its owner attaches a media');
        }
        const existing = await this.photos.find(tx, kind, itemId, mediaId);
        const position = dto.position ?? 0;
        if (existing?.side === dto.side && existing.position === position) {
          // The same PUT again: nothing to change, nothing to announce.
          return this.photosOf(kind, itemId, tx);
        }
        const photo = existing ?? this.photos.build(tx, { kind, itemId, mediaId, attachedBy: user.id });
        photo.side = dto.side;
        photo.position = position;
        await this.photos.save(tx, photo);
        await this.outbox.add(tx, Topics.CatalogMediaAttached, mediaId, {
          mediaId,
          kind,
          itemId,
          side: dto.side,
          attachedBy: user.id,
          attachedAt: new Date().toISOString(),
        });
        return this.photosOf(kind, itemId, tx);
      });
    } catch (error) {
      throw photoConflict(uniqueViolation(error)) ?? error;
    }
  }

  async detach(user: AuthenticatedUser, kind: PhotoKind, itemId: string, mediaId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const item = await this.requireItem(kind, itemId, tx, false);
      const photo = await this.photos.find(tx, kind, itemId, mediaId);
      if (!photo) {
        throw new CatalogException(
          CatalogErrorCode.PHOTO_NOT_FOUND,
          `Media ${mediaId} is not on this ${kind}`,
        );
      }
      if (!canModerate(user) && item.owner !== user.id && photo.attachedBy !== user.id) {
        throw new CatalogException(CatalogErrorCode.NOT_YOUR_ITEM, `You cannot change this ${kind}'s photos`);
      }
      await this.photos.remove(tx, photo.id);
    });
  }

  async onMediaUploaded(event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    await this.inbox.consumeOnce(CONSUMER, event, (tx) => this.mediaCopy.remember(tx, event.payload));
  }

  /** A deleted media leaves every item it was on, and a tombstone whatever order its events come in. */
  async onMediaDeleted(event: EventEnvelope<'media.media.deleted.v1'>): Promise<void> {
    const { mediaId, deletedAt } = event.payload;
    await this.inbox.consumeOnce(CONSUMER, event, async (tx) => {
      await this.media.lock(tx, mediaId);
      await this.photos.removeMedia(tx, mediaId);
      await this.media.remove(tx, mediaId);
      await this.media.bury(tx, mediaId, new Date(deletedAt));
    });
  }

  private async photosOf(kind: PhotoKind, itemId: string, tx?: Tx): Promise<PhotoDto[]> {
    return (await this.photos.photosOf(kind, itemId, tx)).map((photo) => toPhotoDto(photo, photo.media));
  }

  /** The item, with whoever owns it besides moderators (locked in a transaction); a 404 when there is none. */
  private async requireItem(
    kind: PhotoKind,
    itemId: string,
    tx?: Tx,
    lock = tx !== undefined,
  ): Promise<{ owner: string | null }> {
    const item = await this.photos.itemOwner(kind, itemId, { tx, lock });
    if (!item) {
      throw itemNotFound(kind, itemId);
    }
    return item;
  }
}
