import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StockSaga1796200000101 implements MigrationInterface {
  name = 'StockSaga1796200000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."stock_holds" ("order_id" uuid NOT NULL, "item_id" uuid NOT NULL, "kind" text NOT NULL, "quantity" integer NOT NULL, "counted" boolean NOT NULL, CONSTRAINT "stock_holds_quantity_check" CHECK ("quantity" > 0), CONSTRAINT "PK_6b980d262d1f6dcc40e0933a6dc" PRIMARY KEY ("order_id", "item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."stock_orders" ("order_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "state" text NOT NULL DEFAULT 'unseen', "outcome" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "stock_orders_outcome_check" CHECK ("outcome" IN ('sold', 'released')), CONSTRAINT "stock_orders_state_check" CHECK ("state" IN ('unseen', 'held', 'rejected', 'sold', 'released')), CONSTRAINT "PK_e83ee6532916c91cdd7b6b45e9a" PRIMARY KEY ("order_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."products" ADD "stock" integer`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."products" ADD CONSTRAINT "products_stock_check" CHECK ("stock" >= 0)`,
    );
    // A listing held for an order is `reserved` (the generator does not see a changed CHECK expression).
    await queryRunner.query(`ALTER TABLE "catalog"."listings" DROP CONSTRAINT "listings_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" ADD CONSTRAINT "listings_status_check" CHECK ("status" IN ('draft', 'active', 'reserved', 'sold', 'archived'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "catalog"."listings" SET "status" = 'active' WHERE "status" = 'reserved'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."listings" DROP CONSTRAINT "listings_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."listings" ADD CONSTRAINT "listings_status_check" CHECK ("status" IN ('draft', 'active', 'sold', 'archived'))`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."products" DROP CONSTRAINT "products_stock_check"`);
    await queryRunner.query(`ALTER TABLE "catalog"."products" DROP COLUMN "stock"`);
    await queryRunner.query(`DROP TABLE "catalog"."stock_orders"`);
    await queryRunner.query(`DROP TABLE "catalog"."stock_holds"`);
  }
}
