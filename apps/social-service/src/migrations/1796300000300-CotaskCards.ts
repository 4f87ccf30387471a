import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CotaskCards1796300000300 implements MigrationInterface {
  name = 'CotaskCards1796300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_decks" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "desired_retention" double precision NOT NULL DEFAULT '0.9', "share_mastery" text NOT NULL DEFAULT 'followers', "sharing" text NOT NULL DEFAULT 'private', "generated" text, "copied_from" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_72d6f88fcbf6f6d7acb4db1f04a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_decks_owner_generated_key" ON "social"."cotask_decks"  ("owner_id", "generated") WHERE "generated" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_decks_generated_idx" ON "social"."cotask_decks"  ("generated", "id") WHERE "generated" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_decks_public_created_idx" ON "social"."cotask_decks"  ("created_at", "id") WHERE "sharing" = 'public'`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_decks_owner_title_idx" ON "social"."cotask_decks"  ("owner_id", "title", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_decks_owner_created_idx" ON "social"."cotask_decks"  ("owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_cards" ("id" uuid NOT NULL, "deck_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "kind" text NOT NULL, "front" text NOT NULL, "back" text NOT NULL, "text" text, "cloze_number" smallint, "item_id" uuid, "due" TIMESTAMP WITH TIME ZONE NOT NULL, "stability" double precision NOT NULL DEFAULT '0', "difficulty" double precision NOT NULL DEFAULT '0', "elapsed_days" integer NOT NULL DEFAULT '0', "scheduled_days" integer NOT NULL DEFAULT '0', "learning_steps" integer NOT NULL DEFAULT '0', "reps" integer NOT NULL DEFAULT '0', "lapses" integer NOT NULL DEFAULT '0', "state" smallint NOT NULL DEFAULT '0', "last_review" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fce38d02f963b15fa8ae948a386" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_cards_item_idx" ON "social"."cotask_cards"  ("item_id") WHERE "item_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_cards_deck_item_key" ON "social"."cotask_cards"  ("deck_id", "item_id") WHERE "item_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_cards_deck_unmastered_idx" ON "social"."cotask_cards"  ("deck_id") WHERE "state" <> 2 OR "stability" < 21`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_cards_deck_created_idx" ON "social"."cotask_cards"  ("deck_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_cards_owner_due_idx" ON "social"."cotask_cards"  ("owner_id", "due") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_cards_deck_due_idx" ON "social"."cotask_cards"  ("deck_id", "due", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_card_reviews" ("id" uuid NOT NULL, "card_id" uuid, "deck_id" uuid NOT NULL, "user_id" uuid NOT NULL, "grade" text NOT NULL, "state" smallint NOT NULL, "due" TIMESTAMP WITH TIME ZONE NOT NULL, "stability" double precision NOT NULL, "difficulty" double precision NOT NULL, "scheduled_days" integer NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6dc85d2b86950a3b65db775d1db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_card_reviews_user_reviewed_idx" ON "social"."cotask_card_reviews"  ("user_id", "reviewed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_card_reviews_deck_reviewed_idx" ON "social"."cotask_card_reviews"  ("deck_id", "reviewed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_card_reviews_card_reviewed_idx" ON "social"."cotask_card_reviews"  ("card_id", "reviewed_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_catalog_facts" ("item_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "country_code" text, "region" text, "mechanism" text, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_b56276fa44c006ad6c3b152551d" PRIMARY KEY ("item_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_catalog_facts_kind_name_idx" ON "social"."cotask_catalog_facts"  ("kind", "name", "item_id") WHERE NOT "deleted"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_decks" ADD CONSTRAINT "FK_88374498525f9be32d07afc44bd" FOREIGN KEY ("owner_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_cards" ADD CONSTRAINT "FK_46214c4c1b6246bc088d0091e2f" FOREIGN KEY ("deck_id") REFERENCES "social"."cotask_decks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_card_reviews" ADD CONSTRAINT "FK_4bd824de6ec943484142073b41f" FOREIGN KEY ("card_id") REFERENCES "social"."cotask_cards"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_card_reviews" ADD CONSTRAINT "FK_529d4b536a71c80a2a6cb520afa" FOREIGN KEY ("deck_id") REFERENCES "social"."cotask_decks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_card_reviews" DROP CONSTRAINT "FK_529d4b536a71c80a2a6cb520afa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_card_reviews" DROP CONSTRAINT "FK_4bd824de6ec943484142073b41f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_cards" DROP CONSTRAINT "FK_46214c4c1b6246bc088d0091e2f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_decks" DROP CONSTRAINT "FK_88374498525f9be32d07afc44bd"`,
    );
    await queryRunner.query(`DROP INDEX "social"."cotask_catalog_facts_kind_name_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_catalog_facts"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_card_reviews_card_reviewed_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_card_reviews_deck_reviewed_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_card_reviews_user_reviewed_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_card_reviews"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_deck_due_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_owner_due_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_deck_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_deck_unmastered_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_deck_item_key"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_cards_item_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_cards"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_decks_owner_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_decks_owner_title_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_decks_public_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_decks_generated_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_decks_owner_generated_key"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_decks"`);
  }
}
