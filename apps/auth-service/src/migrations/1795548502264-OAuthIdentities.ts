import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OAuthIdentities1795548502264 implements MigrationInterface {
  name = 'OAuthIdentities1795548502264';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth"."identities" ("provider" text NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "identities_user_provider_key" UNIQUE ("user_id", "provider"), CONSTRAINT "PK_1bc5204ff62050c3d9d946cc57b" PRIMARY KEY ("provider", "subject"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth"."identity_link_offers" ("token_hash" text NOT NULL, "provider" text NOT NULL, "subject" text NOT NULL, "email" text NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ce4d62e984afad524d8b06e44d" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "identity_link_offers_user_idx" ON "auth"."identity_link_offers"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth"."oauth_flows" ("state_hash" text NOT NULL, "provider" text NOT NULL, "code_verifier" text NOT NULL, "intent" text NOT NULL, "transport" text NOT NULL, "user_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_583f4959239e16a3e68421c5e76" PRIMARY KEY ("state_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "oauth_flows_expires_idx" ON "auth"."oauth_flows"  ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "auth"."identities" ADD CONSTRAINT "FK_88e77c008cfcfa6a87027a99bde" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth"."identity_link_offers" ADD CONSTRAINT "FK_0864f93f06e792e8398f1663f54" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth"."oauth_flows" ADD CONSTRAINT "FK_5a5cc0f085d74e52102d7bb59b6" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "auth"."oauth_flows" DROP CONSTRAINT "FK_5a5cc0f085d74e52102d7bb59b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth"."identity_link_offers" DROP CONSTRAINT "FK_0864f93f06e792e8398f1663f54"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth"."identities" DROP CONSTRAINT "FK_88e77c008cfcfa6a87027a99bde"`,
    );
    await queryRunner.query(`DROP INDEX "auth"."oauth_flows_expires_idx"`);
    await queryRunner.query(`DROP TABLE "auth"."oauth_flows"`);
    await queryRunner.query(`DROP INDEX "auth"."identity_link_offers_user_idx"`);
    await queryRunner.query(`DROP TABLE "auth"."identity_link_offers"`);
    await queryRunner.query(`DROP TABLE "auth"."identities"`);
  }
}
