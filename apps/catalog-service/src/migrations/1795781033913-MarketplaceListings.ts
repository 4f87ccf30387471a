import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketplaceListings1795781033913 implements MigrationInterface {
  name = 'MarketplaceListings1795781033913';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."listings" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "seller_id" uuid NOT NULL, "title" text NOT NULL, "description" text, "price" numeric(12,2) NOT NULL, "currency" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "characteristics" jsonb NOT NULL DEFAULT '[]', "version" integer NOT NULL DEFAULT '1', "published_at" TIMESTAMP WITH TIME ZONE, "sold_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "listings_price_check" CHECK ("price" >= 0), CONSTRAINT "listings_status_check" CHECK ("status" IN ('draft', 'active', 'sold', 'archived')), CONSTRAINT "PK_520ecac6c99ec90bcf5a603cdcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "listings_seller_idx" ON "catalog"."listings"  ("seller_id") `);
    await queryRunner.query(
      `CREATE INDEX "listings_status_created_idx" ON "catalog"."listings"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."listing_tags" ("listing_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_106cd705e8b833be59c6a645cb9" PRIMARY KEY ("listing_id", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "listing_tags_tag_idx" ON "catalog"."listing_tags"  ("tag_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."listing_tags" ADD CONSTRAINT "FK_d545ceb30768fbbeb7649cae18f" FOREIGN KEY ("listing_id") REFERENCES "catalog"."listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listing_tags" ADD CONSTRAINT "FK_758e1e7412359ad0cafb2f744c9" FOREIGN KEY ("tag_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."listing_tags" DROP CONSTRAINT "FK_758e1e7412359ad0cafb2f744c9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listing_tags" DROP CONSTRAINT "FK_d545ceb30768fbbeb7649cae18f"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."listing_tags_tag_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."listing_tags"`);
    await queryRunner.query(`DROP INDEX "catalog"."listings_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."listings_seller_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."listings"`);
  }
}
