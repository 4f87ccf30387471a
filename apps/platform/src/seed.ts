// `npm run seed [-- --items=110000] [-- --reset]`: fills the platform's catalog with demo data (coffees,
// Soviet and Swiss watches, a coffee-shop menu, listings, shop locations), builds the search index and creates
// the demo accounts (admin, moderator, seller, user). Uses the same database as `npm start`: DATABASE_URL, the
// embedded PostgreSQL of a running `npm start`, or else the embedded one started for the seed and stopped after.
import 'reflect-metadata';
import { createLogger } from '@agora/logging';
import { loadConfig, processEnvironment } from '@agora/config';
import { describeDemoAccounts, existingDemoAccounts } from './embedded/demo-accounts.js';
import { openPlatformDatabase } from './embedded/platform-database.js';
import { seedPlatform } from './embedded/seed-platform.js';
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

const ORIGINS = {
  'database-url': 'the database at DATABASE_URL',
  'running-embedded': 'the embedded PostgreSQL of the running `npm start`',
  'started-embedded': 'the embedded PostgreSQL (started for the seed; `npm start` was not running)',
} as const;

try {
  const options = parseArguments(process.argv.slice(2));
  const config = loadConfig(PlatformConfig, processEnvironment());
  const logger = createLogger('seed', config.LOG_LEVEL);
  const database = await openPlatformDatabase(config, logger, { reuseRunning: true }).catch(
    (error: unknown) => {
      throw new Error(
        `cannot open the platform database: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  try {
    console.log(`Seeding ${ORIGINS[database.origin]}.`);
    await seedPlatform(database.targets, SERVICE_DEFINITIONS, options, (line) => console.log(line));
    const accounts = await existingDemoAccounts(database.adminUrl);
    console.log(
      ['Demo accounts (sign in with login or e-mail):', ...describeDemoAccounts(accounts)].join('\n'),
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
