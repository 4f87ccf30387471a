import type { AuthenticatedUser } from '@agora/auth';
import { uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { refuseCleared } from '../items/item-problems.js';
import { ListingsService } from '../listings/listings.service.js';
import { canModerate } from '../moderation/drafts.service.js';
import { PhotosService } from '../photos/photos.service.js';
import { ReviewEntity } from './review.entity.js';
import {
  REVIEW_LIST_QUERY,
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
    private readonly dataSource: DataSource,
    private readonly listings: ListingsService,
    private readonly photos: PhotosService,
  ) {}

  async list(listingId: string, query: ParsedListQuery, user?: AuthenticatedUser): Promise<ReviewPageDto> {
    await this.listings.get(listingId, user);
    const builder = this.dataSource.manager
      .createQueryBuilder(ReviewEntity, 'review')
      .where('review.listingId = :listingId', { listingId });
    return mapPage(await findPage(builder, query, REVIEW_LIST_QUERY.searchable), toReviewDto);
  }

  async get(id: string): Promise<ReviewDto> {
    return toReviewDto(await this.find(id));
  }

  async create(listingId: string, dto: ReviewInputDto, author: AuthenticatedUser): Promise<ReviewDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.listings.lockForReview(manager, listingId, author);
        const review = manager.create(ReviewEntity, {
          listingId,
          authorId: author.id,
          rating: dto.rating,
          text: dto.text,
        });
        return toReviewDto(await manager.save(review));
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
    id: string,
    dto: PatchReviewDto,
    author: AuthenticatedUser,
    expected?: ExpectedVersions,
  ): Promise<ReviewDto> {
    refuseCleared(dto, ['rating', 'text']);
    return this.dataSource.transaction(async (manager) => {
      const review = await this.lock(manager, id, expected);
      if (review.authorId !== author.id) {
        throw new CatalogException(CatalogErrorCode.NOT_YOUR_REVIEW, 'Only its author changes a review');
      }
      review.rating = dto.rating ?? review.rating;
      review.text = dto.text ?? review.text;
      review.version += 1;
      return toReviewDto(await manager.save(review));
    });
  }

  /** Its author or a moderator deletes a review, with its photo links. */
  async delete(id: string, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lock(manager, id, expected);
      if (review.authorId !== user.id && !canModerate(user)) {
        throw new CatalogException(
          CatalogErrorCode.NOT_YOUR_REVIEW,
          'Only its author or a moderator deletes a review',
        );
      }
      await manager.delete(ReviewEntity, { id });
      await this.photos.removeAllOf(manager, 'review', id);
    });
  }

  /** The review, row-locked for the change, at the version If-Match names (412 otherwise). */
  private async lock(manager: EntityManager, id: string, expected?: ExpectedVersions): Promise<ReviewEntity> {
    const review = await manager.findOne(ReviewEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!review) {
      throw notFound(id);
    }
    assertVersionMatches(expected, review.version);
    return review;
  }

  private async find(id: string): Promise<ReviewEntity> {
    const review = await this.dataSource.manager.findOneBy(ReviewEntity, { id });
    if (!review) {
      throw notFound(id);
    }
    return review;
  }
}
