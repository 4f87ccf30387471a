import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CotaskHabits1796300000200 implements MigrationInterface {
  name = 'CotaskHabits1796300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_habits" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "title" text NOT NULL, "type" text NOT NULL, "target" double precision, "unit" text, "schedule" text NOT NULL, "times_per_week" smallint, "weekdays" smallint array NOT NULL DEFAULT '{}', "time_zone" text NOT NULL, "reminder_time" text, "share_milestones" text NOT NULL DEFAULT 'private', "archived" boolean NOT NULL DEFAULT false, "start_date" date NOT NULL, CONSTRAINT "PK_6d95248a85c106884860ed92764" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_habits_user_title_idx" ON "social"."cotask_habits"  ("user_id", "title", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_habits_user_created_idx" ON "social"."cotask_habits"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_habit_checkins" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "habit_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "value" double precision, "note" text NOT NULL DEFAULT '', CONSTRAINT "PK_4fed734acc769718baedc78b364" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_habit_checkins_day_key" ON "social"."cotask_habit_checkins"  ("habit_id", "date") `,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_habits" ADD CONSTRAINT "FK_cbe0017457250dd6f8d12d85f52" FOREIGN KEY ("user_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_habit_checkins" ADD CONSTRAINT "FK_6351cf1aeacf3d01ec72e85da0d" FOREIGN KEY ("habit_id") REFERENCES "social"."cotask_habits"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_habit_checkins" DROP CONSTRAINT "FK_6351cf1aeacf3d01ec72e85da0d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_habits" DROP CONSTRAINT "FK_cbe0017457250dd6f8d12d85f52"`,
    );
    await queryRunner.query(`DROP INDEX "social"."cotask_habit_checkins_day_key"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_habit_checkins"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_habits_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_habits_user_title_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_habits"`);
  }
}
