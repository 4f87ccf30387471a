import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckinActivity1796200000004 implements MigrationInterface {
  name = 'CheckinActivity1796200000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."checkin_refs" ("checkin_id" uuid NOT NULL, "author_id" uuid NOT NULL, "item_id" uuid NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_f380937ba49e7a7cbfad2f88751" PRIMARY KEY ("checkin_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "checkin_refs_author_item_idx" ON "social"."checkin_refs"  ("author_id", "item_id") WHERE NOT "deleted"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "social"."checkin_refs_author_item_idx"`);
    await queryRunner.query(`DROP TABLE "social"."checkin_refs"`);
  }
}
