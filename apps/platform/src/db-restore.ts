// `npm run db:restore -- <file …> [--force]`: loads dumps made by `npm run db:dump` into their schemas on the
// database `npm start` uses (DATABASE_URL, the running embedded PostgreSQL, or the embedded one started for it).
// A schema that holds rows is refused unless --force, which replaces them. docs/adr/0017-database-dumps.md.
import 'reflect-metadata';
import { createLogger } from '@agora/logging';
import { loadConfig, processEnvironment } from '@agora/config';
import { isServiceName, SERVICES } from '@agora/contracts';
import { existsSync } from 'node:fs';
import { DATABASE_ORIGINS, migrateToDump, withAdminClient } from './dumps/dump-cli.js';
import { readDumpHeader, restoreSchema, type DumpHeader } from './dumps/schema-dump.js';
import { openPlatformDatabase } from './embedded/platform-database.js';
import { PlatformConfig } from './platform-config.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const USAGE = 'usage: npm run db:restore -- <file.dump.gz …> [--force]';

try {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  const flag = files.find((file) => file.startsWith('--'));
  if (flag || files.length === 0) {
    throw new Error(flag ? `unknown argument "${flag}"; ${USAGE}` : USAGE);
  }
  const dumps: { file: string; header: DumpHeader }[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      throw new Error(`no such file: ${file}`);
    }
    const header = await readDumpHeader(file);
    if (!isServiceName(header.service) || SERVICES[header.service].schema !== header.schema) {
      throw new Error(
        `${file} holds schema ${header.schema} of "${header.service}", not one of this platform's`,
      );
    }
    dumps.push({ file, header });
  }
  const config = loadConfig(PlatformConfig, processEnvironment());
  const logger = createLogger('db-restore', config.LOG_LEVEL);
  // Creates a missing (or wiped) schema and its role, as `npm start` does.
  const database = await openPlatformDatabase(config, logger, { reuseRunning: true });
  try {
    console.log(`Restoring into ${DATABASE_ORIGINS[database.origin]}.`);
    for (const { file, header } of dumps) {
      const service = header.service as keyof typeof SERVICES;
      const target = database.targets.find((candidate) => candidate.name === service)!;
      const { trailer } = await withAdminClient(database.adminUrl, async (client) => {
        // Restores of one schema at once take turns (migrating included): the first loads, the next finds rows.
        await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`agora.restore.${header.schema}`]);
        await migrateToDump(target, SERVICE_DEFINITIONS[service], header.migrations);
        return restoreSchema(client, file, { force });
      });
      const rows = Object.values(trailer.rows).reduce((sum, count) => sum + count, 0);
      console.log(
        `${service}: ${rows} rows in ${header.tables.length} tables restored from ${file} (taken ${header.createdAt})`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`db:restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
