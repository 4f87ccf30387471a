import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersByStatus1796300090000 implements MigrationInterface {
  name = 'OrdersByStatus1796300090000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "orders_status_created_idx" ON "orders"."orders"  ("status", "created_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."orders_status_created_idx"`);
  }
}
