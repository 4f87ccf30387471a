import { SERVICE_NAMES, SERVICES } from '@agora/contracts';
import { AgoraEntity, createServiceDataSource, type MigrationClass } from '@agora/database';
import type { ServiceDefinition } from '@agora/runtime';
import { createIsolatedDatabase, provisionAllServices, serviceDatabaseUrl } from '@agora/testing';
import { Column, Entity } from 'typeorm';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateMigration } from '../src/migrations/migration-generator.js';
import { SERVICE_DEFINITIONS } from '../src/service-definitions.js';

@Entity({ name: 'gift_notes' })
class GiftNoteEntity extends AgoraEntity {
  @Column({ type: 'varchar', length: 280 })
  text!: string;
}

/** `npm run migration:generate`: nothing when entities and migrations agree, a working migration when not. */
describe('migration:generate', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'agora-migrations-'));
  let adminUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // A database of its own: the generated migration must not leave rows in the run's shared one.
    ({ adminUrl, drop } = await createIsolatedDatabase(inject('testDatabaseUrl'), 'generate'));
    await provisionAllServices(adminUrl);
  });

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await drop();
  });

  it.each(SERVICE_NAMES)('%s-service: generates nothing for the committed entities', async (name) => {
    const generated = await generateMigration({
      adminUrl,
      definition: SERVICE_DEFINITIONS[name],
      name: 'Nothing',
      directory,
    });
    expect(generated).toBeNull();
  });

  it('writes a migration for a new entity that builds it, agrees with it afterwards and reverts', async () => {
    const order = SERVICE_DEFINITIONS.order;
    const changed: ServiceDefinition = { ...order, entities: [...order.entities, GiftNoteEntity] };
    const generated = await generateMigration({
      adminUrl,
      definition: changed,
      name: 'AddGiftNotes',
      directory,
    });
    expect(generated?.className).toMatch(/^AddGiftNotes\d+$/);
    // It sorts after every committed migration, whatever timestamps they reserved.
    const stamp = Number(/\d+$/.exec(generated!.className)![0]);
    for (const migration of order.migrations) {
      expect(stamp).toBeGreaterThan(Number(/\d+$/.exec(new migration().name ?? '')![0]));
    }
    const source = readFileSync(generated!.file, 'utf8');
    expect(source).toContain('CREATE TABLE "orders"."gift_notes"');
    expect(source).toContain('DROP TABLE "orders"."gift_notes"');

    const module = (await import(generated!.file)) as Record<string, MigrationClass>;
    const dataSource = createServiceDataSource({
      url: serviceDatabaseUrl(adminUrl, 'order'),
      schema: SERVICES.order.schema,
      entities: changed.entities,
      migrations: [...order.migrations, module[generated!.className]],
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      expect(upQueries).toEqual([]);
      await dataSource.undoLastMigration();
      const tables: unknown[] = await dataSource.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = 'orders' AND table_name = 'gift_notes'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
