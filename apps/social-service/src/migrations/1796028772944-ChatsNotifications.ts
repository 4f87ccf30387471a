import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChatsNotifications1796028772944 implements MigrationInterface {
  name = 'ChatsNotifications1796028772944';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "social"."chats" ("id" uuid NOT NULL, "kind" text NOT NULL, "direct_key" text, "item_kind" text, "item_id" uuid, "customer_id" uuid, "assignee_id" uuid, "last_message_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0117647b3c4a4e5ff198aeb6206" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "chats_support_queue_idx" ON "social"."chats"  ("last_message_at", "id") WHERE "kind" = 'support'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "chats_support_key" ON "social"."chats"  ("customer_id") WHERE "kind" = 'support'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "chats_item_key" ON "social"."chats"  ("item_kind", "item_id") WHERE "kind" = 'item'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "chats_direct_key" ON "social"."chats"  ("direct_key") WHERE "kind" = 'direct'`,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."chat_members" ("id" uuid NOT NULL, "chat_id" uuid NOT NULL, "user_id" uuid NOT NULL, "last_read_id" uuid, "unread_count" integer NOT NULL DEFAULT '0', "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aea646f59c92c47af5804ce73a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "chat_members_user_recent_idx" ON "social"."chat_members"  ("user_id", "last_message_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "chat_members_key" ON "social"."chat_members"  ("chat_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."chat_messages" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "chat_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_40c55ee0e571e268b0d3cd37d10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "chat_messages_history_idx" ON "social"."chat_messages"  ("chat_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "social"."notifications" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "actor_id" uuid NOT NULL, "post_id" uuid, "comment_id" uuid, "chat_id" uuid, "message_id" uuid, "count" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_unread_chat_key" ON "social"."notifications"  ("user_id", "chat_id") WHERE "kind" = 'chat-message' AND "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_unread_idx" ON "social"."notifications"  ("user_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_created_idx" ON "social"."notifications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."profiles" ADD "messages_from" text NOT NULL DEFAULT 'everyone'`,
    );
    await queryRunner.query(
      `ALTER TABLE "social"."chat_members" ADD CONSTRAINT "FK_29ffb4b6edf59a7862129765339" FOREIGN KEY ("chat_id") REFERENCES "social"."chats"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "social"."chat_members" DROP CONSTRAINT "FK_29ffb4b6edf59a7862129765339"`,
    );
    await queryRunner.query(`ALTER TABLE "social"."profiles" DROP COLUMN "messages_from"`);
    await queryRunner.query(`DROP INDEX "social"."notifications_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "social"."notifications_user_unread_idx"`);
    await queryRunner.query(`DROP INDEX "social"."notifications_unread_chat_key"`);
    await queryRunner.query(`DROP TABLE "social"."notifications"`);
    await queryRunner.query(`DROP INDEX "social"."chat_messages_history_idx"`);
    await queryRunner.query(`DROP TABLE "social"."chat_messages"`);
    await queryRunner.query(`DROP INDEX "social"."chat_members_key"`);
    await queryRunner.query(`DROP INDEX "social"."chat_members_user_recent_idx"`);
    await queryRunner.query(`DROP TABLE "social"."chat_members"`);
    await queryRunner.query(`DROP INDEX "social"."chats_direct_key"`);
    await queryRunner.query(`DROP INDEX "social"."chats_item_key"`);
    await queryRunner.query(`DROP INDEX "social"."chats_support_key"`);
    await queryRunner.query(`DROP INDEX "social"."chats_support_queue_idx"`);
    await queryRunner.query(`DROP TABLE "social"."chats"`);
  }
}
