import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '@agora/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog-service schema's messaging tables; its feature tables come with their own migrations. */
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxAndInboxTables(queryRunner, 'catalog');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxAndInboxTables(queryRunner, 'catalog');
  }
}
