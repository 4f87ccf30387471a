import { createServiceDataSource, type MigrationClass } from '@agora/database';
import type { ServiceDefinition } from '@agora/runtime';
import pg from 'pg';
import type { PlatformServiceTarget } from '../embedded/platform-database.js';

/** What the platform database is, for the tools' messages. */
export const DATABASE_ORIGINS = {
  'database-url': 'the database at DATABASE_URL',
  'running-embedded': 'the embedded PostgreSQL of the running `npm start`',
  'started-embedded': 'the embedded PostgreSQL (started for this; `npm start` was not running)',
} as const;

/** A migration's name as TypeORM records it. */
const migrationName = (migration: MigrationClass): string => new migration().name ?? migration.name;

/**
 * Brings the service's schema to exactly the dump's migrations, as the service's own role (its tables stay its
 * own): the code's migrations must begin with the dump's, and only those run.
 */
export async function migrateToDump(
  target: PlatformServiceTarget,
  definition: ServiceDefinition,
  migrations: readonly string[],
): Promise<void> {
  const code = definition.migrations.map(migrationName);
  const prefix = code.slice(0, migrations.length);
  if (JSON.stringify(prefix) !== JSON.stringify(migrations)) {
    throw new Error(
      `the dump of ${target.name} was made at migration ${migrations.at(-1)}, which this code does not have ` +
        `(its latest is ${code.at(-1)}): restore with the code that made the dump`,
    );
  }
  const dataSource = createServiceDataSource({
    url: target.url,
    schema: target.schema,
    entities: definition.entities,
    migrations: definition.migrations.slice(0, migrations.length),
    poolSize: 1,
    applicationName: 'db-restore',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Runs `work` on one superuser connection to the platform database. */
export async function withAdminClient<T>(
  adminUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'agora-dump' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
