// `npm run import -- <file.csv | file.json | http://127.0.0.1/…>`: the catalog's importer robot on one feed of
// coffees: drafts for new coffees and for changed fields of matched ones, in the moderators' queue, authored by
// the importer robot; prints the report (JSON). The same feed again queues nothing new. Uses the same database
// as `npm start` (embedded, or DATABASE_URL); stop `npm start` first when embedded.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { createServiceDataSource, type OutboxRelay } from '@agora/database';
import { createLogger } from '@agora/logging';
import { MemoryBus } from '@agora/messaging';
import { PlatformModule } from '@agora/runtime';
import { NestFactory } from '@nestjs/core';
import {
  catalogServiceDefinition,
  IMPORT_ROBOT_ID,
  ImportService,
} from '../../catalog-service/src/catalog-service.definition.js';
import { openPlatformDatabase } from './embedded/platform-database.js';
import { PlatformConfig } from './platform-config.js';

const USAGE = 'usage: npm run import -- <file.csv | file.json | http(s) URL on CATALOG_IMPORT_ALLOWED_HOSTS>';

/** The script relays no events: the drafts it writes publish none, and a running platform relays its own. */
const idleRelay = { start: () => Promise.resolve(), stop: () => Promise.resolve() } as unknown as OutboxRelay;

try {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    throw new Error(USAGE);
  }
  const env = processEnvironment();
  const config = loadConfig(PlatformConfig, env);
  const logger = createLogger('import', config.LOG_LEVEL);
  const database = await openPlatformDatabase(config, logger).catch((error: unknown) => {
    throw new Error(
      `cannot open the platform database (is \`npm start\` running? stop it first): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  try {
    const target = database.targets.find(({ name }) => name === 'catalog');
    if (!target) {
      throw new Error('the platform has no catalog-service database');
    }
    const catalogConfig = loadConfig(catalogServiceDefinition.config, {
      ...env,
      PORT: '0',
      DATABASE_URL: target.url,
      BUS: 'memory',
      CATALOG_IMPORT_EVERY_MINUTES: '0',
    });
    const dataSource = createServiceDataSource({
      url: target.url,
      schema: target.schema,
      entities: catalogServiceDefinition.entities,
      migrations: catalogServiceDefinition.migrations,
      poolSize: 2,
      applicationName: 'import',
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const app = await NestFactory.createApplicationContext(
      PlatformModule.forService(catalogServiceDefinition, {
        config: catalogConfig,
        logger,
        dataSource,
        schema: target.schema,
        bus: new MemoryBus(logger, { maxAttempts: 1, baseDelayMs: 100 }),
        relay: idleRelay,
      }),
      { logger: false },
    );
    try {
      const importer = app.get(ImportService);
      const report = await importer.import(IMPORT_ROBOT_ID, await importer.load(args[0]));
      console.log(JSON.stringify(report, null, 2));
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
