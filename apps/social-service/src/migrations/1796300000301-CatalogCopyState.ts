import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogCopyState1796300000301 implements MigrationInterface {
  name = 'CatalogCopyState1796300000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."read_model_state" ("name" text NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36d2d3bd3387ce9725e1f1ed0fd" PRIMARY KEY ("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "social"."read_model_state"`);
  }
}
