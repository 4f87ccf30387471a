import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerifiedSellerReviews1796200000003 implements MigrationInterface {
  name = 'VerifiedSellerReviews1796200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."seller_reviews" ADD "verified_purchase" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_reviews_seller_verified_idx" ON "social"."seller_reviews"  ("seller_id", "rating") WHERE "verified_purchase" AND NOT "deleted"`,
    );
    // Reviews known so far are not verified purchases (catalog marks them again when a purchase is issued):
    // sellers' ratings count none of them.
    await queryRunner.query(
      `UPDATE "social"."profiles" SET "seller_rating" = NULL, "seller_reviews_count" = 0 WHERE "seller_reviews_count" > 0 OR "seller_rating" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "social"."seller_reviews_seller_verified_idx"`);
    await queryRunner.query(`ALTER TABLE "social"."seller_reviews" DROP COLUMN "verified_purchase"`);
    await queryRunner.query(
      `UPDATE "social"."profiles" p SET "seller_rating" = r.average, "seller_reviews_count" = r.count
         FROM (SELECT "seller_id", round(avg("rating"), 2) AS average, count(*)::int AS count
                 FROM "social"."seller_reviews" WHERE NOT "deleted" GROUP BY "seller_id") r
        WHERE p."id" = r."seller_id"`,
    );
  }
}
