import { translatableOf } from '../translations/translation.dto.js';
import type { AuthenticatedUser } from '@agora/auth';
import { mediaFileUrl, type CheckinKind } from '@agora/contracts';
import { UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { CatalogConfig } from '../catalog.config.js';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import { barcodeForms } from '../items/barcode.js';
import { refuseCleared } from '../items/item-problems.js';
import { canModerate } from '../moderation/can-moderate.js';
import { LikeSummariesRepository } from '../community/like-summaries.repository.js';
import { MediaCopyService } from '../photos/media-copy.service.js';
import { MediaOwnersRepository } from '../photos/media-owners.repository.js';
import { PurchasesRepository } from '../purchases/purchases.repository.js';
import { CheckinEvents } from './checkin-events.js';
import { cleanText, refuseBothVenues, refuseServingOnWatch } from './checkin-input.js';
import {
  CHECKIN_TEXT_MAX,
  VENUE_MAX,
  type CheckinDto,
  type CheckinInputDto,
  type CheckinPageDto,
  type PatchCheckinDto,
  type TopListDto,
} from './checkin.dto.js';
import type { CheckinEntity } from './checkin.entity.js';
import { checkinItemOf, checkinKindOf, CheckinsRepository } from './checkins.repository.js';
import { toRatingDto } from './rating.dto.js';
import {
  applyRating,
  ratedOf,
  roundTo2,
  toQuarters,
  toStars,
  weightOf,
  type RatingAggregate,
} from './rating.js';

export const checkinNotFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.CHECKIN_NOT_FOUND, `No check-in ${id}`);

/** A written check-in with what its answer shows. */
interface Written {
  readonly checkin: CheckinEntity;
  readonly aggregate: RatingAggregate;
}

/**
 * Check-ins on coffees and watches (issue 17). Every write locks the item's row first and keeps its rating
 * aggregate in the same transaction: each user's latest check-in counts (`counted`), so a new check-in
 * replaces its author's counted rating, an edit of the counted one changes it, and deleting it lets the
 * author's previous check-in count again.
 */
@Injectable()
export class CheckinsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly checkins: CheckinsRepository,
    private readonly dictionaries: DictionariesService,
    private readonly media: MediaOwnersRepository,
    private readonly mediaCopy: MediaCopyService,
    private readonly events: CheckinEvents,
    private readonly config: CatalogConfig,
    private readonly purchases: PurchasesRepository,
    private readonly likes: LikeSummariesRepository,
  ) {}

  private get minCount(): number {
    return this.config.RATING_MIN_COUNT;
  }

  async list(
    kind: CheckinKind,
    itemId: string,
    query: ParsedListQuery,
    viewer?: AuthenticatedUser,
  ): Promise<CheckinPageDto> {
    const aggregate = await this.checkins.ratingOf(kind, itemId);
    if (!aggregate) {
      throw itemNotFound(kind, itemId);
    }
    const page = await this.checkins.page(kind, itemId, query);
    const dtos = await this.toDtos(page.items, aggregate, viewer?.id);
    const byId = new Map(dtos.map((dto) => [dto.id, dto]));
    return mapPage(page, (checkin) => byId.get(checkin.id)!);
  }

  async get(id: string, viewer?: AuthenticatedUser): Promise<CheckinDto> {
    const checkin = await this.checkins.find(id);
    if (!checkin) {
      throw checkinNotFound(id);
    }
    const aggregate = await this.checkins.ratingOf(checkinKindOf(checkin), checkinItemOf(checkin));
    if (!aggregate) {
      throw checkinNotFound(id);
    }
    return (await this.toDtos([checkin], aggregate, viewer?.id))[0];
  }

  async create(
    author: AuthenticatedUser,
    kind: CheckinKind,
    itemId: string,
    dto: CheckinInputDto,
  ): Promise<CheckinDto> {
    const ratingQuarters = toQuarters(dto.rating)!;
    refuseServingOnWatch(kind, dto.serving);
    refuseBothVenues(dto.locationId, dto.venue);
    const text = cleanText(dto.text, CHECKIN_TEXT_MAX, 'text', true);
    const tagIds = dto.tagIds ?? [];
    const photoIds = dto.photoIds ?? [];
    await this.mediaCopy.learn(photoIds);
    const written = await this.unitOfWork.run(async (tx): Promise<Written> => {
      const item = await this.checkins.lockItem(tx, kind, itemId);
      if (!item) {
        throw itemNotFound(kind, itemId);
      }
      await this.requireTags(tx, tagIds);
      await this.requirePhotos(tx, author, photoIds);
      const venue = await this.venueOf(tx, dto.locationId ?? null, dto.venue ?? null);
      // The author's rating that counted so far stops counting: the new check-in is their latest.
      const previous = await this.checkins.counted(tx, kind, itemId, author.id);
      if (previous) {
        await this.checkins.setCounted(tx, previous.id, false);
      }
      const checkin = await this.checkins.save(
        tx,
        this.checkins.build(tx, {
          coffeeId: kind === 'coffee' ? itemId : null,
          watchId: kind === 'watch' ? itemId : null,
          authorId: author.id,
          // After the author's previous check-in even within one millisecond: the latest by time is the
          // latest written (under the item's lock), which is the one that counts.
          createdAt: new Date(Math.max(Date.now(), (previous?.createdAt.getTime() ?? 0) + 1)),
          ratingQuarters,
          // A buyer with an issued order of the item: their rating weighs more.
          verifiedPurchase: await this.purchases.has(tx, author.id, itemId),
          // A photo of the pack: its decoded barcode is the coffee's (codes come with the media's upload event,
          // which catalog has seen for every photo it accepts, so nothing later can verify it instead).
          verifiedPhoto: await this.photosShow(tx, item.barcode, photoIds),
          counted: true,
          text,
          serving: dto.serving ?? null,
          ...venue,
          version: 1,
        }),
      );
      await this.checkins.setTags(tx, checkin.id, tagIds);
      await this.checkins.setPhotos(tx, checkin.id, photoIds);
      const aggregate = applyRating(item.aggregate, {
        removed: previous ? ratedOf(previous) : null,
        added: ratedOf(checkin),
      });
      await this.checkins.saveAggregate(tx, kind, itemId, aggregate);
      await this.events.saved(
        tx,
        'created',
        checkin,
        { kind, itemId, tagIds, mediaIds: photoIds },
        aggregate,
      );
      return { checkin, aggregate };
    });
    return this.answer(written, author.id);
  }

  async update(
    user: AuthenticatedUser,
    id: string,
    dto: PatchCheckinDto,
    expected?: ExpectedVersions,
  ): Promise<CheckinDto> {
    refuseCleared(dto, ['rating']);
    const ratingQuarters = dto.rating === undefined ? undefined : toQuarters(dto.rating)!;
    refuseBothVenues(dto.locationId, dto.venue);
    const text = dto.text === undefined ? undefined : cleanText(dto.text, CHECKIN_TEXT_MAX, 'text', true);
    await this.mediaCopy.learn(dto.photoIds ?? []);
    const written = await this.unitOfWork.run(async (tx): Promise<Written> => {
      const { checkin, kind, itemId, item } = await this.lock(tx, id, expected);
      if (checkin.authorId !== user.id) {
        throw new CatalogException(CatalogErrorCode.NOT_YOUR_CHECKIN, 'Only its author changes a check-in');
      }
      refuseServingOnWatch(kind, dto.serving);
      const before = ratedOf(checkin);
      checkin.ratingQuarters = ratingQuarters ?? checkin.ratingQuarters;
      checkin.text = text === undefined ? checkin.text : text;
      checkin.serving = dto.serving === undefined ? checkin.serving : dto.serving;
      if (dto.locationId !== undefined || dto.venue !== undefined) {
        Object.assign(checkin, await this.venueOf(tx, dto.locationId ?? null, dto.venue ?? null));
      }
      if (dto.photoIds !== undefined) {
        // New photos: the pack photo is judged again (a photo of the pack added verifies, its removal does not).
        await this.requirePhotos(tx, user, dto.photoIds ?? []);
        checkin.verifiedPhoto = await this.photosShow(tx, item.barcode, dto.photoIds ?? []);
      }
      checkin.version += 1;
      const saved = await this.checkins.save(tx, checkin);
      if (dto.tagIds !== undefined) {
        await this.requireTags(tx, dto.tagIds ?? []);
        await this.checkins.setTags(tx, id, dto.tagIds ?? []);
      }
      if (dto.photoIds !== undefined) {
        await this.checkins.setPhotos(tx, id, dto.photoIds ?? []);
      }
      let aggregate = item.aggregate;
      const after = ratedOf(saved);
      if (saved.counted && (after.quarters !== before.quarters || after.weight !== before.weight)) {
        aggregate = applyRating(aggregate, { removed: before, added: after });
        await this.checkins.saveAggregate(tx, kind, itemId, aggregate);
      }
      const tags = (await this.checkins.tagsOf([id], tx)).map((tag) => tag.id);
      const photos = (await this.checkins.photosOf([id], tx)).map((photo) => photo.mediaId);
      await this.events.saved(
        tx,
        'updated',
        saved,
        { kind, itemId, tagIds: tags, mediaIds: photos },
        aggregate,
      );
      return { checkin: saved, aggregate };
    });
    return this.answer(written, user.id);
  }

  /** Its author or a moderator deletes a check-in (its comments, tags and photo links go with it). */
  async delete(user: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const { checkin, kind, itemId, item } = await this.lock(tx, id, expected);
      if (checkin.authorId !== user.id && !canModerate(user)) {
        throw new CatalogException(
          CatalogErrorCode.NOT_YOUR_CHECKIN,
          'Only its author or a moderator deletes a check-in',
        );
      }
      await this.checkins.remove(tx, id);
      let aggregate = item.aggregate;
      if (checkin.counted) {
        // The author's previous check-in, if any, is their latest now: its rating counts.
        const next = await this.checkins.newest(tx, kind, itemId, checkin.authorId);
        if (next) {
          await this.checkins.setCounted(tx, next.id, true);
        }
        aggregate = applyRating(aggregate, {
          removed: ratedOf(checkin),
          added: next ? ratedOf(next) : null,
        });
        await this.checkins.saveAggregate(tx, kind, itemId, aggregate);
      }
      await this.events.deleted(tx, checkin, { kind, itemId, deletedBy: user.id }, aggregate);
    });
  }

  /** The kind's best rated items by Bayesian average (prior: the kind's mean; weight: RATING_MIN_COUNT). */
  async top(kind: CheckinKind, limit = 20): Promise<TopListDto> {
    const rows = await this.checkins.top(kind, this.minCount, limit);
    return {
      kind,
      prior: rows.length > 0 ? roundTo2(rows[0].prior) : null,
      weight: this.minCount,
      items: rows.map((row, index) => ({
        rank: index + 1,
        id: row.id,
        name: row.name,
        score: roundTo2(row.score),
        rating: toRatingDto(row.aggregate, this.minCount),
      })),
    };
  }

  /** Whether the check-in exists (for its comments). */
  async exists(id: string, tx?: Tx): Promise<boolean> {
    return (await this.checkins.find(id, tx)) !== null;
  }

  /**
   * The check-in row-locked for a change, after its item's row (the lock order of every check-in write), at
   * the version If-Match names (412 otherwise).
   */
  private async lock(tx: Tx, id: string, expected?: ExpectedVersions) {
    const found = await this.checkins.find(id, tx);
    if (!found) {
      throw checkinNotFound(id);
    }
    const kind = checkinKindOf(found);
    const itemId = checkinItemOf(found);
    const item = await this.checkins.lockItem(tx, kind, itemId);
    const checkin = item ? await this.checkins.lock(tx, id) : null;
    if (!item || !checkin) {
      throw checkinNotFound(id);
    }
    assertVersionMatches(expected, checkin.version);
    return { checkin, kind, itemId, item };
  }

  /** Every flavour tag must be an approved value of the `tags` dictionary (a 400 naming it otherwise). */
  private async requireTags(tx: Tx, tagIds: readonly string[]): Promise<void> {
    for (const [index, tagId] of tagIds.entries()) {
      await this.dictionaries.require(tx, 'tags', tagId, `tagIds.${index}`);
    }
  }

  /** Every photo must be a media catalog knows, owned by the author. */
  private async requirePhotos(tx: Tx, author: AuthenticatedUser, mediaIds: readonly string[]): Promise<void> {
    for (const mediaId of [...mediaIds].sort()) {
      // Serialized with the media's deletion: a photo deleted meanwhile is refused, or goes after.
      await this.media.lock(tx, mediaId);
      const media = await this.media.find(tx, mediaId);
      if (!media) {
        throw new CatalogException(CatalogErrorCode.MEDIA_NOT_FOUND, `No media ${mediaId}`, {
          errors: [{ field: 'photoIds', messages: [`no media ${mediaId}`] }],
        });
      }
      if (media.ownerId !== author.id) {
        throw new CatalogException(
          CatalogErrorCode.NOT_YOUR_MEDIA,
          'Only your own photos go on your check-in',
          {
            errors: [{ field: 'photoIds', messages: [`media ${mediaId} is not yours`] }],
          },
        );
      }
    }
  }

  /** Whether one of the photos shows the item's barcode (never for an item without one: watches). */
  private async photosShow(tx: Tx, barcode: string | null, mediaIds: readonly string[]): Promise<boolean> {
    return barcode !== null && (await this.media.showsBarcode(tx, mediaIds, barcodeForms(barcode)));
  }

  /** The venue columns: a shop location (its name kept as the venue) or free text. */
  private async venueOf(
    tx: Tx,
    locationId: string | null,
    venue: string | null,
  ): Promise<Pick<CheckinEntity, 'locationId' | 'venue'>> {
    if (locationId !== null) {
      const location = await this.checkins.lockLocation(tx, locationId);
      if (!location) {
        throw new CatalogException(CatalogErrorCode.UNKNOWN_LOCATION, `No shop location ${locationId}`, {
          errors: [{ field: 'locationId', messages: ['must be the id of one of /info/locations'] }],
        });
      }
      return { locationId, venue: location.name };
    }
    return { locationId: null, venue: cleanText(venue, VENUE_MAX, 'venue', true) };
  }

  private async answer({ checkin, aggregate }: Written, viewerId: string): Promise<CheckinDto> {
    return (await this.toDtos([checkin], aggregate, viewerId))[0];
  }

  /** The check-ins as answered, with their tags and photos read by one query each. */
  private async toDtos(
    checkins: readonly CheckinEntity[],
    aggregate: RatingAggregate,
    viewerId?: string,
  ): Promise<CheckinDto[]> {
    const ids = checkins.map((checkin) => checkin.id);
    const [tags, photos, likes] = await Promise.all([
      this.checkins.tagsOf(ids),
      this.checkins.photosOf(ids),
      this.likes.of(ids, viewerId),
    ]);
    const rating = toRatingDto(aggregate, this.minCount);
    return checkins.map((checkin) => ({
      id: checkin.id,
      version: checkin.version,
      item: { kind: checkinKindOf(checkin), id: checkinItemOf(checkin), rating },
      authorId: checkin.authorId,
      rating: toStars(checkin.ratingQuarters),
      counted: checkin.counted,
      verifiedPurchase: checkin.verifiedPurchase,
      verifiedPhoto: checkin.verifiedPhoto,
      weight: weightOf(checkin.verifiedPurchase, checkin.verifiedPhoto),
      text: checkin.text,
      tags: tags
        .filter((tag) => tag.checkinId === checkin.id)
        .map((tag) => ({ id: tag.id, ...translatableOf(tag) })),
      serving: checkin.serving,
      locationId: checkin.locationId,
      venue: checkin.venue,
      photos: photos
        .filter((photo) => photo.checkinId === checkin.id)
        .map((photo) => ({
          mediaId: photo.mediaId,
          position: Number(photo.position),
          width: Number(photo.width),
          height: Number(photo.height),
          blurhash: photo.blurhash,
          urls: {
            thumb: mediaFileUrl(photo.mediaId, 'thumb'),
            medium: mediaFileUrl(photo.mediaId, 'medium'),
            original: mediaFileUrl(photo.mediaId, 'original'),
          },
        })),
      likes: likes(checkin.id),
      createdAt: checkin.createdAt.toISOString(),
      updatedAt: checkin.updatedAt.toISOString(),
    }));
  }
}
