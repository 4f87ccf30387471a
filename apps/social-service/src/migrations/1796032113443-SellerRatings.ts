import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SellerRatings1796032113443 implements MigrationInterface {
  name = 'SellerRatings1796032113443';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."seller_reviews" ("review_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "author_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "rating" integer NOT NULL, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_d4b08edf67e384be894b4f42f96" PRIMARY KEY ("review_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_reviews_seller_idx" ON "social"."seller_reviews"  ("seller_id") WHERE NOT "deleted"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "seller_rating" numeric(3,2)`);
    await queryRunner.query(
      `ALTER TABLE "social"."profiles" ADD "seller_reviews_count" integer NOT NULL DEFAULT '0'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "seller_reviews_count"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "seller_rating"`);
    await queryRunner.query(`DROP INDEX "social"."seller_reviews_seller_idx"`);
    await queryRunner.query(`DROP TABLE "social"."seller_reviews"`);
  }
}
