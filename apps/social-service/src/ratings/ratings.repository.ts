import type { ReviewDeletedV1, ReviewSavedV1 } from '@agora/contracts';
import { modifyReturning, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';

/** The only code that touches sellers' reviews and the rating they give a profile. */
@Injectable()
export class RatingsRepository {
  /**
   * Keeps the review at its newest version; returns whether it is new to social-service (its first version
   * seen) and whether anything changed.
   */
  async save(tx: Tx, review: ReviewSavedV1): Promise<{ changed: boolean; first: boolean }> {
    const rows = await modifyReturning<{ first: boolean }>(
      tx,
      `INSERT INTO "social"."seller_reviews" ("review_id", "seller_id", "author_id", "listing_id", "rating", "version", "verified_purchase")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("review_id") DO UPDATE
          SET "rating" = EXCLUDED."rating", "version" = EXCLUDED."version", "verified_purchase" = EXCLUDED."verified_purchase"
        WHERE "seller_reviews"."version" < EXCLUDED."version" AND NOT "seller_reviews"."deleted"
       RETURNING (xmax = 0) AS first`,
      [
        review.reviewId,
        review.sellerId,
        review.authorId,
        review.listingId,
        review.rating,
        review.version,
        review.verifiedPurchase ?? false,
      ],
    );
    return { changed: rows.length > 0, first: rows[0]?.first ?? false };
  }

  /** Marks the review deleted (a tombstone, whether or not its saving was seen). */
  async delete(tx: Tx, review: ReviewDeletedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."seller_reviews" ("review_id", "seller_id", "author_id", "listing_id", "rating", "version", "deleted")
       VALUES ($1, $2, $3, $4, 1, 1, true)
       ON CONFLICT ("review_id") DO UPDATE SET "deleted" = true`,
      [review.reviewId, review.sellerId, review.authorId, review.listingId],
    );
  }

  /**
   * The seller's profile gets the average and count of their verified-purchase reviews (seed 003: "sellers get
   * a rating from issued orders' reviews"); unverified reviews stay visible in catalog, flagged, and count nowhere.
   */
  async refreshSeller(tx: Tx, sellerId: string): Promise<void> {
    await tx.query(
      `UPDATE "social"."profiles" p
          SET "seller_rating" = r.average, "seller_reviews_count" = r.count
         FROM (SELECT round(avg("rating"), 2) AS average, count(*)::int AS count
                 FROM "social"."seller_reviews"
                WHERE "seller_id" = $1 AND "verified_purchase" AND NOT "deleted") r
        WHERE p."id" = $1`,
      [sellerId],
    );
  }
}
