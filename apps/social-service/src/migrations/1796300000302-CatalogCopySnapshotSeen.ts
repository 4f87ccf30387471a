import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a rebuild from catalog's snapshot last saw each copied item: what it did not see (nor an event wrote) it retires. */
export class CatalogCopySnapshotSeen1796300000302 implements MigrationInterface {
  name = 'CatalogCopySnapshotSeen1796300000302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."catalog_items" ADD "snapshot_seen_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."catalog_items" DROP COLUMN "snapshot_seen_at"`);
  }
}
