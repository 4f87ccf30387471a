import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CotaskGoals1796300000001 implements MigrationInterface {
  name = 'CotaskGoals1796300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_goals" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "title" text NOT NULL, "deadline" date NOT NULL, "time_zone" text NOT NULL, "plan" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'proposed', "outcome" jsonb, "accepted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e15f0f679d7e7133740ab0f6260" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_goals_user_created_idx" ON "social"."cotask_goals"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_goals" ADD CONSTRAINT "FK_08c839270dc17d9ec72f5ef31ef" FOREIGN KEY ("user_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_goals" DROP CONSTRAINT "FK_08c839270dc17d9ec72f5ef31ef"`,
    );
    await queryRunner.query(`DROP INDEX "social"."cotask_goals_user_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_goals"`);
  }
}
