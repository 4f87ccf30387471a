import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1796300095000 implements MigrationInterface {
  name = 'Payments1796300095000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."payment_methods" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "provider" text NOT NULL, "provider_token" text NOT NULL, "brand" text NOT NULL, "last4" text NOT NULL, "exp_month" integer NOT NULL, "exp_year" integer NOT NULL, CONSTRAINT "PK_34f9b8c6dfb4ac3559f7e2820d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payment_methods_user_token" ON "orders"."payment_methods"  ("user_id", "provider", "provider_token") `,
    );
    await queryRunner.query(
      `CREATE INDEX "payment_methods_user_created_idx" ON "orders"."payment_methods"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."payments" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "order_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "provider" text NOT NULL, "provider_payment_id" text, "status" text NOT NULL, "amount_minor" bigint NOT NULL, "currency" text NOT NULL, "payment_method_id" uuid, "card_brand" text NOT NULL, "card_last4" text NOT NULL, "failure_code" text, "failure_message" text, "refund_requested_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "payments_status_check" CHECK ("status" IN ('pending', 'authorized', 'failed', 'captured', 'refunded')), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "payments_owing_refund_idx" ON "orders"."payments"  ("created_at") WHERE "status" = 'captured' AND "refund_requested_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payments_order_live" ON "orders"."payments"  ("order_id") WHERE "status" <> 'failed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "payments_order_idx" ON "orders"."payments"  ("order_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."payment_events" ("provider" text NOT NULL, "event_id" text NOT NULL, "type" text NOT NULL, "payment_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cdb38f647e394ea5717c7ebb4f9" PRIMARY KEY ("provider", "event_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_awaiting_payment_idx" ON "orders"."orders"  ("created_at") WHERE "status" = 'created' AND "payment_method" = 'test_card'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."orders_awaiting_payment_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."payment_events"`);
    await queryRunner.query(`DROP INDEX "orders"."payments_order_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."payments_order_live"`);
    await queryRunner.query(`DROP INDEX "orders"."payments_owing_refund_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."payments"`);
    await queryRunner.query(`DROP INDEX "orders"."payment_methods_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."payment_methods_user_token"`);
    await queryRunner.query(`DROP TABLE "orders"."payment_methods"`);
  }
}
