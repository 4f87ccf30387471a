import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DraftsAndHistory1795779881616 implements MigrationInterface {
  name = 'DraftsAndHistory1795779881616';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."drafts" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "subject" text NOT NULL, "action" text NOT NULL, "target_id" uuid, "payload" jsonb NOT NULL, "base" jsonb, "base_version" integer, "status" text NOT NULL DEFAULT 'pending', "message" text, "author_id" uuid NOT NULL, "reviewer_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "drafts_status_check" CHECK ("status" IN ('pending', 'changes-requested', 'approved', 'rejected', 'withdrawn')), CONSTRAINT "drafts_action_check" CHECK ("action" IN ('create', 'update')), CONSTRAINT "drafts_subject_check" CHECK ("subject" IN ('coffee', 'watch', 'mechanism', 'dictionary-value')), CONSTRAINT "PK_0598e229012c6cbd4ccbba97328" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "drafts_target_idx" ON "catalog"."drafts"  ("target_id") `);
    await queryRunner.query(`CREATE INDEX "drafts_author_idx" ON "catalog"."drafts"  ("author_id") `);
    await queryRunner.query(
      `CREATE INDEX "drafts_queue_idx" ON "catalog"."drafts"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."item_history" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "subject" text NOT NULL, "item_id" uuid NOT NULL, "version" integer NOT NULL, "action" text NOT NULL, "changes" jsonb NOT NULL, "author_id" uuid NOT NULL, "reviewer_id" uuid, "draft_id" uuid, CONSTRAINT "item_history_subject_check" CHECK ("subject" IN ('coffee', 'watch', 'mechanism', 'dictionary-value')), CONSTRAINT "item_history_action_check" CHECK ("action" IN ('created', 'updated', 'deleted')), CONSTRAINT "PK_9798ae25eb8cdd79f7b86600145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "item_history_item_idx" ON "catalog"."item_history"  ("subject", "item_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD "status" text NOT NULL DEFAULT 'approved'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" ADD "proposed_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD CONSTRAINT "dictionary_values_status_check" CHECK ("status" IN ('approved', 'pending'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" DROP CONSTRAINT "dictionary_values_status_check"`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" DROP COLUMN "proposed_by"`);
    await queryRunner.query(`ALTER TABLE "catalog"."dictionary_values" DROP COLUMN "status"`);
    await queryRunner.query(`DROP INDEX "catalog"."item_history_item_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."item_history"`);
    await queryRunner.query(`DROP INDEX "catalog"."drafts_queue_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."drafts_author_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."drafts_target_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."drafts"`);
  }
}
