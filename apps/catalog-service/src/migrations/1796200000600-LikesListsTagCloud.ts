import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A check-in's kind of item and its UTC day, as the tag cloud counts them (`c`: the check-in row). */
const KIND = `CASE WHEN c.coffee_id IS NOT NULL THEN 'coffee' ELSE 'watch' END`;
const DAY = `(c.created_at AT TIME ZONE 'UTC')::date`;

/** The uses of a transition table's tag links, per kind, day and tag, in key order (the lock order). */
const usesOf = (links: string) =>
  `SELECT ${KIND} AS kind, ${DAY} AS day, l.tag_id, count(*)::int AS n
     FROM ${links} l JOIN "catalog"."checkins" c ON c.id = l.checkin_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/**
 * Takes, in one global order, a transaction lock per (kind, day) whose counts the links change, before any count
 * row: a check-in write changes one day's counts, so writes of the same day queue on its lock instead of
 * locking tag rows in their own orders (two edits swapping tags would deadlock otherwise).
 */
const lockDays = (...links: string[]) =>
  `PERFORM pg_advisory_xact_lock(${DAY_LOCK_CLASS}, day_key) FROM (
     SELECT DISTINCT hashtext(${KIND} || ' ' || ${DAY}) AS day_key
       FROM (${links.map((table) => `SELECT checkin_id FROM ${table}`).join(' UNION ALL ')}) l
       JOIN "catalog"."checkins" c ON c.id = l.checkin_id
      ORDER BY day_key) days`;

/** The advisory lock class of the tag cloud's days (issue 17). */
const DAY_LOCK_CLASS = 17017;

const addUses = (links: string) =>
  `INSERT INTO "catalog"."tag_uses" AS t (kind, day, tag_id, uses)
   SELECT kind, day, tag_id, n FROM (${usesOf(links)}) added
   ON CONFLICT (kind, day, tag_id) DO UPDATE SET uses = t.uses + EXCLUDED.uses`;

const removeUses = (links: string) =>
  `UPDATE "catalog"."tag_uses" t SET uses = t.uses - gone.n FROM (${usesOf(links)}) gone
    WHERE t.kind = gone.kind AND t.day = gone.day AND t.tag_id = gone.tag_id`;

/**
 * The tag cloud's per-day counts follow every change of check-in tags, and a check-in puts its item on its
 * author's "had" list. Statement triggers with transition tables count each statement's links at once. A
 * check-in's tags are deleted before the check-in itself (also when its item's deletion cascades), while the
 * check-in still says which kind and day they counted on. Existing check-ins are counted once here.
 */
const TRIGGERS = [
  `CREATE FUNCTION "catalog"."tag_uses_added"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${lockDays('added_links')}; ${addUses('added_links')}; RETURN NULL; END $$`,
  `CREATE FUNCTION "catalog"."tag_uses_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${lockDays('removed_links')}; ${removeUses('removed_links')}; RETURN NULL; END $$`,
  `CREATE FUNCTION "catalog"."tag_uses_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${lockDays('removed_links', 'added_links')};
     ${removeUses('removed_links')};
     ${addUses('added_links')};
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "checkin_tags_added" AFTER INSERT ON "catalog"."checkin_tags"
     REFERENCING NEW TABLE AS added_links FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."tag_uses_added"()`,
  `CREATE TRIGGER "checkin_tags_removed" AFTER DELETE ON "catalog"."checkin_tags"
     REFERENCING OLD TABLE AS removed_links FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."tag_uses_removed"()`,
  `CREATE TRIGGER "checkin_tags_moved" AFTER UPDATE ON "catalog"."checkin_tags"
     REFERENCING OLD TABLE AS removed_links NEW TABLE AS added_links
     FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."tag_uses_moved"()`,
  `CREATE FUNCTION "catalog"."checkin_tags_first"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN DELETE FROM "catalog"."checkin_tags" WHERE checkin_id = OLD.id; RETURN OLD; END $$`,
  `CREATE TRIGGER "checkins_tags_first" BEFORE DELETE ON "catalog"."checkins"
     FOR EACH ROW EXECUTE FUNCTION "catalog"."checkin_tags_first"()`,
  `CREATE FUNCTION "catalog"."checkin_had"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO "catalog"."user_items"
       (id, created_at, updated_at, user_id, list, kind, item_id, coffee_id, watch_id)
     VALUES (gen_random_uuid(), NEW.created_at, NEW.created_at, NEW.author_id, 'had',
             CASE WHEN NEW.coffee_id IS NOT NULL THEN 'coffee' ELSE 'watch' END,
             coalesce(NEW.coffee_id, NEW.watch_id), NEW.coffee_id, NEW.watch_id)
     ON CONFLICT (user_id, list, item_id) DO NOTHING;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "checkins_had" AFTER INSERT ON "catalog"."checkins"
     FOR EACH ROW EXECUTE FUNCTION "catalog"."checkin_had"()`,
  addUses(`"catalog"."checkin_tags"`),
  `INSERT INTO "catalog"."user_items"
     (id, created_at, updated_at, user_id, list, kind, item_id, coffee_id, watch_id)
   SELECT DISTINCT ON (author_id, coalesce(coffee_id, watch_id))
          gen_random_uuid(), created_at, created_at, author_id, 'had',
          CASE WHEN coffee_id IS NOT NULL THEN 'coffee' ELSE 'watch' END,
          coalesce(coffee_id, watch_id), coffee_id, watch_id
     FROM "catalog"."checkins" ORDER BY author_id, coalesce(coffee_id, watch_id), created_at`,
];

const DROP_TRIGGERS = [
  `DROP TRIGGER "checkins_had" ON "catalog"."checkins"`,
  `DROP FUNCTION "catalog"."checkin_had"()`,
  `DROP TRIGGER "checkins_tags_first" ON "catalog"."checkins"`,
  `DROP FUNCTION "catalog"."checkin_tags_first"()`,
  `DROP TRIGGER "checkin_tags_moved" ON "catalog"."checkin_tags"`,
  `DROP TRIGGER "checkin_tags_removed" ON "catalog"."checkin_tags"`,
  `DROP TRIGGER "checkin_tags_added" ON "catalog"."checkin_tags"`,
  `DROP FUNCTION "catalog"."tag_uses_moved"()`,
  `DROP FUNCTION "catalog"."tag_uses_removed"()`,
  `DROP FUNCTION "catalog"."tag_uses_added"()`,
];

export class LikesListsTagCloud1796200000600 implements MigrationInterface {
  name = 'LikesListsTagCloud1796200000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "catalog"."like_targets" ("id" uuid NOT NULL, "kind" text NOT NULL, "like_count" integer NOT NULL DEFAULT '0', "checkin_id" uuid, "comment_id" uuid, "coffee_id" uuid, "watch_id" uuid, "mechanism_id" uuid, "listing_id" uuid, CONSTRAINT "like_targets_count_check" CHECK ("like_count" >= 0), CONSTRAINT "like_targets_kind_check" CHECK ("kind" IN ('checkin', 'comment', 'coffee', 'watch', 'mechanism', 'listing')), CONSTRAINT "like_targets_one_thing_check" CHECK (num_nonnulls("checkin_id", "comment_id", "coffee_id", "watch_id", "mechanism_id", "listing_id") = 1), CONSTRAINT "PK_a20bffdd067c729882a1c512778" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_listing_idx" ON "catalog"."like_targets"  ("listing_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_mechanism_idx" ON "catalog"."like_targets"  ("mechanism_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_watch_idx" ON "catalog"."like_targets"  ("watch_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_coffee_idx" ON "catalog"."like_targets"  ("coffee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_comment_idx" ON "catalog"."like_targets"  ("comment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "like_targets_checkin_idx" ON "catalog"."like_targets"  ("checkin_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."likes" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "target_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "likes_target_user_key" UNIQUE ("target_id", "user_id"), CONSTRAINT "PK_a9323de3f8bced7539a794b4a37" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "likes_user_idx" ON "catalog"."likes"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "likes_target_created_at_sort_idx" ON "catalog"."likes"  ("target_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."user_items" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "list" text NOT NULL, "kind" text NOT NULL, "item_id" uuid NOT NULL, "coffee_id" uuid, "watch_id" uuid, "mechanism_id" uuid, "product_id" uuid, CONSTRAINT "user_items_user_list_item_key" UNIQUE ("user_id", "list", "item_id"), CONSTRAINT "user_items_one_item_check" CHECK (num_nonnulls("coffee_id", "watch_id", "mechanism_id", "product_id") = 1), CONSTRAINT "user_items_kind_check" CHECK ("kind" IN ('coffee', 'watch', 'mechanism', 'product')), CONSTRAINT "user_items_list_check" CHECK ("list" IN ('wishlist', 'had')), CONSTRAINT "PK_73bc2ecd8f15ae345af4d8c3c09" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "user_items_product_idx" ON "catalog"."user_items"  ("product_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "user_items_mechanism_idx" ON "catalog"."user_items"  ("mechanism_id") `,
    );
    await queryRunner.query(`CREATE INDEX "user_items_watch_idx" ON "catalog"."user_items"  ("watch_id") `);
    await queryRunner.query(`CREATE INDEX "user_items_coffee_idx" ON "catalog"."user_items"  ("coffee_id") `);
    await queryRunner.query(
      `CREATE INDEX "user_items_user_list_kind_created_at_sort_idx" ON "catalog"."user_items"  ("user_id", "list", "kind", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "user_items_user_list_created_at_sort_idx" ON "catalog"."user_items"  ("user_id", "list", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "catalog"."tag_uses" ("kind" text NOT NULL, "day" date NOT NULL, "tag_id" uuid NOT NULL, "uses" integer NOT NULL DEFAULT '0', CONSTRAINT "tag_uses_kind_check" CHECK ("kind" IN ('coffee', 'watch')), CONSTRAINT "PK_914da75f19df166008c93cae6ee" PRIMARY KEY ("kind", "day", "tag_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "tag_uses_tag_idx" ON "catalog"."tag_uses"  ("tag_id") `);
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_2b66236672c8d73b5a08f2dc9a6" FOREIGN KEY ("checkin_id") REFERENCES "catalog"."checkins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_d783a85f9ba874ec7ecb6822709" FOREIGN KEY ("comment_id") REFERENCES "catalog"."checkin_comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_676fac5403d9df7c01041ef0372" FOREIGN KEY ("coffee_id") REFERENCES "catalog"."coffees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_04ff9f64d5e0fa4a2fa946dc6a4" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_02ccf4f10a489d4f8155c10151e" FOREIGN KEY ("mechanism_id") REFERENCES "catalog"."mechanisms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" ADD CONSTRAINT "FK_43278697d4f302252857331a331" FOREIGN KEY ("listing_id") REFERENCES "catalog"."listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."likes" ADD CONSTRAINT "FK_bdf675c0c2ac3a7e18eb6a061a6" FOREIGN KEY ("target_id") REFERENCES "catalog"."like_targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" ADD CONSTRAINT "FK_eef7c46826c0bb9469c513a913f" FOREIGN KEY ("coffee_id") REFERENCES "catalog"."coffees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" ADD CONSTRAINT "FK_70f05c591b2a63629a6a2955d71" FOREIGN KEY ("watch_id") REFERENCES "catalog"."watches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" ADD CONSTRAINT "FK_141c1464f054007ba61c0021799" FOREIGN KEY ("mechanism_id") REFERENCES "catalog"."mechanisms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" ADD CONSTRAINT "FK_b414a90bb80c054598c96043709" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."tag_uses" ADD CONSTRAINT "FK_6eb6d6f4abffee4b6a78678d853" FOREIGN KEY ("tag_id") REFERENCES "catalog"."dictionary_values"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const statement of TRIGGERS) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DROP_TRIGGERS) {
      await queryRunner.query(statement);
    }
    await queryRunner.query(
      `ALTER TABLE "catalog"."tag_uses" DROP CONSTRAINT "FK_6eb6d6f4abffee4b6a78678d853"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" DROP CONSTRAINT "FK_b414a90bb80c054598c96043709"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" DROP CONSTRAINT "FK_141c1464f054007ba61c0021799"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" DROP CONSTRAINT "FK_70f05c591b2a63629a6a2955d71"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."user_items" DROP CONSTRAINT "FK_eef7c46826c0bb9469c513a913f"`,
    );
    await queryRunner.query(`ALTER TABLE "catalog"."likes" DROP CONSTRAINT "FK_bdf675c0c2ac3a7e18eb6a061a6"`);
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_43278697d4f302252857331a331"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_02ccf4f10a489d4f8155c10151e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_04ff9f64d5e0fa4a2fa946dc6a4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_676fac5403d9df7c01041ef0372"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_d783a85f9ba874ec7ecb6822709"`,
    );
    await queryRunner.query(
      `ALTER TABLE "catalog"."like_targets" DROP CONSTRAINT "FK_2b66236672c8d73b5a08f2dc9a6"`,
    );
    await queryRunner.query(`DROP INDEX "catalog"."tag_uses_tag_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."tag_uses"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_user_list_created_at_sort_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_user_list_kind_created_at_sort_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_coffee_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_watch_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_mechanism_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."user_items_product_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."user_items"`);
    await queryRunner.query(`DROP INDEX "catalog"."likes_target_created_at_sort_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."likes_user_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."likes"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_checkin_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_comment_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_coffee_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_watch_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_mechanism_idx"`);
    await queryRunner.query(`DROP INDEX "catalog"."like_targets_listing_idx"`);
    await queryRunner.query(`DROP TABLE "catalog"."like_targets"`);
  }
}
