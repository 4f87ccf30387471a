import type { QueryRunner } from 'typeorm';

/**
 * The outbox (events written in the same transaction as the change, published by the relay) and the
 * inbox (event ids a consumer has applied). Every service's first migration creates both in its schema.
 */
export async function createOutboxAndInboxTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."outbox" (
      "id" uuid PRIMARY KEY,
      "topic" text NOT NULL,
      "key" text NOT NULL,
      "payload" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "sent_at" timestamptz
    )`);
  await queryRunner.query(
    `CREATE INDEX "outbox_unsent_idx" ON "${schema}"."outbox" ("created_at", "id") WHERE "sent_at" IS NULL`,
  );
  await queryRunner.query(`
    CREATE TABLE "${schema}"."inbox" (
      "event_id" uuid NOT NULL,
      "consumer" text NOT NULL,
      "topic" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("event_id", "consumer")
    )`);
}

export async function dropOutboxAndInboxTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."inbox"`);
  await queryRunner.query(`DROP TABLE "${schema}"."outbox"`);
}
