import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingReviews1795786034028 implements MigrationInterface {
  name = 'ListingReviews1795786034028';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."reviews" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "listing_id" uuid NOT NULL, "author_id" uuid NOT NULL, "rating" integer NOT NULL, "text" text NOT NULL, CONSTRAINT "reviews_listing_author_key" UNIQUE ("listing_id", "author_id"), CONSTRAINT "reviews_rating_check" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reviews_listing_idx" ON "catalog"."reviews"  ("listing_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."reviews" ADD CONSTRAINT "FK_da74291938b03c356816a423712" FOREIGN KEY ("listing_id") REFERENCES "catalog"."listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."reviews" DROP CONSTRAINT "FK_da74291938b03c356816a423712"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."reviews_listing_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."reviews"`);
  }
}
