import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OfferHolds1796300090001 implements MigrationInterface {
  name = 'OfferHolds1796300090001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."offer_holds" ("order_id" uuid NOT NULL, "item_id" uuid NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "offer_holds_quantity_check" CHECK ("quantity" > 0), CONSTRAINT "PK_42d089aa0b644ffe2664f55a8af" PRIMARY KEY ("order_id", "item_id"))`,
    );
    // Orders placed before the stock saga hold their units until catalog answers for them (catalog's consumer
    // reads the order topics from their beginning); `reserved` becomes the sum of the holds.
    await queryRunner.query(
      `INSERT INTO "orders"."offer_holds" ("order_id", "item_id", "quantity")
       SELECT line."order_id", line."item_id", sum(line."quantity")
         FROM "orders"."order_lines" line JOIN "orders"."orders" o ON o."id" = line."order_id"
        WHERE o."status" NOT IN ('cancelled', 'refunded')
        GROUP BY line."order_id", line."item_id"`,
    );
    await queryRunner.query(
      `UPDATE "orders"."offers" offer
          SET "reserved" = COALESCE((SELECT sum(hold."quantity") FROM "orders"."offer_holds" hold
                                      WHERE hold."item_id" = offer."item_id"), 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orders"."offer_holds"`);
  }
}
