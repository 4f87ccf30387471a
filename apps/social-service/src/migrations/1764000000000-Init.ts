import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '@agora/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "social"."profiles" (
        "id" uuid PRIMARY KEY,
        "login" text NOT NULL,
        "display_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "profiles_login_idx" ON "social"."profiles" (lower("login"))`);
    await createOutboxAndInboxTables(queryRunner, 'social');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxAndInboxTables(queryRunner, 'social');
    await queryRunner.query(`DROP TABLE "social"."profiles"`);
  }
}
