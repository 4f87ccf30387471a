import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoffeesAndDictionaries1795549750343 implements MigrationInterface {
  name = 'CoffeesAndDictionaries1795549750343';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."dictionary_values" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "name" text NOT NULL, "country_code" text, CONSTRAINT "dictionary_values_kind_check" CHECK ("kind" IN ('roasters', 'farmers', 'origins', 'processes')), CONSTRAINT "PK_94892bbc6c7ed24c6e34dc8aae2" PRIMARY KEY ("id"))`,
    );
    // Names are unique per dictionary regardless of case (an expression index, so written by hand).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dictionary_values_kind_name_key" ON "catalog"."dictionary_values" ("kind", lower("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."coffees" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "roaster_id" uuid NOT NULL, "country_code" text, "origin_id" uuid, "farm" text, "farmer_id" uuid, "variety" text, "process_id" uuid, "roast_level" text, "altitude_min" integer, "altitude_max" integer, "tasting_notes" text array NOT NULL DEFAULT '{}', "barcode" text, "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, CONSTRAINT "UQ_83109aab8edbbbc97797087bf20" UNIQUE ("barcode"), CONSTRAINT "coffees_altitude_check" CHECK ("altitude_min" IS NULL OR "altitude_max" IS NULL OR "altitude_min" <= "altitude_max"), CONSTRAINT "coffees_roast_level_check" CHECK ("roast_level" IN ('light', 'medium-light', 'medium', 'medium-dark', 'dark', 'omni')), CONSTRAINT "PK_2c43a32ab6534261322aa94a76a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "coffees_roaster_idx" ON "catalog"."coffees"  ("roaster_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD CONSTRAINT "FK_678be921768296f6340071b05c6" FOREIGN KEY ("roaster_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD CONSTRAINT "FK_41f19a66fc70991f5925aca87e4" FOREIGN KEY ("origin_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD CONSTRAINT "FK_5df774f3be53482bbe6b2b0d642" FOREIGN KEY ("farmer_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD CONSTRAINT "FK_4741a5021f5383dc1201a7daeba" FOREIGN KEY ("process_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" DROP CONSTRAINT "FK_4741a5021f5383dc1201a7daeba"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" DROP CONSTRAINT "FK_5df774f3be53482bbe6b2b0d642"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" DROP CONSTRAINT "FK_41f19a66fc70991f5925aca87e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" DROP CONSTRAINT "FK_678be921768296f6340071b05c6"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."coffees_roaster_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."coffees"`);
    await queryRunner.query(`DROP INDEX "catalog"."dictionary_values_kind_name_key"`);
    await queryRunner.query(`DROP TABLE "catalog"."dictionary_values"`);
  }
}
