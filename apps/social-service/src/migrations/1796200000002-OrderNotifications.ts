import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderNotifications1796200000002 implements MigrationInterface {
  name = 'OrderNotifications1796200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "order_id" uuid`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ADD "order_status" text`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ALTER COLUMN "actor_id" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Order notifications that nobody caused (the payment provider's) cannot stay without an actor.
    await queryRunner.query(`DELETE FROM "social"."notifications" WHERE "actor_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" ALTER COLUMN "actor_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "order_status"`);
    await queryRunner.query(`ALTER TABLE "social"."notifications" DROP COLUMN "order_id"`);
  }
}
