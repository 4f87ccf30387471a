import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import { inTransaction, OutboxWriter } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import { itemChanged, priceChanged } from '../items/item-events.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { canModerate } from '../moderation/drafts.service.js';
import { PhotosService } from '../photos/photos.service.js';
import { SearchIndex } from '../search/search-index.js';
import { ListingEntity, ListingTagEntity, type ListingStatus } from './listing.entity.js';
import {
  LISTING_LIST_QUERY,
  toListingDto,
  type ListingDto,
  type ListingInputDto,
  type ListingPageDto,
  type PatchListingDto,
} from './listing.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

/** Who may see a listing besides its seller and moderators. */
const PUBLIC_STATUSES: readonly ListingStatus[] = ['active', 'sold'];

/** Where a listing may go from each status; sold is final but for archiving. */
const TRANSITIONS: Readonly<Record<ListingStatus, readonly ListingStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['draft', 'sold', 'archived'],
  sold: ['archived'],
  archived: ['draft', 'active'],
};

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.LISTING_NOT_FOUND, `No listing ${id}`);

export interface ListingFilters {
  readonly tag?: string;
  /** Only this seller's listings, in every status (their own view). */
  readonly sellerId?: string;
}

/**
 * Seed 003 marketplace listings: sellers write their own, moderators and admins can change or remove
 * any; every change is an item event, and a new or changed price a `catalog.price.changed.v1`.
 */
@Injectable()
export class ListingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dictionaries: DictionariesService,
    private readonly outbox: OutboxWriter,
    private readonly search: SearchIndex,
    private readonly photos: PhotosService,
  ) {}

  async list(query: ParsedListQuery, filters: ListingFilters): Promise<ListingPageDto> {
    const builder = this.withTags();
    if (filters.sellerId) {
      builder.andWhere('listing.sellerId = :sellerId', { sellerId: filters.sellerId });
    } else {
      builder.andWhere('listing.status IN (:...visible)', { visible: PUBLIC_STATUSES });
    }
    if (filters.tag) {
      builder.andWhere(
        `EXISTS (SELECT 1 FROM catalog.listing_tags link JOIN catalog.dictionary_values tag ON tag.id = link.tag_id
                 WHERE link.listing_id = listing.id AND lower(tag.name) = lower(:tag))`,
        { tag: filters.tag },
      );
    }
    return mapPage(await findPage(builder, query, LISTING_LIST_QUERY.searchable), toListingDto);
  }

  /** An active or sold listing for anyone; a draft or archived one only for its seller and moderators. */
  async get(id: string, user?: AuthenticatedUser): Promise<ListingDto> {
    const listing = await this.withTags().where('listing.id = :id', { id }).getOne();
    if (!listing || (!PUBLIC_STATUSES.includes(listing.status) && !(user && this.canManage(listing, user)))) {
      throw notFound(id);
    }
    return toListingDto(listing);
  }

  async create(dto: ListingInputDto, seller: AuthenticatedUser): Promise<ListingDto> {
    const id = await inTransaction(this.dataSource, async (manager) => {
      const listing = manager.create(ListingEntity, { sellerId: seller.id, version: 1, status: 'draft' });
      this.assign(listing, dto, true);
      this.moveTo(listing, dto.status ?? 'draft');
      await manager.save(listing);
      await this.saveTags(manager, listing.id, dto.tags ?? []);
      await this.search.refresh(manager, 'listing', [listing.id]);
      await this.outbox.add(
        manager,
        Topics.CatalogItemCreated,
        listing.id,
        itemChanged('listing', listing, listing.title, seller.id),
      );
      await this.outbox.add(
        manager,
        Topics.CatalogPriceChanged,
        listing.id,
        priceChanged('listing', listing, listing.title, null),
      );
      return listing.id;
    });
    return this.get(id, seller);
  }

  async update(
    id: string,
    dto: PatchListingDto,
    whole: boolean,
    user: AuthenticatedUser,
    expected?: ExpectedVersions,
  ): Promise<ListingDto> {
    await inTransaction(this.dataSource, async (manager) => {
      const listing = await this.lockManageable(manager, id, user);
      assertVersionMatches(expected, listing.version);
      const { price, currency } = listing;
      this.assign(listing, dto, whole);
      if (dto.status !== undefined) {
        this.moveTo(listing, dto.status);
      }
      listing.version += 1;
      await manager.save(listing);
      if (dto.tags !== undefined || whole) {
        await this.saveTags(manager, id, dto.tags ?? []);
      }
      await this.search.refresh(manager, 'listing', [id]);
      await this.outbox.add(
        manager,
        Topics.CatalogItemUpdated,
        id,
        itemChanged('listing', listing, listing.title, user.id),
      );
      if (listing.price !== price || listing.currency !== currency) {
        await this.outbox.add(
          manager,
          Topics.CatalogPriceChanged,
          id,
          priceChanged('listing', listing, listing.title, { price, currency }),
        );
      }
    });
    return this.get(id, user);
  }

  async delete(id: string, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const listing = await this.lockManageable(manager, id, user);
      assertVersionMatches(expected, listing.version);
      await this.photos.removeReviewPhotosOf(manager, id);
      await manager.delete(ListingEntity, { id: listing.id });
      await this.photos.removeAllOf(manager, 'listing', id);
      await this.search.refresh(manager, 'listing', [id]);
      await this.outbox.add(manager, Topics.CatalogItemDeleted, id, {
        kind: 'listing',
        itemId: id,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      });
    });
  }

  /**
   * The listing a user is about to review, share-locked for the rest of the transaction so an archive or
   * deletion racing the review waits for it (or wins first and the review is refused): 404 when it is gone
   * or was never published, 403 for its own seller, 409 when it is no longer public (archived, unlisted).
   */
  async lockForReview(manager: EntityManager, id: string, author: AuthenticatedUser): Promise<ListingEntity> {
    const listing = await manager.findOne(ListingEntity, {
      where: { id },
      lock: { mode: 'pessimistic_read' },
    });
    // A listing never published stays hidden; one that was public and no longer is, is refused openly.
    if (!listing || (listing.publishedAt === null && !this.canManage(listing, author))) {
      throw notFound(id);
    }
    if (listing.sellerId === author.id) {
      throw new CatalogException(CatalogErrorCode.OWN_LISTING, 'Sellers do not review their own listings');
    }
    if (!PUBLIC_STATUSES.includes(listing.status)) {
      throw new CatalogException(
        CatalogErrorCode.LISTING_NOT_PUBLIC,
        'Only active or sold listings take reviews',
      );
    }
    return listing;
  }

  private canManage(listing: ListingEntity, user: AuthenticatedUser): boolean {
    return listing.sellerId === user.id || canModerate(user);
  }

  /** The listing, locked, if the user may change it: someone else's is not found (or forbidden if public). */
  private async lockManageable(
    manager: EntityManager,
    id: string,
    user: AuthenticatedUser,
  ): Promise<ListingEntity> {
    const listing = await manager.findOne(ListingEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!listing || (!this.canManage(listing, user) && !PUBLIC_STATUSES.includes(listing.status))) {
      throw notFound(id);
    }
    if (!this.canManage(listing, user)) {
      throw new CatalogException(
        CatalogErrorCode.NOT_YOUR_LISTING,
        'Only the seller, moderators and admins change a listing',
      );
    }
    return listing;
  }

  private assign(listing: ListingEntity, dto: PatchListingDto, whole: boolean): void {
    refuseCleared(dto, ['title', 'price', 'currency', 'status']);
    listing.title = dto.title ?? listing.title;
    listing.description = keptOrCleared(dto.description, listing.description, whole);
    listing.price = dto.price ?? listing.price;
    listing.currency = dto.currency ?? listing.currency;
    listing.characteristics = dto.characteristics
      ? dto.characteristics.map(({ key, type, value }) => ({ key, type, value }))
      : whole
        ? []
        : listing.characteristics;
  }

  /** Moves the listing to a status its current one allows; a 409 otherwise. */
  private moveTo(listing: ListingEntity, status: ListingStatus): void {
    if (status === listing.status) {
      return;
    }
    if (!TRANSITIONS[listing.status].includes(status)) {
      throw new CatalogException(
        CatalogErrorCode.INVALID_STATUS_TRANSITION,
        `A ${listing.status} listing cannot become ${status}`,
        {
          errors: [
            {
              field: 'status',
              messages: [`allowed from ${listing.status}: ${TRANSITIONS[listing.status].join(', ')}`],
            },
          ],
        },
      );
    }
    listing.status = status;
    if (status === 'active') {
      listing.publishedAt ??= new Date();
    }
    if (status === 'sold') {
      listing.soldAt = new Date();
    }
  }

  private async saveTags(manager: EntityManager, listingId: string, names: readonly string[]): Promise<void> {
    await manager.delete(ListingTagEntity, { listingId });
    const tags = await this.dictionaries.findOrAdd(manager, 'tags', names);
    if (tags.length > 0) {
      await manager.insert(
        ListingTagEntity,
        tags.map((tag) => ({ listingId, tagId: tag.id })),
      );
    }
  }

  private withTags(): SelectQueryBuilder<ListingEntity> {
    return this.dataSource.manager
      .createQueryBuilder(ListingEntity, 'listing')
      .leftJoinAndSelect('listing.tagLinks', 'tagLink')
      .leftJoinAndSelect('tagLink.tag', 'tag');
  }
}
