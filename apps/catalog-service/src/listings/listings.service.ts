import type { CatalogOfferV1 } from '@agora/contracts';
import type { AuthenticatedUser } from '@agora/auth';
import type { ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import { CatalogItemStore } from '../items/catalog-item.store.js';
import type { ItemPrice } from '../items/item-events.js';
import { listingOffer } from '../offers/offer.js';
import type { ItemKind } from '../items/item-kind.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { assignSoldItem, SoldItemsRepository } from '../items/sold-item.js';
import { canModerate } from '../moderation/can-moderate.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { toPhotoDto, type PhotoDto } from '../photos/photo.dto.js';
import { PhotosRepository } from '../photos/photos.repository.js';
import { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import type { ListingEntity, ListingStatus } from './listing.entity.js';
import {
  toListingDto,
  type ListingDto,
  type ListingInputDto,
  type ListingPageDto,
  type PatchListingDto,
} from './listing.dto.js';
import { ListingsRepository } from './listings.repository.js';

/** Who may see a listing besides its seller and moderators. */
const PUBLIC_STATUSES: readonly ListingStatus[] = ['active', 'sold'];

/**
 * Where a seller may move a listing from each status; sold is final but for archiving. A reserved listing
 * waits for its order: only the stock saga moves it (to sold, or back to active).
 */
const TRANSITIONS: Readonly<Record<ListingStatus, readonly ListingStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['draft', 'sold', 'archived'],
  reserved: [],
  sold: ['archived'],
  archived: ['draft', 'active'],
};

const notFound = (id: string): CatalogException => itemNotFound('listing', id);

export interface ListingFilters {
  readonly tag?: string;
  /** Only this seller's listings, in every status (their own view). */
  readonly sellerId?: string;
}

/**
 * Seed 003 marketplace listings: sellers write their own, moderators and admins can change or remove
 * any, through the one write path (not moderated): every change is an item event, and a new or changed
 * price a `catalog.price.changed.v1`.
 */
@Injectable()
export class ListingsService implements ItemKind<ListingEntity, PatchListingDto> {
  readonly subject = 'listing' as const;

  constructor(
    readonly repository: ListingsRepository,
    private readonly dictionaries: DictionariesService,
    private readonly photos: PhotosRepository,
    private readonly search: SearchIndex,
    private readonly store: CatalogItemStore,
    private readonly soldItems: SoldItemsRepository,
  ) {}

  async list(query: ParsedListQuery, filters: ListingFilters): Promise<ListingPageDto> {
    const page = await this.repository.page(query, { ...filters, statuses: PUBLIC_STATUSES });
    const leads = await this.leadPhotos(page.items.map((listing) => listing.id));
    return mapPage(page, (listing) => toListingDto(listing, leads.get(listing.id) ?? null));
  }

  /** An active or sold listing for anyone; a draft or archived one only for its seller and moderators. */
  async get(id: string, user?: AuthenticatedUser): Promise<ListingDto> {
    const listing = await this.repository.findLoaded(id);
    if (!listing || (!PUBLIC_STATUSES.includes(listing.status) && !(user && this.canManage(listing, user)))) {
      throw notFound(id);
    }
    return toListingDto(listing, (await this.leadPhotos([id])).get(id) ?? null);
  }

  async create(seller: AuthenticatedUser, dto: ListingInputDto): Promise<ListingDto> {
    return this.get(await this.store.create(seller, this, dto), seller);
  }

  async update(
    user: AuthenticatedUser,
    id: string,
    dto: PatchListingDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<ListingDto> {
    await this.store.update(user, this, id, dto, whole, { expected, check: this.manageableBy(user) });
    return this.get(id, user);
  }

  delete(user: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    return this.store.delete(user, this, id, { expected, check: this.manageableBy(user) });
  }

  /**
   * The listing a user is about to review, share-locked for the rest of the transaction so an archive or
   * deletion racing the review waits for it (or wins first and the review is refused): 404 when it is gone
   * or was never published, 403 for its own seller, 409 when it is no longer public (archived, unlisted).
   */
  async lockForReview(tx: Tx, author: AuthenticatedUser, id: string): Promise<ListingEntity> {
    const listing = await this.repository.lockShared(tx, id);
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

  newItem(context: ChangeContext): Partial<ListingEntity> {
    return { sellerId: context.authorId, status: 'draft' };
  }

  /**
   * Copies the input onto the listing and moves its status where the input says, if its status allows; a
   * link to the coffee or watch it sells is checked (in the transaction) only when it is being written.
   */
  assign(tx: Tx, listing: ListingEntity, dto: PatchListingDto, whole: boolean): Promise<void> | void {
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
    if (dto.status !== undefined) {
      this.moveTo(listing, dto.status);
    }
    if (whole || dto.coffeeId !== undefined || dto.watchId !== undefined) {
      return assignSoldItem(tx, listing, dto, whole, this.soldItems);
    }
  }

  async saveRelated(tx: Tx, listing: ListingEntity, dto: PatchListingDto, whole: boolean): Promise<void> {
    if (dto.tags !== undefined || whole) {
      const tags = await this.dictionaries.findOrAdd(tx, 'tags', dto.tags ?? []);
      await this.repository.replaceTags(
        tx,
        listing.id,
        tags.map((tag) => tag.id),
      );
    }
  }

  /** Its reviews go with it (foreign key), and so do their photo rows. */
  async removeRelated(tx: Tx, listing: ListingEntity): Promise<void> {
    await this.photos.removeReviewPhotosOf(tx, listing.id);
  }

  title(listing: ListingEntity): string {
    return listing.title;
  }

  price(listing: ListingEntity): ItemPrice {
    return { price: listing.price, currency: listing.currency };
  }

  offer(listing: ListingEntity): CatalogOfferV1 {
    return listingOffer(listing);
  }

  async reindex(tx: Tx, id: string): Promise<void> {
    await this.search.refresh(tx, this.subject, [id]);
  }

  /** The listings' lead photos by listing id (one statement for a page). */
  private async leadPhotos(listingIds: readonly string[]): Promise<Map<string, PhotoDto>> {
    const leads = await this.photos.leadPhotosOf('listing', listingIds);
    return new Map(leads.map((lead) => [lead.itemId, toPhotoDto(lead, lead)]));
  }

  private canManage(listing: ListingEntity, user: AuthenticatedUser): boolean {
    return listing.sellerId === user.id || canModerate(user);
  }

  /** Someone else's listing is not found (or forbidden when it is public). */
  private manageableBy(user: AuthenticatedUser): (listing: ListingEntity) => void {
    return (listing) => {
      if (this.canManage(listing, user)) {
        return;
      }
      if (!PUBLIC_STATUSES.includes(listing.status)) {
        throw notFound(listing.id);
      }
      throw new CatalogException(
        CatalogErrorCode.NOT_YOUR_LISTING,
        'Only the seller, moderators and admins change a listing',
      );
    };
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
}
