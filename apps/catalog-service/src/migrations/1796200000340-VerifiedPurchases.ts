import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerifiedPurchases1796200000340 implements MigrationInterface {
  name = 'VerifiedPurchases1796200000340';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."coffees_rating_top_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."watches_rating_top_idx"`);
    await queryRunner.query(
      `CREATE TABLE "catalog"."purchases" ("buyer_id" uuid NOT NULL, "item_id" uuid NOT NULL, "order_id" uuid NOT NULL, "kind" text NOT NULL, "bought_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3009a67d812a4153a202e15e5a5" PRIMARY KEY ("buyer_id", "item_id", "order_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "purchases_order_idx" ON "catalog"."purchases"  ("order_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD "rating_weight" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD "rating_weighted_sum" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD "rating_weight" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD "rating_weighted_sum" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" ADD "verified_purchase" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."reviews" ADD "verified_purchase" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."stock_orders" ADD "issued" boolean NOT NULL DEFAULT false`,
    );
    // Every rating so far is plain (weight 1): the weighted sums start as the plain ones.
    await queryRunner.query(
      `UPDATE "catalog"."coffees" SET "rating_weight" = "rating_count", "rating_weighted_sum" = "rating_sum" WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `UPDATE "catalog"."watches" SET "rating_weight" = "rating_count", "rating_weighted_sum" = "rating_sum" WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "coffees_rating_top_idx" ON "catalog"."coffees"  ("rating_count", "rating_weight", "rating_weighted_sum", "id") WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "watches_rating_top_idx" ON "catalog"."watches"  ("rating_count", "rating_weight", "rating_weighted_sum", "id") WHERE "rating_count" > 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."watches_rating_top_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."coffees_rating_top_idx"`);
    await queryRunner.query(`ALTER TABLE "catalog"."stock_orders" DROP COLUMN "issued"`);
    await queryRunner.query(`ALTER TABLE "catalog"."reviews" DROP COLUMN "verified_purchase"`);
    await queryRunner.query(`ALTER TABLE "catalog"."checkins" DROP COLUMN "verified_purchase"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "rating_weighted_sum"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "rating_weight"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "rating_weighted_sum"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "rating_weight"`);
    await queryRunner.query(`DROP INDEX "catalog"."purchases_order_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."purchases"`);
    await queryRunner.query(
      `CREATE INDEX "watches_rating_top_idx" ON "catalog"."watches"  ("rating_count", "rating_sum", "id") WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "coffees_rating_top_idx" ON "catalog"."coffees"  ("rating_count", "rating_sum", "id") WHERE "rating_count" > 0`,
    );
  }
}
