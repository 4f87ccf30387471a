import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SellersAndFavourites1796300000000 implements MigrationInterface {
  name = 'SellersAndFavourites1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."listing_refs" ("listing_id" uuid NOT NULL, "title" text NOT NULL, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_237a361e1a205bbf5dd4e729429" PRIMARY KEY ("listing_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."favourites" ("id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_173e5d5cc35490bf1de2d2d3739" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "favourites_listing_idx" ON "orders"."favourites"  ("listing_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "favourites_buyer_newest_idx" ON "orders"."favourites"  ("buyer_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "favourites_buyer_listing" ON "orders"."favourites"  ("buyer_id", "listing_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."seller_reports" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "reporter_id" uuid NOT NULL, "seller_id" uuid NOT NULL, "reason" text NOT NULL, "text" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "action" text, "moderator_id" uuid, "resolution_message" text, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_26990ebb16ba51860666c4d481a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_reports_seller_idx" ON "orders"."seller_reports"  ("seller_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_reports_created_idx" ON "orders"."seller_reports"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_reports_queue_idx" ON "orders"."seller_reports"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "seller_reports_one_open" ON "orders"."seller_reports"  ("reporter_id", "seller_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."seller_applications" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "shop_name" text NOT NULL, "description" text NOT NULL, "contact_email" text NOT NULL, "contact_phone" text, "website" text, "status" text NOT NULL DEFAULT 'pending', "reviewer_id" uuid, "decision_message" text, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_203be9b9b1f8ff560e8af1f90a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_applications_user_idx" ON "orders"."seller_applications"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_applications_created_idx" ON "orders"."seller_applications"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "seller_applications_queue_idx" ON "orders"."seller_applications"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "seller_applications_one_pending" ON "orders"."seller_applications"  ("user_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."seller_accounts" ("user_id" uuid NOT NULL, "active" boolean NOT NULL, "token_version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0bb584cfa8d4067d48dfc6d6d87" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders"."favourites" ADD CONSTRAINT "FK_fb7a4f3bc6b6767a71f67a477b8" FOREIGN KEY ("listing_id") REFERENCES "orders"."listing_refs"("listing_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "orders"."favourites" DROP CONSTRAINT "FK_fb7a4f3bc6b6767a71f67a477b8"`,
    );
    await queryRunner.query(`DROP TABLE "orders"."seller_accounts"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_applications_one_pending"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_applications_queue_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_applications_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_applications_user_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."seller_applications"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_reports_one_open"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_reports_queue_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_reports_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."seller_reports_seller_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."seller_reports"`);
    await queryRunner.query(`DROP INDEX "orders"."favourites_buyer_listing"`);
    await queryRunner.query(`DROP INDEX "orders"."favourites_buyer_newest_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."favourites_listing_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."favourites"`);
    await queryRunner.query(`DROP TABLE "orders"."listing_refs"`);
  }
}
