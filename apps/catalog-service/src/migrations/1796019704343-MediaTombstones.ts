import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaTombstones1796019704343 implements MigrationInterface {
  name = 'MediaTombstones1796019704343';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."media_tombstones" ("media_id" uuid NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d54660e3dc809be5ffbdb7149b9" PRIMARY KEY ("media_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."media_tombstones"`);
  }
}
