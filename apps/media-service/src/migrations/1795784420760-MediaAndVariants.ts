import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaAndVariants1795784420760 implements MigrationInterface {
  name = 'MediaAndVariants1795784420760';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media"."media" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "owner_id" uuid NOT NULL, "content_hash" text NOT NULL, "source_type" text NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "blurhash" text NOT NULL, "stored_bytes" bigint NOT NULL, "attached_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "media_owner_hash_key" UNIQUE ("owner_id", "content_hash"), CONSTRAINT "PK_f4e0fcac36e050de337b670d8bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "media_owner_idx" ON "media"."media"  ("owner_id") `);
    await queryRunner.query(
      `CREATE TABLE "media"."media_variants" ("media_id" uuid NOT NULL, "name" text NOT NULL, "storage_key" text NOT NULL, "content_type" text NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "bytes" integer NOT NULL, CONSTRAINT "PK_fbbace0e9e0db3a5de5b1f9df66" PRIMARY KEY ("media_id", "name"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "media"."media_variants" ADD CONSTRAINT "FK_753f0f51a9ad2ec1b896c61377e" FOREIGN KEY ("media_id") REFERENCES "media"."media"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "media"."media_variants" DROP CONSTRAINT "FK_753f0f51a9ad2ec1b896c61377e"`,
    );
    await queryRunner.query(`DROP TABLE "media"."media_variants"`);
    await queryRunner.query(`DROP INDEX "media"."media_owner_idx"`);
    await queryRunner.query(`DROP TABLE "media"."media"`);
  }
}
