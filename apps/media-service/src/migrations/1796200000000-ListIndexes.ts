import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key columns of each index over an owner's media, ending with "id" (ties of the list's order). */
const SORT_INDEXES: Readonly<Record<string, string>> = {
  media_owner_created_at_sort_idx: '"owner_id", "created_at", "id"',
  media_owner_source_type_sort_idx: '"owner_id", "source_type", "id"',
  media_owner_width_sort_idx: '"owner_id", "width", "id"',
  media_owner_height_sort_idx: '"owner_id", "height", "id"',
};

/**
 * `GET /media` sorts the owner's media by each allow-listed field with ties by id
 * (docs/adr/0006-list-engine.md): a btree on (owner, field, id) serves it both ways with no sort step. They
 * start with the owner, so media_owner_idx goes.
 */
export class ListIndexes1796200000000 implements MigrationInterface {
  name = 'ListIndexes1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "media"."media_owner_idx"`);
    for (const [name, keys] of Object.entries(SORT_INDEXES)) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "media"."media" (${keys})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(SORT_INDEXES)) {
      await queryRunner.query(`DROP INDEX "media"."${name}"`);
    }
    await queryRunner.query(`CREATE INDEX "media_owner_idx" ON "media"."media" ("owner_id")`);
  }
}
