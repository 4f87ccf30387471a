import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckinsAndRatings1796200000300 implements MigrationInterface {
  name = 'CheckinsAndRatings1796200000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."checkins" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "coffee_id" uuid, "watch_id" uuid, "author_id" uuid NOT NULL, "rating_quarters" smallint NOT NULL, "counted" boolean NOT NULL DEFAULT false, "text" text, "serving" text, "location_id" uuid, "venue" text, CONSTRAINT "checkins_serving_check" CHECK ("serving" IS NULL OR "serving" IN ('espresso', 'ristretto', 'americano', 'cappuccino', 'latte', 'flat-white', 'filter', 'pour-over', 'aeropress', 'french-press', 'moka', 'cold-brew', 'turkish', 'batch-brew', 'capsule', 'other')), CONSTRAINT "checkins_rating_check" CHECK ("rating_quarters" BETWEEN 1 AND 20), CONSTRAINT "checkins_one_item_check" CHECK (num_nonnulls("coffee_id", "watch_id") = 1), CONSTRAINT "PK_99c62633386398b154840f0708c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "checkins_location_idx" ON "catalog"."checkins"  ("location_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "checkins_watch_counted_key" ON "catalog"."checkins"  ("watch_id", "author_id") WHERE "counted"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "checkins_coffee_counted_key" ON "catalog"."checkins"  ("coffee_id", "author_id") WHERE "counted"`,
    );
    await queryRunner.query(
      `CREATE INDEX "checkins_watch_author_idx" ON "catalog"."checkins"  ("watch_id", "author_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "checkins_coffee_author_idx" ON "catalog"."checkins"  ("coffee_id", "author_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "checkins_watch_created_at_sort_idx" ON "catalog"."checkins"  ("watch_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "checkins_coffee_created_at_sort_idx" ON "catalog"."checkins"  ("coffee_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."checkin_comments" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "checkin_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_c0a55b29e8899161912aff1d3fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "checkin_comments_checkin_created_at_sort_idx" ON "catalog"."checkin_comments"  ("checkin_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."checkin_photos" ("checkin_id" uuid NOT NULL, "media_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_b58b455e93f201f5f13a726d23d" PRIMARY KEY ("checkin_id", "media_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "checkin_photos_media_idx" ON "catalog"."checkin_photos"  ("media_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."checkin_tags" ("checkin_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_ddfe64a97d1dde9e4598da307ba" PRIMARY KEY ("checkin_id", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "checkin_tags_tag_idx" ON "catalog"."checkin_tags"  ("tag_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD "rating_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" ADD "rating_sum" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."coffees" ADD "rating_distribution" integer array NOT NULL DEFAULT '{0,0,0,0,0,0,0,0,0,0}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD "rating_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."watches" ADD "rating_sum" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."watches" ADD "rating_distribution" integer array NOT NULL DEFAULT '{0,0,0,0,0,0,0,0,0,0}'`,
    );
    await queryRunner.query(
      `CREATE INDEX "coffees_rating_top_idx" ON "catalog"."coffees"  ("rating_count", "rating_sum", "id") WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "watches_rating_top_idx" ON "catalog"."watches"  ("rating_count", "rating_sum", "id") WHERE "rating_count" > 0`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" ADD CONSTRAINT "FK_632193aaf7ad6f4adead3bb955c" FOREIGN KEY ("coffee_id") REFERENCES "catalog"."coffees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" ADD CONSTRAINT "FK_16cb182bde8dab7c9a1e2a62f31" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" ADD CONSTRAINT "FK_e3ca6d6870870e3e166215da1b0" FOREIGN KEY ("location_id") REFERENCES "catalog"."shop_locations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_comments" ADD CONSTRAINT "FK_de93f956272030c8a45d11dd6ad" FOREIGN KEY ("checkin_id") REFERENCES "catalog"."checkins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_photos" ADD CONSTRAINT "FK_48cb0e039778291088d14881d6c" FOREIGN KEY ("checkin_id") REFERENCES "catalog"."checkins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_tags" ADD CONSTRAINT "FK_7a05eadd7a07779ea79bb6d8f8f" FOREIGN KEY ("checkin_id") REFERENCES "catalog"."checkins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_tags" ADD CONSTRAINT "FK_53e48989c23a097e5257e0c7573" FOREIGN KEY ("tag_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_tags" DROP CONSTRAINT "FK_53e48989c23a097e5257e0c7573"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_tags" DROP CONSTRAINT "FK_7a05eadd7a07779ea79bb6d8f8f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_photos" DROP CONSTRAINT "FK_48cb0e039778291088d14881d6c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkin_comments" DROP CONSTRAINT "FK_de93f956272030c8a45d11dd6ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" DROP CONSTRAINT "FK_e3ca6d6870870e3e166215da1b0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" DROP CONSTRAINT "FK_16cb182bde8dab7c9a1e2a62f31"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."checkins" DROP CONSTRAINT "FK_632193aaf7ad6f4adead3bb955c"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."watches_rating_top_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."coffees_rating_top_idx"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "rating_distribution"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "rating_sum"`);
    await queryRunner.query(`ALTER TABLE "catalog"."watches" DROP COLUMN "rating_count"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "rating_distribution"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "rating_sum"`);
    await queryRunner.query(`ALTER TABLE "catalog"."coffees" DROP COLUMN "rating_count"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkin_tags_tag_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."checkin_tags"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkin_photos_media_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."checkin_photos"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkin_comments_checkin_created_at_sort_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."checkin_comments"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_coffee_created_at_sort_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_watch_created_at_sort_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_coffee_author_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_watch_author_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_coffee_counted_key"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_watch_counted_key"`);
    await queryRunner.query(`DROP INDEX "catalog"."checkins_location_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."checkins"`);
  }
}
