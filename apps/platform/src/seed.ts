// `npm run seed [-- --items=110000] [-- --reset]`: fills the platform's catalog with demo data (coffees,
// Soviet and Swiss watches, a coffee-shop menu, listings, shop locations) and builds the search index.
// Uses the same database as `npm start` (embedded, or DATABASE_URL); stop `npm start` first when embedded.
import 'reflect-metadata';
import { createLogger } from '@agora/logging';
import { loadConfig, processEnvironment } from '@agora/config';
import { createServiceDataSource } from '@agora/database';
import { openPlatformDatabase } from './embedded/platform-database.js';
import { PlatformConfig } from './platform-config.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const DEFAULT_ITEMS = 110_000;

function parseArguments(args: readonly string[]): { items: number; reset: boolean } {
  let items = DEFAULT_ITEMS;
  let reset = false;
  for (const arg of args) {
    const count = /^--items=(\d+)$/.exec(arg);
    if (count && Number(count[1]) >= 10 && Number(count[1]) <= 2_000_000) {
      items = Number(count[1]);
    } else if (arg === '--reset') {
      reset = true;
    } else {
      throw new Error(`unknown argument "${arg}"; usage: npm run seed -- [--items=10..2000000] [--reset]`);
    }
  }
  return { items, reset };
}

try {
  const options = parseArguments(process.argv.slice(2));
  const config = loadConfig(PlatformConfig, processEnvironment());
  const logger = createLogger('seed', config.LOG_LEVEL);
  const database = await openPlatformDatabase(config, logger).catch((error: unknown) => {
    throw new Error(
      `cannot open the platform database (is \`npm start\` running? stop it first): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  try {
    // Every service whose definition has demo data, each on its own role and schema.
    for (const target of database.targets) {
      const definition = SERVICE_DEFINITIONS[target.name];
      if (!definition.seed) {
        continue;
      }
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
        const started = performance.now();
        const result = await definition.seed(dataSource, options);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          result.skipped
            ? `${target.name}: has data already; run \`npm run seed -- --reset\` to replace it.`
            : `${target.name}: seeded in ${seconds} s: ${Object.entries(result.counts)
                .map(([what, count]) => `${count} ${what}`)
                .join(', ')}.`,
        );
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
