import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HeavyAuthorsIndex1796200000001 implements MigrationInterface {
  name = 'HeavyAuthorsIndex1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "profiles_followers_count_idx" ON "social"."profiles"  ("followers_count") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "social"."profiles_followers_count_idx"`);
  }
}
