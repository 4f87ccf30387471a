import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CotaskAchievements1796300000000 implements MigrationInterface {
  name = 'CotaskAchievements1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."cotask_achievements" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "subject_id" uuid NOT NULL, "milestone" integer NOT NULL, "title" text NOT NULL, "visibility" text NOT NULL, "post_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f754aed05a95c8ab8fa2e998b37" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cotask_achievements_user_created_idx" ON "social"."cotask_achievements"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cotask_achievements_key" ON "social"."cotask_achievements"  ("user_id", "kind", "subject_id", "milestone") `,
    );
    await queryRunner.query(`ALTER TABLE "social"."posts" ADD "milestone" integer`);
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_achievements" ADD CONSTRAINT "FK_d3d6911bce140693ee75f54d143" FOREIGN KEY ("user_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."cotask_achievements" DROP CONSTRAINT "FK_d3d6911bce140693ee75f54d143"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."posts" DROP COLUMN "milestone"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_achievements_key"`);
    await queryRunner.query(`DROP INDEX "social"."cotask_achievements_user_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."cotask_achievements"`);
  }
}
