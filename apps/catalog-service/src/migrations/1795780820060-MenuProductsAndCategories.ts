import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MenuProductsAndCategories1795780820060 implements MigrationInterface {
  name = 'MenuProductsAndCategories1795780820060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."categories" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "description" text, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."products" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, "name" text NOT NULL, "description" text, "price" numeric(12,2) NOT NULL, "currency" text NOT NULL DEFAULT 'RUB', "available" boolean NOT NULL DEFAULT true, CONSTRAINT "products_price_check" CHECK ("price" >= 0), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."product_categories" ("product_id" uuid NOT NULL, "category_id" uuid NOT NULL, CONSTRAINT "PK_54f2e1dbf14cfa770f59f0aac8f" PRIMARY KEY ("product_id", "category_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8748b4a0e8de6d266f2bbc877f" ON "catalog"."product_categories"  ("product_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9148da8f26fc248e77a387e311" ON "catalog"."product_categories"  ("category_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."product_categories" ADD CONSTRAINT "FK_8748b4a0e8de6d266f2bbc877f6" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."product_categories" ADD CONSTRAINT "FK_9148da8f26fc248e77a387e3112" FOREIGN KEY ("category_id") REFERENCES "catalog"."categories"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    // An expression index: TypeORM leaves it alone.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "categories_name_key" ON "catalog"."categories" (lower("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."categories_name_key"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."product_categories" DROP CONSTRAINT "FK_9148da8f26fc248e77a387e3112"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."product_categories" DROP CONSTRAINT "FK_8748b4a0e8de6d266f2bbc877f6"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."IDX_9148da8f26fc248e77a387e311"`);
    await queryRunner.query(`DROP INDEX "catalog"."IDX_8748b4a0e8de6d266f2bbc877f"`);
    await queryRunner.query(`DROP TABLE "catalog"."product_categories"`);
    await queryRunner.query(`DROP TABLE "catalog"."products"`);
    await queryRunner.query(`DROP TABLE "catalog"."categories"`);
  }
}
