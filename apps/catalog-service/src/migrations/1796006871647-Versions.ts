import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Versions1796006871647 implements MigrationInterface {
  name = 'Versions1796006871647';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD "version" integer NOT NULL DEFAULT '1'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."reviews" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."shop_locations" ADD "version" integer NOT NULL DEFAULT '1'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."categories" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."categories" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "catalog"."shop_locations" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "catalog"."reviews" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" DROP COLUMN "version"`);
  }
}
