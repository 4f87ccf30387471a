import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Posts made from catalog activity (a new listing, an approved item), one per user, kind and item. */
export class PostActivity1796019409676 implements MigrationInterface {
  name = 'PostActivity1796019409676';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."posts" ADD "activity" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "posts_activity_key" ON "social"."posts"  ("author_id", "activity", "item_id") WHERE "activity" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "social"."posts_activity_key"`);
    await queryRunner.query(`ALTER TABLE "social"."posts" DROP COLUMN "activity"`);
  }
}
