import { Topics } from '@agora/contracts';
import { OutboxWriter, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { ReviewEntity } from './review.entity.js';

/** A review's events, in the transaction of its change: social-service keeps sellers' ratings and review posts from them. */
@Injectable()
export class ReviewEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async saved(tx: Tx, review: ReviewEntity, sellerId: string): Promise<void> {
    await this.outbox.add(tx, Topics.CatalogReviewSaved, review.id, {
      reviewId: review.id,
      listingId: review.listingId,
      sellerId,
      authorId: review.authorId,
      rating: review.rating,
      verifiedPurchase: review.verifiedPurchase,
      version: review.version,
      savedAt: new Date().toISOString(),
    });
  }

  async deleted(tx: Tx, review: ReviewEntity, sellerId: string): Promise<void> {
    await this.outbox.add(tx, Topics.CatalogReviewDeleted, review.id, {
      reviewId: review.id,
      listingId: review.listingId,
      sellerId,
      authorId: review.authorId,
      deletedAt: new Date().toISOString(),
    });
  }
}
