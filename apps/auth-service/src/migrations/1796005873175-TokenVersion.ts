import type { MigrationInterface, QueryRunner } from 'typeorm';

/** users.token_version: the `ver` claim of access tokens, raised by role changes (revocation). */
export class TokenVersion1796005873175 implements MigrationInterface {
  name = 'TokenVersion1796005873175';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth"."users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth"."users" DROP COLUMN "token_version"`);
  }
}
