import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The barcodes decoded from a media's pixels are kept with it, so that `GET /internal/media/:id` answers the
 * same `media.media.uploaded.v1` payload the upload wrote. Media uploaded before: none (as their events said).
 */
export class MediaBarcodes1796300000000 implements MigrationInterface {
  name = 'MediaBarcodes1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media"."media" ADD "barcodes" text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media"."media" DROP COLUMN "barcodes"`);
  }
}
