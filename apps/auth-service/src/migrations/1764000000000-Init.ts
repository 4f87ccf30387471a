import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '@agora/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "auth"."users" (
        "id" uuid PRIMARY KEY,
        "email" text NOT NULL,
        "login" text NOT NULL,
        "password_hash" text NOT NULL,
        "verified" boolean NOT NULL DEFAULT false,
        "role" text NOT NULL DEFAULT 'user' CHECK ("role" IN ('user', 'seller', 'moderator', 'admin')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "users_email_key" UNIQUE ("email")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_login_key" ON "auth"."users" (lower("login"))`);
    await createOutboxAndInboxTables(queryRunner, 'auth');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxAndInboxTables(queryRunner, 'auth');
    await queryRunner.query(`DROP TABLE "auth"."users"`);
  }
}
