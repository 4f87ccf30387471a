import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { ListingEntity } from '../listings/listing.entity.js';
import { REVIEW_LIST_QUERY } from './review.dto.js';
import { ReviewEntity } from './review.entity.js';

/** Reviews of listings. */
@Injectable()
export class ReviewsRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<ReviewEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<ReviewEntity>(dataSource, ReviewEntity, {
      alias: 'review',
      searchable: REVIEW_LIST_QUERY.searchable,
    });
  }

  page(listingId: string, query: ParsedListQuery): Promise<Page<ReviewEntity>> {
    return this.list.page(query, [{ field: 'listingId', operator: 'eq', value: listingId }]);
  }

  find(id: string): Promise<ReviewEntity | null> {
    return this.dataSource.manager.findOneBy(ReviewEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<ReviewEntity | null> {
    return tx.findOne(ReviewEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  build(tx: Tx, values: DeepPartial<ReviewEntity>): ReviewEntity {
    return tx.create(ReviewEntity, values);
  }

  save(tx: Tx, review: ReviewEntity): Promise<ReviewEntity> {
    return tx.save(review);
  }

  /** The seller of the listing a review is about. */
  async sellerOf(tx: Tx, listingId: string): Promise<string> {
    const listing = await tx.findOneOrFail(ListingEntity, {
      select: { id: true, sellerId: true },
      where: { id: listingId },
    });
    return listing.sellerId;
  }

  /**
   * Marks whether the author of the listing's review has bought it, as a new version of the review; returns
   * the review when it changed (null when there is none or it already said so).
   */
  async setVerified(
    tx: Tx,
    listingId: string,
    authorId: string,
    verified: boolean,
  ): Promise<ReviewEntity | null> {
    const review = await tx.findOne(ReviewEntity, {
      where: { listingId, authorId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!review || review.verifiedPurchase === verified) {
      return null;
    }
    review.verifiedPurchase = verified;
    review.version += 1;
    return tx.save(review);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(ReviewEntity, { id });
  }
}
