import type { ReviewSavedV1 } from '@agora/contracts';
import { atOnce } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Profile {
  sellerRating: number | null;
  sellerReviewsCount: number;
}

/**
 * Sellers' ratings from catalog's review events on real PostgreSQL: only verified-purchase reviews count, each at
 * its newest version (an older event never brings back an older verification), and an event from before the
 * flag existed counts as unverified.
 */
describe('social-service: seller ratings from verified purchases', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let seller: SocialUser;

  const saved = (review: Omit<ReviewSavedV1, 'sellerId' | 'savedAt'>): Promise<void> =>
    social.publish('catalog.review.saved.v1', review.reviewId, {
      ...review,
      sellerId: seller.id,
      savedAt: new Date().toISOString(),
    });
  const profile = async () => (await social.call<Profile>('GET', `/profiles/${seller.id}`)).body;

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'rate');
    seller = await social.user('seller');
  });

  afterAll(async () => {
    await social?.close();
  });

  it('rates a seller from verified reviews alone, at each review’s newest version', async () => {
    const listingId = uuidv7();
    const [verified, plain, legacy] = [uuidv7(), uuidv7(), uuidv7()];
    const authors = [uuidv7(), uuidv7(), uuidv7()];
    await saved({
      reviewId: verified,
      listingId,
      authorId: authors[0],
      rating: 5,
      verifiedPurchase: true,
      version: 1,
    });
    await saved({
      reviewId: plain,
      listingId,
      authorId: authors[1],
      rating: 1,
      verifiedPurchase: false,
      version: 1,
    });
    // Written before catalog said whether a review is a verified purchase: not one.
    await saved({ reviewId: legacy, listingId, authorId: authors[2], rating: 1, version: 1 });
    expect(await profile()).toMatchObject({ sellerRating: 5, sellerReviewsCount: 1 });

    // The plain review's author buys the listing (version 2, verified); its older event redelivered changes nothing.
    await atOnce([
      () =>
        saved({
          reviewId: plain,
          listingId,
          authorId: authors[1],
          rating: 1,
          verifiedPurchase: true,
          version: 2,
        }),
      () =>
        saved({
          reviewId: plain,
          listingId,
          authorId: authors[1],
          rating: 1,
          verifiedPurchase: false,
          version: 1,
        }),
    ]);
    expect(await profile()).toMatchObject({ sellerRating: 3, sellerReviewsCount: 2 });

    // The first purchase is refunded (version 2, unverified): it stops counting.
    await saved({
      reviewId: verified,
      listingId,
      authorId: authors[0],
      rating: 5,
      verifiedPurchase: false,
      version: 2,
    });
    expect(await profile()).toMatchObject({ sellerRating: 1, sellerReviewsCount: 1 });
    const rows = await social.query<{ reviewId: string; verified: boolean }>(
      `SELECT review_id::text AS "reviewId", verified_purchase AS verified FROM social.seller_reviews
        WHERE seller_id = $1 ORDER BY review_id`,
      [seller.id],
    );
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.verified).map((row) => row.reviewId)).toEqual([plain]);
  });
});
