import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderAddresses1796300030000 implements MigrationInterface {
  name = 'OrderAddresses1796300030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders"."addresses" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "label" text, "recipient" text, "phone" text, "line1" text NOT NULL, "line2" text, "city" text NOT NULL, "region" text, "postal_code" text NOT NULL, "country" text NOT NULL, CONSTRAINT "PK_745d8f43d3af10ab8247465e450" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "addresses_user_created_idx" ON "orders"."addresses"  ("user_id", "created_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."addresses_user_created_idx"`);
    await queryRunner.query(`DROP TABLE "orders"."addresses"`);
  }
}
