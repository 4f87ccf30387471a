import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Profiles' new fields and counts, the follow graph (follows, blocks, mutes), posts with revisions, likes and
 * comments, media owners and catalog items learned from events, and the table timeline store. */
export class SocialGraphPostsFeed1796017985513 implements MigrationInterface {
  name = 'SocialGraphPostsFeed1796017985513';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."feed_readers" ("user_id" uuid NOT NULL, "last_read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2745323bb81128c811ee5e5714f" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "feed_readers_last_read_idx" ON "social"."feed_readers"  ("last_read_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."timeline_entries" ("user_id" uuid NOT NULL, "post_id" uuid NOT NULL, "author_id" uuid NOT NULL, CONSTRAINT "PK_c98190410470cafde1cbb4e6bb5" PRIMARY KEY ("user_id", "post_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "timeline_entries_user_author_idx" ON "social"."timeline_entries"  ("user_id", "author_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "timeline_entries_post_idx" ON "social"."timeline_entries"  ("post_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."blocks" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "blocker_id" uuid NOT NULL, "blocked_id" uuid NOT NULL, CONSTRAINT "blocks_pair_key" UNIQUE ("blocker_id", "blocked_id"), CONSTRAINT "PK_8244fa1495c4e9222a01059244b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "blocks_blocker_created_idx" ON "social"."blocks"  ("blocker_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "blocks_blocked_idx" ON "social"."blocks"  ("blocked_id", "blocker_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."follows" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "follower_id" uuid NOT NULL, "followee_id" uuid NOT NULL, "status" text NOT NULL, CONSTRAINT "follows_pair_key" UNIQUE ("follower_id", "followee_id"), CONSTRAINT "PK_8988f607744e16ff79da3b8a627" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "follows_follower_created_idx" ON "social"."follows"  ("follower_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "follows_followee_created_idx" ON "social"."follows"  ("followee_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."mutes" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "muter_id" uuid NOT NULL, "muted_id" uuid NOT NULL, CONSTRAINT "mutes_pair_key" UNIQUE ("muter_id", "muted_id"), CONSTRAINT "PK_844a5927899580f71e88aeaf3a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mutes_muter_created_idx" ON "social"."mutes"  ("muter_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."catalog_items" ("item_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "version" integer NOT NULL DEFAULT '0', "deleted" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae93e1f6ac5aafb1634dda76daf" PRIMARY KEY ("item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."posts" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "author_id" uuid NOT NULL, "text" text NOT NULL, "mentions" uuid array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "media_ids" uuid array NOT NULL DEFAULT '{}', "item_kind" text, "item_id" uuid, "visibility" text NOT NULL, "likes_count" integer NOT NULL DEFAULT '0', "comments_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "posts_author_id_idx" ON "social"."posts"  ("author_id", "id") `);
    await queryRunner.query(
      `CREATE INDEX "posts_author_created_idx" ON "social"."posts"  ("author_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."comments" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "post_id" uuid NOT NULL, "author_id" uuid NOT NULL, "parent_id" uuid, "text" text NOT NULL, "mentions" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "comments_post_created_idx" ON "social"."comments"  ("post_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."media_owners" ("media_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b6b33f59f4d92341ed0cba227b" PRIMARY KEY ("media_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "media_owners_owner_idx" ON "social"."media_owners"  ("owner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."post_likes" ("post_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f64693922a9e8c4e2605850d0b" PRIMARY KEY ("post_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "post_likes_user_idx" ON "social"."post_likes"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "social"."post_revisions" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "post_id" uuid NOT NULL, "version" integer NOT NULL, "text" text NOT NULL, "media_ids" uuid array NOT NULL DEFAULT '{}', "visibility" text NOT NULL, CONSTRAINT "PK_871219c3d5044d70ff7d59480b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "post_revisions_post_created_idx" ON "social"."post_revisions"  ("post_id", "created_at", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "bio" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "avatar_media_id" uuid`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "contacts" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "social"."profiles" ADD "marketplace_links" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "private" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "social"."profiles" ADD "followers_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."profiles" ADD "following_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" ADD "posts_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "social"."blocks" ADD CONSTRAINT "FK_74f530c6fbffc357047b263818d" FOREIGN KEY ("blocker_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."blocks" ADD CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0" FOREIGN KEY ("blocked_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."follows" ADD CONSTRAINT "FK_54b5dc2739f2dea57900933db66" FOREIGN KEY ("follower_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."follows" ADD CONSTRAINT "FK_1984b177379388946c21afcdaa9" FOREIGN KEY ("followee_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."mutes" ADD CONSTRAINT "FK_9ad4d46d1770bdb681b11cdc131" FOREIGN KEY ("muter_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."mutes" ADD CONSTRAINT "FK_6b578ebb2c35ca3bb5ea08829b2" FOREIGN KEY ("muted_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."posts" ADD CONSTRAINT "FK_312c63be865c81b922e39c2475e" FOREIGN KEY ("author_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" ADD CONSTRAINT "FK_259bf9825d9d198608d1b46b0b5" FOREIGN KEY ("post_id") REFERENCES "social"."posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "social"."profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" ADD CONSTRAINT "FK_d6f93329801a93536da4241e386" FOREIGN KEY ("parent_id") REFERENCES "social"."comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."post_likes" ADD CONSTRAINT "FK_b40d37469c501092203d285af80" FOREIGN KEY ("post_id") REFERENCES "social"."posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."post_revisions" ADD CONSTRAINT "FK_21715fae1f647ae1e4b0741346a" FOREIGN KEY ("post_id") REFERENCES "social"."posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."post_revisions" DROP CONSTRAINT "FK_21715fae1f647ae1e4b0741346a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."post_likes" DROP CONSTRAINT "FK_b40d37469c501092203d285af80"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" DROP CONSTRAINT "FK_d6f93329801a93536da4241e386"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" DROP CONSTRAINT "FK_e6d38899c31997c45d128a8973b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."comments" DROP CONSTRAINT "FK_259bf9825d9d198608d1b46b0b5"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."posts" DROP CONSTRAINT "FK_312c63be865c81b922e39c2475e"`);
    await queryRunner.query(`ALTER TABLE "social"."mutes" DROP CONSTRAINT "FK_6b578ebb2c35ca3bb5ea08829b2"`);
    await queryRunner.query(`ALTER TABLE "social"."mutes" DROP CONSTRAINT "FK_9ad4d46d1770bdb681b11cdc131"`);
    await queryRunner.query(
      `ALTER TABLE "social"."follows" DROP CONSTRAINT "FK_1984b177379388946c21afcdaa9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."follows" DROP CONSTRAINT "FK_54b5dc2739f2dea57900933db66"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."blocks" DROP CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0"`);
    await queryRunner.query(`ALTER TABLE "social"."blocks" DROP CONSTRAINT "FK_74f530c6fbffc357047b263818d"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "posts_count"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "following_count"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "followers_count"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "private"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "marketplace_links"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "contacts"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "avatar_media_id"`);
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "bio"`);
    await queryRunner.query(`DROP INDEX "social"."post_revisions_post_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."post_revisions"`);
    await queryRunner.query(`DROP INDEX "social"."post_likes_user_idx"`);
    await queryRunner.query(`DROP TABLE "social"."post_likes"`);
    await queryRunner.query(`DROP INDEX "social"."media_owners_owner_idx"`);
    await queryRunner.query(`DROP TABLE "social"."media_owners"`);
    await queryRunner.query(`DROP INDEX "social"."comments_post_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."comments"`);
    await queryRunner.query(`DROP INDEX "social"."posts_author_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."posts_author_id_idx"`);
    await queryRunner.query(`DROP TABLE "social"."posts"`);
    await queryRunner.query(`DROP TABLE "social"."catalog_items"`);
    await queryRunner.query(`DROP INDEX "social"."mutes_muter_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."mutes"`);
    await queryRunner.query(`DROP INDEX "social"."follows_followee_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."follows_follower_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."follows"`);
    await queryRunner.query(`DROP INDEX "social"."blocks_blocked_idx"`);
    await queryRunner.query(`DROP INDEX "social"."blocks_blocker_created_idx"`);
    await queryRunner.query(`DROP TABLE "social"."blocks"`);
    await queryRunner.query(`DROP INDEX "social"."timeline_entries_post_idx"`);
    await queryRunner.query(`DROP INDEX "social"."timeline_entries_user_author_idx"`);
    await queryRunner.query(`DROP TABLE "social"."timeline_entries"`);
    await queryRunner.query(`DROP INDEX "social"."feed_readers_last_read_idx"`);
    await queryRunner.query(`DROP TABLE "social"."feed_readers"`);
  }
}
