import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogLikeNotifications1796200000005 implements MigrationInterface {
  name = 'CatalogLikeNotifications1796200000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "target_kind" text`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "target_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "target_id"`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "target_kind"`);
  }
}
