import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key columns of each index over public profiles, ending with "id" (ties of the list's order). */
const PUBLIC_PROFILE_SORT_INDEXES: Readonly<Record<string, string>> = {
  profiles_public_login_idx: '"login", "id"',
  profiles_public_display_name_idx: '"display_name", "id"',
};

/**
 * `GET /profiles` sorts public profiles by each allow-listed field with ties by id
 * (docs/adr/0006-list-engine.md): a partial btree on (field, id) of the verified rows serves it both ways.
 * The creation time has profiles_public_created_idx; the id its primary key.
 */
export class ListIndexes1796200000000 implements MigrationInterface {
  name = 'ListIndexes1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, keys] of Object.entries(PUBLIC_PROFILE_SORT_INDEXES)) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "social"."profiles" (${keys}) WHERE "verified"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(PUBLIC_PROFILE_SORT_INDEXES)) {
      await queryRunner.query(`DROP INDEX "social"."${name}"`);
    }
  }
}
