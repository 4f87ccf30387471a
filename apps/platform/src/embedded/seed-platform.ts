import { createServiceDataSource } from '@agora/database';
import type { DemoSeedOptions } from '@agora/runtime';
import type { ServiceDefinition } from '@agora/runtime';
import type { ServiceName } from '@agora/contracts';
import type { PlatformServiceTarget } from './platform-database.js';

/**
 * The order seeds run in: catalog's before those of the services that rebuild their copies from its snapshots
 * once their seeds have cleared the done marks (social's catalog copy, order's offers), so on a running
 * platform a rebuild never reads a catalog half seeded.
 */
const SEED_ORDER: readonly ServiceName[] = ['auth', 'media', 'catalog', 'social', 'order'];

/**
 * Migrates every service's schema and fills those whose definition has demo data, each on its own role, schema
 * and DataSource, in SEED_ORDER (auth first, social and order after catalog); reports a line per service.
 * Safe beside a running platform: each seed writes through its service's tables, triggers and outbox as the
 * service's own code would, so the running services' consumers and read models catch up (see the README).
 */
export async function seedPlatform(
  targets: readonly PlatformServiceTarget[],
  definitions: Readonly<Record<ServiceName, ServiceDefinition>>,
  options: DemoSeedOptions,
  report: (line: string) => void,
): Promise<void> {
  const ordered = [...targets].sort((a, b) => SEED_ORDER.indexOf(a.name) - SEED_ORDER.indexOf(b.name));
  for (const target of ordered) {
    const definition = definitions[target.name];
    // Every schema is migrated, as `npm start` would, so the database is whole after a seed on its own.
    const dataSource = createServiceDataSource({
      url: target.url,
      schema: target.schema,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: 1,
      applicationName: 'seed',
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      if (!definition.seed) {
        continue;
      }
      const started = performance.now();
      const result = await definition.seed(dataSource, options);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      report(
        result.skipped
          ? `${target.name}: ${result.note ?? 'has data already; run `npm run seed -- --reset` to replace it'}.`
          : `${target.name}: seeded in ${seconds} s: ${Object.entries(result.counts)
              .map(([what, count]) => `${count} ${what}`)
              .join(', ')}.`,
      );
    } finally {
      await dataSource.destroy();
    }
  }
}
