import type { AuthenticatedUser } from '@agora/auth';
import { uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { UnitOfWork, type Tx } from '@agora/database';
import { ReviewEvents } from './review-events.js';
import { ReviewsRepository } from './reviews.repository.js';
import { refuseCleared } from '../items/item-problems.js';
import { ListingsService } from '../listings/listings.service.js';
import { canModerate } from '../moderation/can-moderate.js';
import { PhotosRepository } from '../photos/photos.repository.js';
import { PurchasesRepository } from '../purchases/purchases.repository.js';
import type { ReviewEntity } from './review.entity.js';
import {
  toReviewDto,
  type PatchReviewDto,
  type ReviewDto,
  type ReviewInputDto,
  type ReviewPageDto,
} from './review.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.REVIEW_NOT_FOUND, `No review ${id}`);

/** Seed 003 reviews of public listings: one per buyer and listing, never by the seller. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reviews: ReviewsRepository,
    private readonly listings: ListingsService,
    private readonly photos: PhotosRepository,
    private readonly events: ReviewEvents,
    private readonly purchases: PurchasesRepository,
  ) {}

  async list(
    user: AuthenticatedUser | undefined,
    listingId: string,
    query: ParsedListQuery,
  ): Promise<ReviewPageDto> {
    await this.listings.get(listingId, user);
    return mapPage(await this.reviews.page(listingId, query), toReviewDto);
  }

  async get(id: string): Promise<ReviewDto> {
    const review = await this.reviews.find(id);
    if (!review) {
      throw notFound(id);
    }
    return toReviewDto(review);
  }

  async create(author: AuthenticatedUser, listingId: string, dto: ReviewInputDto): Promise<ReviewDto> {
    try {
      return await this.unitOfWork.run(async (tx) => {
        const listing = await this.listings.lockForReview(tx, author, listingId);
        const review = this.reviews.build(tx, {
          listingId,
          authorId: author.id,
          rating: dto.rating,
          text: dto.text,
          // Read under the listing's shared lock: a purchase recorded meanwhile waits, then updates this review.
          verifiedPurchase: await this.purchases.has(tx, author.id, listingId),
        });
        const saved = await this.reviews.save(tx, review);
        await this.events.saved(tx, saved, listing.sellerId);
        return toReviewDto(saved);
      });
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new CatalogException(
          CatalogErrorCode.ALREADY_REVIEWED,
          'You have reviewed this listing; change that review instead',
        );
      }
      throw error;
    }
  }

  async update(
    author: AuthenticatedUser,
    id: string,
    dto: PatchReviewDto,
    expected?: ExpectedVersions,
  ): Promise<ReviewDto> {
    refuseCleared(dto, ['rating', 'text']);
    return this.unitOfWork.run(async (tx) => {
      const review = await this.lock(tx, id, expected);
      if (review.authorId !== author.id) {
        throw new CatalogException(CatalogErrorCode.NOT_YOUR_REVIEW, 'Only its author changes a review');
      }
      review.rating = dto.rating ?? review.rating;
      review.text = dto.text ?? review.text;
      review.version += 1;
      const saved = await this.reviews.save(tx, review);
      await this.events.saved(tx, saved, await this.reviews.sellerOf(tx, saved.listingId));
      return toReviewDto(saved);
    });
  }

  /** Its author or a moderator deletes a review, with its photo links. */
  async delete(user: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const review = await this.lock(tx, id, expected);
      if (review.authorId !== user.id && !canModerate(user)) {
        throw new CatalogException(
          CatalogErrorCode.NOT_YOUR_REVIEW,
          'Only its author or a moderator deletes a review',
        );
      }
      await this.reviews.remove(tx, id);
      await this.photos.removeAllOf(tx, 'review', id);
      await this.events.deleted(tx, review, await this.reviews.sellerOf(tx, review.listingId));
    });
  }

  /** The review, row-locked for the change, at the version If-Match names (412 otherwise). */
  private async lock(tx: Tx, id: string, expected?: ExpectedVersions): Promise<ReviewEntity> {
    const review = await this.reviews.lock(tx, id);
    if (!review) {
      throw notFound(id);
    }
    assertVersionMatches(expected, review.version);
    return review;
  }
}
