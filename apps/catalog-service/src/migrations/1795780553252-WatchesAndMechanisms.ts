import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WatchesAndMechanisms1795780553252 implements MigrationInterface {
  name = 'WatchesAndMechanisms1795780553252';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."mechanisms" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, "name" text NOT NULL, "stones" integer, "start_release" integer, "end_release" integer, "mechanism_type_id" uuid, "factory_id" uuid, CONSTRAINT "mechanisms_stones_check" CHECK ("stones" IS NULL OR "stones" BETWEEN 0 AND 100), CONSTRAINT "mechanisms_release_check" CHECK ("start_release" IS NULL OR "end_release" IS NULL OR "start_release" <= "end_release"), CONSTRAINT "PK_82538f2c9ffe704390660bd26f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mechanisms_type_idx" ON "catalog"."mechanisms"  ("mechanism_type_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "mechanisms_factory_idx" ON "catalog"."mechanisms"  ("factory_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."mechanism_functions" ("mechanism_id" uuid NOT NULL, "function_id" uuid NOT NULL, CONSTRAINT "PK_8c042f845909fd5f2cfd4e73d76" PRIMARY KEY ("mechanism_id", "function_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mechanism_functions_function_idx" ON "catalog"."mechanism_functions"  ("function_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."watches" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, "name" text NOT NULL, "folder" text NOT NULL, "code" text, "integrated_bracelet" boolean NOT NULL DEFAULT false, "start_release" integer, "end_release" integer, "gender_id" uuid, "case_material_id" uuid, "mechanism_id" uuid, "factory_id" uuid, "brand_id" uuid, CONSTRAINT "watches_code_key" UNIQUE ("code"), CONSTRAINT "watches_folder_key" UNIQUE ("folder"), CONSTRAINT "watches_release_check" CHECK ("start_release" IS NULL OR "end_release" IS NULL OR "start_release" <= "end_release"), CONSTRAINT "PK_c5e1fa5d29486c3bdada54343b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "watches_mechanism_idx" ON "catalog"."watches"  ("mechanism_id") `);
    await queryRunner.query(`CREATE INDEX "watches_factory_idx" ON "catalog"."watches"  ("factory_id") `);
    await queryRunner.query(`CREATE INDEX "watches_brand_idx" ON "catalog"."watches"  ("brand_id") `);
    await queryRunner.query(
      `CREATE TABLE "catalog"."watch_aliases" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "watch_id" uuid NOT NULL, "key" text NOT NULL, CONSTRAINT "watch_aliases_watch_key_key" UNIQUE ("watch_id", "key"), CONSTRAINT "PK_6d9e66a3dd508a99b70b532a6bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."collections" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "watch_id" uuid NOT NULL, CONSTRAINT "collections_user_watch_key" UNIQUE ("user_id", "watch_id"), CONSTRAINT "PK_21c00b1ebbd41ba1354242c5c4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "collections_watch_idx" ON "catalog"."collections"  ("watch_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" ADD CONSTRAINT "FK_7bc19df7434a7c87c934fbb88f1" FOREIGN KEY ("mechanism_type_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" ADD CONSTRAINT "FK_62cb38fea7223b5c89a9c9e5c9d" FOREIGN KEY ("factory_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanism_functions" ADD CONSTRAINT "FK_52fbb3087229b244ac415013dd3" FOREIGN KEY ("mechanism_id") REFERENCES "catalog"."mechanisms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanism_functions" ADD CONSTRAINT "FK_23533a5482093f68fefaf4761f7" FOREIGN KEY ("function_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "FK_7fa51baf024a00a2602e79188df" FOREIGN KEY ("gender_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "FK_57752176bafcdf716285d9d54a8" FOREIGN KEY ("case_material_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "FK_b864fd59b78741e2094a2e79ae8" FOREIGN KEY ("mechanism_id") REFERENCES "catalog"."mechanisms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "FK_85b75e1ac1844d160bc18e9eeb8" FOREIGN KEY ("factory_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD CONSTRAINT "FK_fbbd0cfcdd05859242c05c6ab38" FOREIGN KEY ("brand_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watch_aliases" ADD CONSTRAINT "FK_b259a924be420402aed6684e1fa" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."collections" ADD CONSTRAINT "FK_7dfdeb73e277f6f852e8da55ba4" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // TypeORM does not compare check expressions or see expression indexes: both written by hand.
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" DROP CONSTRAINT "dictionary_values_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD CONSTRAINT "dictionary_values_kind_check" CHECK ("kind" IN ('roasters', 'farmers', 'origins', 'processes', 'brands', 'factories', 'case-materials', 'genders', 'mechanism-types', 'functions', 'tags'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mechanisms_factory_name_key" ON "catalog"."mechanisms" (coalesce("factory_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."mechanisms_factory_name_key"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" DROP CONSTRAINT "dictionary_values_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."dictionary_values" ADD CONSTRAINT "dictionary_values_kind_check" CHECK ("kind" IN ('roasters', 'farmers', 'origins', 'processes'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."collections" DROP CONSTRAINT "FK_7dfdeb73e277f6f852e8da55ba4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watch_aliases" DROP CONSTRAINT "FK_b259a924be420402aed6684e1fa"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" DROP CONSTRAINT "FK_fbbd0cfcdd05859242c05c6ab38"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" DROP CONSTRAINT "FK_85b75e1ac1844d160bc18e9eeb8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" DROP CONSTRAINT "FK_b864fd59b78741e2094a2e79ae8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" DROP CONSTRAINT "FK_57752176bafcdf716285d9d54a8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" DROP CONSTRAINT "FK_7fa51baf024a00a2602e79188df"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanism_functions" DROP CONSTRAINT "FK_23533a5482093f68fefaf4761f7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanism_functions" DROP CONSTRAINT "FK_52fbb3087229b244ac415013dd3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" DROP CONSTRAINT "FK_62cb38fea7223b5c89a9c9e5c9d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."mechanisms" DROP CONSTRAINT "FK_7bc19df7434a7c87c934fbb88f1"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."collections_watch_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."collections"`);
    await queryRunner.query(`DROP TABLE "catalog"."watch_aliases"`);
    await queryRunner.query(`DROP INDEX "catalog"."watches_brand_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."watches_factory_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."watches_mechanism_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."watches"`);
    await queryRunner.query(`DROP INDEX "catalog"."mechanism_functions_function_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."mechanism_functions"`);
    await queryRunner.query(`DROP INDEX "catalog"."mechanisms_factory_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."mechanisms_type_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."mechanisms"`);
  }
}
