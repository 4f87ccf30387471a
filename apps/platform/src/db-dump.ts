// `npm run db:dump -- [service …] [--out=DIR]`: each service's schema (all five by default) to its own gzipped
// file, `agora-<service>-<time>.dump.gz` in DIR (default DATA_DIR/dumps), from the database `npm start` uses
// (DATABASE_URL, the running embedded PostgreSQL, or the embedded one started for the dump). Needs no pg_dump:
// docs/adr/0017-database-dumps.md.
import 'reflect-metadata';
import { createLogger } from '@agora/logging';
import { loadConfig, processEnvironment } from '@agora/config';
import { isServiceName, SERVICE_NAMES, type ServiceName } from '@agora/contracts';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_ORIGINS, withAdminClient } from './dumps/dump-cli.js';
import { dumpSchema } from './dumps/schema-dump.js';
import { openPlatformDatabase } from './embedded/platform-database.js';
import { PlatformConfig } from './platform-config.js';

const USAGE = 'usage: npm run db:dump -- [auth|social|media|catalog|order …] [--out=DIR]';

function parseArguments(args: readonly string[]): { services: ServiceName[]; out?: string } {
  const services: ServiceName[] = [];
  let out: string | undefined;
  for (const arg of args) {
    const dir = /^--out=(.+)$/.exec(arg);
    if (dir) {
      out = dir[1];
    } else if (isServiceName(arg)) {
      services.push(arg);
    } else {
      throw new Error(`unknown argument "${arg}"; ${USAGE}`);
    }
  }
  return { services: services.length > 0 ? [...new Set(services)] : [...SERVICE_NAMES], out };
}

try {
  const { services, out } = parseArguments(process.argv.slice(2));
  const config = loadConfig(PlatformConfig, processEnvironment());
  const logger = createLogger('db-dump', config.LOG_LEVEL);
  const outDir = path.resolve(out ?? path.join(config.DATA_DIR, 'dumps'));
  mkdirSync(outDir, { recursive: true });
  const database = await openPlatformDatabase(config, logger, { reuseRunning: true });
  try {
    console.log(`Dumping from ${DATABASE_ORIGINS[database.origin]}.`);
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    for (const name of services) {
      const target = database.targets.find((candidate) => candidate.name === name)!;
      const file = path.join(outDir, `agora-${name}-${stamp}.dump.gz`);
      const { header, trailer } = await withAdminClient(database.adminUrl, (client) =>
        dumpSchema(client, name, target.schema, file),
      );
      const rows = Object.values(trailer.rows).reduce((sum, count) => sum + count, 0);
      console.log(
        `${name}: ${file} (schema ${target.schema}, ${header.tables.length} tables, ${rows} rows, at ${header.migrations.at(-1)})`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`db:dump failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
