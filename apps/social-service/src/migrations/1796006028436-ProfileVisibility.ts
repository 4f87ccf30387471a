import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Only verified accounts' profiles are public; provider avatars; a version per profile; early events. */
export class ProfileVisibility1796006028436 implements MigrationInterface {
  name = 'ProfileVisibility1796006028436';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."early_account_events" ("user_id" uuid NOT NULL, "login" text, "verified" boolean NOT NULL DEFAULT false, "deleted" boolean NOT NULL DEFAULT false, "changes" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8a3a2da20b6a64dada4e84c117" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "avatar_url" text`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "verified" boolean NOT NULL DEFAULT false`);
    // Profiles made before social-service heard of verification were all public; they stay so (social
    // cannot read auth's schema). An unverified one among them goes with auth's purge of unverified
    // accounts (UNVERIFIED_TTL_HOURS), which emits auth.user.deleted.v1.
    await queryRunner.query(`UPDATE "social"."profiles" SET "verified" = true`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `CREATE INDEX "profiles_public_created_idx" ON "social"."profiles"  ("created_at", "id") WHERE "verified"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "social"."profiles_public_created_idx"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "verified"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "avatar_url"`);
    await queryRunner.query(`DROP TABLE "social"."early_account_events"`);
  }
}
