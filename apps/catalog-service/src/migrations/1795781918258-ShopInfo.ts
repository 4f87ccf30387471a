import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShopInfo1795781918258 implements MigrationInterface {
  name = 'ShopInfo1795781918258';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."shop_locations" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "address" text NOT NULL, "city" text NOT NULL, "country_code" text NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "time_zone" text NOT NULL, "phone" text, "opening_hours" jsonb NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "shop_locations_coordinates_check" CHECK ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180), CONSTRAINT "PK_9f47059adb355274ab85a90a28b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."shop_profile" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "description" text, "email" text, "phone" text, "website" text, CONSTRAINT "PK_db02af77e194892b8efbf50b974" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."shop_profile"`);
    await queryRunner.query(`DROP TABLE "catalog"."shop_locations"`);
  }
}
