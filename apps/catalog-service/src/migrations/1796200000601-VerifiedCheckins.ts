import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerifiedCheckins1796200000601 implements MigrationInterface {
  name = 'VerifiedCheckins1796200000601';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" ADD "verified_photo" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."listings" ADD "coffee_id" uuid`);
    await queryRunner.query(`ALTER TABLE "catalog"."listings" ADD "watch_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."media_owners" ADD "barcodes" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."products" ADD "coffee_id" uuid`);
    await queryRunner.query(`ALTER TABLE "catalog"."products" ADD "watch_id" uuid`);
    await queryRunner.query(`CREATE INDEX "listings_watch_idx" ON "catalog"."listings"  ("watch_id") `);
    await queryRunner.query(`CREATE INDEX "listings_coffee_idx" ON "catalog"."listings"  ("coffee_id") `);
    await queryRunner.query(`CREATE INDEX "products_watch_idx" ON "catalog"."products"  ("watch_id") `);
    await queryRunner.query(`CREATE INDEX "products_coffee_idx" ON "catalog"."products"  ("coffee_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" ADD CONSTRAINT "listings_sold_item_check" CHECK (num_nonnulls("coffee_id", "watch_id") <= 1)`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" ADD CONSTRAINT "products_sold_item_check" CHECK (num_nonnulls("coffee_id", "watch_id") <= 1)`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" ADD CONSTRAINT "FK_da7c8764efda86a814950ab539e" FOREIGN KEY ("coffee_id") REFERENCES "catalog"."coffees"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" ADD CONSTRAINT "FK_60596e1637d6a0a8e6d8867af72" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" ADD CONSTRAINT "FK_fabad36a7e0758f3357a0f66a94" FOREIGN KEY ("coffee_id") REFERENCES "catalog"."coffees"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" ADD CONSTRAINT "FK_0c5242d38bf9e646665d6aabb8b" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" DROP CONSTRAINT "FK_0c5242d38bf9e646665d6aabb8b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" DROP CONSTRAINT "FK_fabad36a7e0758f3357a0f66a94"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" DROP CONSTRAINT "FK_60596e1637d6a0a8e6d8867af72"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" DROP CONSTRAINT "FK_da7c8764efda86a814950ab539e"`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."products" DROP CONSTRAINT "products_sold_item_check"`);
    await queryRunner.query(`ALTER TABLE "catalog"."listings" DROP CONSTRAINT "listings_sold_item_check"`);
    await queryRunner.query(`DROP INDEX "catalog"."products_coffee_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."products_watch_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."listings_coffee_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."listings_watch_idx"`);
    await queryRunner.query(`ALTER TABLE "catalog"."products" DROP COLUMN "watch_id"`);
    await queryRunner.query(`ALTER TABLE "catalog"."products" DROP COLUMN "coffee_id"`);
    await queryRunner.query(`ALTER TABLE "catalog"."media_owners" DROP COLUMN "barcodes"`);
    await queryRunner.query(`ALTER TABLE "catalog"."listings" DROP COLUMN "watch_id"`);
    await queryRunner.query(`ALTER TABLE "catalog"."listings" DROP COLUMN "coffee_id"`);
    await queryRunner.query(`ALTER TABLE "catalog"."checkins" DROP COLUMN "verified_photo"`);
  }
}
