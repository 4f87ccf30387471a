import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderCart1796300020000 implements MigrationInterface {
  name = 'OrderCart1796300020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."cart_lines" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "item_id" uuid NOT NULL, "kind" text NOT NULL, "quantity" integer NOT NULL, "seen_price_minor" bigint NOT NULL, "seen_currency" text NOT NULL, CONSTRAINT "cart_lines_quantity_check" CHECK ("quantity" > 0), CONSTRAINT "PK_a8b728889a5b050537ab02e07bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "cart_lines_user_created_idx" ON "orders"."cart_lines"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cart_lines_user_item_key" ON "orders"."cart_lines"  ("user_id", "item_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."cart_lines_user_item_key"`);
    await queryRunner.query(`DROP INDEX "orders"."cart_lines_user_created_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."cart_lines"`);
  }
}
