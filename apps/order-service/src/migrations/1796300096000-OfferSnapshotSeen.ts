import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a rebuild from catalog's snapshot last saw each offer: what it did not see (nor an event wrote) it retires. */
export class OfferSnapshotSeen1796300096000 implements MigrationInterface {
  name = 'OfferSnapshotSeen1796300096000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."offers" ADD "snapshot_seen_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."offers" DROP COLUMN "snapshot_seen_at"`);
  }
}
