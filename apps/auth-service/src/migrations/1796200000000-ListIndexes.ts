import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key columns of each index, ending with "id" (ties of the list's order). */
const SORT_INDEXES: Readonly<Record<string, string>> = {
  users_created_at_sort_idx: '"created_at", "id"',
  users_login_sort_idx: '"login", "id"',
  users_role_sort_idx: '"role", "id"',
  users_verified_sort_idx: '"verified", "id"',
};

/**
 * `GET /users` sorts by each allow-listed field with ties by id (docs/adr/0006-list-engine.md): a btree on
 * (field, id) serves it both ways with no sort step. The e-mail's unique index serves its sort.
 */
export class ListIndexes1796200000000 implements MigrationInterface {
  name = 'ListIndexes1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, keys] of Object.entries(SORT_INDEXES)) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "auth"."users" (${keys})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(SORT_INDEXES)) {
      await queryRunner.query(`DROP INDEX "auth"."${name}"`);
    }
  }
}
