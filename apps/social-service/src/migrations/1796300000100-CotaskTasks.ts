import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CotaskTasks1796300000100 implements MigrationInterface {
  name = 'CotaskTasks1796300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_reminders" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "subject_kind" text NOT NULL, "subject_id" uuid NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e989778b3dec4cf8e291c146fed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_reminders_subject_idx" ON "social"."cotask_reminders"  ("subject_kind", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_reminders_due_idx" ON "social"."cotask_reminders"  ("fire_at") WHERE "fired_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_reminders_pending_key" ON "social"."cotask_reminders"  ("user_id", "subject_kind", "subject_id") WHERE "fired_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_projects" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "name" text NOT NULL, "share_completions" text NOT NULL DEFAULT 'private', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ddded500fb2bc8b87fbe5c2034" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_projects_owner_name_idx" ON "social"."cotask_projects"  ("owner_id", "name", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_projects_owner_created_idx" ON "social"."cotask_projects"  ("owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_project_members" ("id" uuid NOT NULL, "project_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6fb698c432f89a34b24344df07d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_project_members_project_created_idx" ON "social"."cotask_project_members"  ("project_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_project_members_user_idx" ON "social"."cotask_project_members"  ("user_id", "project_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_project_members_key" ON "social"."cotask_project_members"  ("project_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_project_sections" ("id" uuid NOT NULL, "project_id" uuid NOT NULL, "name" text NOT NULL, "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19b4e4016a664499dcbd3de95b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_project_sections_project_idx" ON "social"."cotask_project_sections"  ("project_id", "position", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_tasks" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "project_id" uuid, "section_id" uuid, "parent_id" uuid, "title" text NOT NULL, "notes" text NOT NULL DEFAULT '', "labels" text array NOT NULL DEFAULT '{}', "priority" smallint NOT NULL DEFAULT '4', "due_on" date, "due_time" text, "due_at" TIMESTAMP WITH TIME ZONE, "time_zone" text, "deadline" date, "recurrence" text, "recurrence_anchor" text, "remind_minutes_before" integer, "remind_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cfad3644d9f7f8f1bbceaef580c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_section_idx" ON "social"."cotask_tasks"  ("section_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_parent_idx" ON "social"."cotask_tasks"  ("parent_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_project_priority_idx" ON "social"."cotask_tasks"  ("project_id", "priority", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_project_due_idx" ON "social"."cotask_tasks"  ("project_id", "due_on", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_project_created_idx" ON "social"."cotask_tasks"  ("project_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_owner_priority_idx" ON "social"."cotask_tasks"  ("owner_id", "priority", "id") WHERE "project_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_owner_due_idx" ON "social"."cotask_tasks"  ("owner_id", "due_on", "id") WHERE "project_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_tasks_owner_created_idx" ON "social"."cotask_tasks"  ("owner_id", "created_at", "id") WHERE "project_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_task_completions" ("id" uuid NOT NULL, "task_id" uuid NOT NULL, "user_id" uuid NOT NULL, "occurrence" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db25ea44522600b7523bc2f6161" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_task_completions_user_created_idx" ON "social"."cotask_task_completions"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_task_completions_task_created_idx" ON "social"."cotask_task_completions"  ("task_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_task_completions_occurrence_key" ON "social"."cotask_task_completions"  ("task_id", "occurrence") `,
    );
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "subject_kind" text`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "subject_id" uuid`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "title" text`);
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_reminders" ADD CONSTRAINT "FK_874764a48ce571b67328e4625df" FOREIGN KEY ("user_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_projects" ADD CONSTRAINT "FK_afe614c15563f9d07df859dd7a0" FOREIGN KEY ("owner_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_members" ADD CONSTRAINT "FK_e3679d343ec0bc274e0ec5867a0" FOREIGN KEY ("project_id") REFERENCES "social"."cotask_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_members" ADD CONSTRAINT "FK_5d389fc79c8292b4b3b16dbcfbf" FOREIGN KEY ("user_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_sections" ADD CONSTRAINT "FK_6cd456a28ec42e698219ce91d3b" FOREIGN KEY ("project_id") REFERENCES "social"."cotask_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" ADD CONSTRAINT "FK_2701beda34a6f6d97c7339c2c45" FOREIGN KEY ("owner_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" ADD CONSTRAINT "FK_faaa152feeb14e8b0be8e8494f0" FOREIGN KEY ("project_id") REFERENCES "social"."cotask_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" ADD CONSTRAINT "FK_f781f2285d14a1dd1b0d2306460" FOREIGN KEY ("section_id") REFERENCES "social"."cotask_project_sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" ADD CONSTRAINT "FK_328e6d180b7db0ce37df4b655e1" FOREIGN KEY ("parent_id") REFERENCES "social"."cotask_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_task_completions" ADD CONSTRAINT "FK_281635f3eb3609ca5ce9a9c2f5c" FOREIGN KEY ("task_id") REFERENCES "social"."cotask_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_task_completions" DROP CONSTRAINT "FK_281635f3eb3609ca5ce9a9c2f5c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" DROP CONSTRAINT "FK_328e6d180b7db0ce37df4b655e1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" DROP CONSTRAINT "FK_f781f2285d14a1dd1b0d2306460"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" DROP CONSTRAINT "FK_faaa152feeb14e8b0be8e8494f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_tasks" DROP CONSTRAINT "FK_2701beda34a6f6d97c7339c2c45"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_sections" DROP CONSTRAINT "FK_6cd456a28ec42e698219ce91d3b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_members" DROP CONSTRAINT "FK_5d389fc79c8292b4b3b16dbcfbf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_project_members" DROP CONSTRAINT "FK_e3679d343ec0bc274e0ec5867a0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_projects" DROP CONSTRAINT "FK_afe614c15563f9d07df859dd7a0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_reminders" DROP CONSTRAINT "FK_874764a48ce571b67328e4625df"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "title"`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "subject_id"`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "subject_kind"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_task_completions_occurrence_key"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_task_completions_task_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_task_completions_user_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_task_completions"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_owner_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_owner_due_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_owner_priority_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_project_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_project_due_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_project_priority_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_parent_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_tasks_section_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_tasks"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_project_sections_project_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_project_sections"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_project_members_key"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_project_members_user_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_project_members_project_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_project_members"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_projects_owner_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_projects_owner_name_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_projects"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_reminders_pending_key"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_reminders_due_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_reminders_subject_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_reminders"`);
  }
}
