import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { PostsRepository } from '../posts/posts.repository.js';
import { RatingsRepository } from './ratings.repository.js';

/** The inbox consumer name of catalog's review events in social-service. */
export const RATINGS_CONSUMER = 'social.ratings';

/**
 * Sellers' ratings and review posts from catalog's review events (each once): a review counts in its
 * seller's average at its newest version, and its first version becomes a post of its author (activity
 * `review`, naming the listing) that goes when the review does.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly posts: PostsRepository,
    private readonly inbox: Inbox,
  ) {}

  async onReviewSaved(event: EventEnvelope<'catalog.review.saved.v1'>): Promise<void> {
    const review = event.payload;
    await this.inbox.consumeOnce(RATINGS_CONSUMER, event, async (tx) => {
      const { changed, first } = await this.ratings.save(tx, review);
      if (changed) {
        await this.ratings.refreshSeller(tx, review.sellerId);
      }
      if (first) {
        await this.posts.createActivity(tx, review.authorId, 'review', {
          kind: 'listing',
          id: review.listingId,
        });
      }
    });
  }

  async onReviewDeleted(event: EventEnvelope<'catalog.review.deleted.v1'>): Promise<void> {
    const review = event.payload;
    await this.inbox.consumeOnce(RATINGS_CONSUMER, event, async (tx) => {
      await this.ratings.delete(tx, review);
      await this.ratings.refreshSeller(tx, review.sellerId);
      await this.posts.removeActivity(tx, review.authorId, 'review', review.listingId);
    });
  }
}
