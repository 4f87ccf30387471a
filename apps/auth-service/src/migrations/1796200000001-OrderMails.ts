import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderMails1796200000001 implements MigrationInterface {
  name = 'OrderMails1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth"."order_mails" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_afc992eac10996aaf1932ae7a05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "order_mails_event_recipient_key" ON "auth"."order_mails"  ("event_id", "recipient") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "auth"."order_mails_event_recipient_key"`);
    await queryRunner.query(`DROP TABLE "auth"."order_mails"`);
  }
}
