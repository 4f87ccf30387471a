import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderOffers1796300010000 implements MigrationInterface {
  name = 'OrderOffers1796300010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."offers" ("item_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "seller_id" uuid, "status" text NOT NULL, "price_minor" bigint NOT NULL, "currency" text NOT NULL, "stock" integer, "reserved" integer NOT NULL DEFAULT '0', "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "offers_reserved_check" CHECK ("reserved" >= 0), CONSTRAINT "PK_b82417a33ffd848e0f64844279e" PRIMARY KEY ("item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders"."read_model_state" ("name" text NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36d2d3bd3387ce9725e1f1ed0fd" PRIMARY KEY ("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orders"."read_model_state"`);
    await queryRunner.query(`DROP TABLE "orders"."offers"`);
  }
}
