import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderCheckoutOrders1796300040000 implements MigrationInterface {
  name = 'OrderCheckoutOrders1796300040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."checkouts" ("id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "idempotency_key" text, "request_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5800730d89f4137fc18770e4d4d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "checkouts_buyer_key" ON "orders"."checkouts"  ("buyer_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."order_lines" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "item_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "quantity" integer NOT NULL, "unit_price_minor" bigint NOT NULL, "line_total_minor" bigint NOT NULL, CONSTRAINT "PK_627dcd7f1d707de4df241b2da6b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "order_lines_order_idx" ON "orders"."order_lines"  ("order_id") `);
    await queryRunner.query(
      `CREATE TABLE "orders"."order_transitions" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid, "actor_role" text NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4818025b2c3ef42046b07971605" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "order_transitions_order_idx" ON "orders"."order_transitions"  ("order_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."orders" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "checkout_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "seller_id" uuid, "status" text NOT NULL DEFAULT 'created', "payment_method" text NOT NULL, "currency" text NOT NULL, "total_minor" bigint NOT NULL, "address" jsonb NOT NULL, "cancel_reason" text, CONSTRAINT "orders_status_check" CHECK ("status" IN ('created', 'paid', 'in_stock', 'in_transit', 'with_courier', 'issued', 'cancelled', 'refunded')), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "orders_checkout_idx" ON "orders"."orders"  ("checkout_id") `);
    await queryRunner.query(`CREATE INDEX "orders_created_idx" ON "orders"."orders"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "orders_seller_created_idx" ON "orders"."orders"  ("seller_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_buyer_created_idx" ON "orders"."orders"  ("buyer_id", "created_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."orders_buyer_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."orders_seller_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."orders_created_idx"`);
    await queryRunner.query(`DROP INDEX "orders"."orders_checkout_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."orders"`);
    await queryRunner.query(`DROP INDEX "orders"."order_transitions_order_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."order_transitions"`);
    await queryRunner.query(`DROP INDEX "orders"."order_lines_order_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."order_lines"`);
    await queryRunner.query(`DROP INDEX "orders"."checkouts_buyer_key"`);
    await queryRunner.query(`DROP TABLE "orders"."checkouts"`);
  }
}
