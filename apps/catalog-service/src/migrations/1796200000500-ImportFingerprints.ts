import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportFingerprints1796200000500 implements MigrationInterface {
  name = 'ImportFingerprints1796200000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."import_fingerprints" ("fingerprint" text NOT NULL, "draft_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_import_fingerprints" PRIMARY KEY ("fingerprint"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."import_fingerprints"`);
  }
}
