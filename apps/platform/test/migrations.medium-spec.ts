import { SERVICE_NAMES, SERVICES } from '@agora/contracts';
import { createServiceDataSource } from '@agora/database';
import { createIsolatedDatabase, provisionAllServices, serviceDatabaseUrl } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SERVICE_DEFINITIONS } from '../src/service-definitions.js';

/** Every service's migrations build exactly the schema its entities describe, and roll back cleanly. */
describe('service migrations', () => {
  let adminUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // Empty schemas of its own: other files migrate the shared database.
    ({ adminUrl, drop } = await createIsolatedDatabase(inject('testDatabaseUrl'), 'migrations'));
    await provisionAllServices(adminUrl);
  });

  afterAll(() => drop());

  it.each(SERVICE_NAMES)('%s-service: migrations match the entities and revert', async (name) => {
    const definition = SERVICE_DEFINITIONS[name];
    const dataSource = createServiceDataSource({
      url: serviceDatabaseUrl(adminUrl, name),
      schema: SERVICES[name].schema,
      entities: definition.entities,
      migrations: definition.migrations,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBe(definition.migrations.length);
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      expect(upQueries.map((query) => query.query)).toEqual([]);
      for (let index = 0; index < applied.length; index += 1) {
        await dataSource.undoLastMigration();
      }
      const tables: { count: string }[] = await dataSource.query(
        `SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`,
        [SERVICES[name].schema],
      );
      expect(Number(tables[0].count)).toBe(0);
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  });
});
