import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ItemPhotos1795784365881 implements MigrationInterface {
  name = 'ItemPhotos1795784365881';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."item_photos" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "item_id" uuid NOT NULL, "media_id" uuid NOT NULL, "side" text NOT NULL, "position" integer NOT NULL DEFAULT '0', "attached_by" uuid NOT NULL, CONSTRAINT "item_photos_item_media_key" UNIQUE ("kind", "item_id", "media_id"), CONSTRAINT "item_photos_kind_check" CHECK ("kind" IN ('coffee', 'watch', 'mechanism', 'product', 'listing', 'review')), CONSTRAINT "item_photos_side_check" CHECK ("side" IN ('main', 'left', 'right', 'bottom', 'back', 'detail')), CONSTRAINT "PK_1694151a181c7e2d198b1c07545" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "item_photos_media_idx" ON "catalog"."item_photos"  ("media_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "item_photos_main_key" ON "catalog"."item_photos"  ("kind", "item_id") WHERE "side" = 'main'`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."media_owners" ("media_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "blurhash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b6b33f59f4d92341ed0cba227b" PRIMARY KEY ("media_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "media_owners_owner_idx" ON "catalog"."media_owners"  ("owner_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."media_owners_owner_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."media_owners"`);
    await queryRunner.query(`DROP INDEX "catalog"."item_photos_main_key"`);
    await queryRunner.query(`DROP INDEX "catalog"."item_photos_media_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."item_photos"`);
  }
}
