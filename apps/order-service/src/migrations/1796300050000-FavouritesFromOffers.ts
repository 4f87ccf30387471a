import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Favourites read their listings from the offers read model: `listing_refs` (favourites' own copy of catalog's
 * listings) and the foreign key to it go. `down` recreates it from the offers of kind `listing` and drops the
 * favourites whose listing it does not hold, so the foreign key can come back.
 */
export class FavouritesFromOffers1796300050000 implements MigrationInterface {
  name = 'FavouritesFromOffers1796300050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "orders"."favourites" DROP CONSTRAINT "FK_fb7a4f3bc6b6767a71f67a477b8"`,
    );
    await queryRunner.query(`DROP TABLE "orders"."listing_refs"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."listing_refs" ("listing_id" uuid NOT NULL, "title" text NOT NULL, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_237a361e1a205bbf5dd4e729429" PRIMARY KEY ("listing_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "orders"."listing_refs" ("listing_id", "title", "version", "deleted", "updated_at")
       SELECT "item_id", "title", "version", "deleted", "updated_at" FROM "orders"."offers" WHERE "kind" = 'listing'`,
    );
    await queryRunner.query(
      `DELETE FROM "orders"."favourites" AS favourite
        WHERE NOT EXISTS (SELECT 1 FROM "orders"."listing_refs" AS ref WHERE ref."listing_id" = favourite."listing_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders"."favourites" ADD CONSTRAINT "FK_fb7a4f3bc6b6767a71f67a477b8" FOREIGN KEY ("listing_id") REFERENCES "orders"."listing_refs"("listing_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
