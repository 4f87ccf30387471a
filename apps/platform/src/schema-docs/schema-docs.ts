import { SERVICE_NAMES, SERVICES } from '@agora/contracts';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  provisionServiceSchemas,
} from '@agora/database';
import pg from 'pg';
import { SERVICE_DEFINITIONS } from '../service-definitions.js';
import { readSchema } from './introspect.js';
import { renderSchemaDoc, renderSchemaIndex, type SchemaDocInput } from './render.js';

/** Where the generated files live, relative to the repository root. */
export const SCHEMA_DOCS_DIR = 'docs/schema';

/** The URL of a service's own role (no password: the local cluster trusts loopback, as the tests do). */
function serviceUrl(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.username = `agora_${schema}`;
  url.password = '';
  return url.toString();
}

/**
 * Creates a throwaway database on the cluster of `adminUrl`, provisions every service's role and schema, runs
 * each service's migrations as its role, reads the catalog and drops the database again. Returns each file of
 * docs/schema by name.
 */
export async function generateSchemaDocs(adminUrl: string): Promise<Map<string, string>> {
  const name = `agora_schema_docs_${process.pid}_${Date.now()}`;
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    await provisionServiceSchemas(
      databaseUrl,
      SERVICE_NAMES.map((service) => ({
        schema: SERVICES[service].schema,
        extensions: SERVICES[service].extensions,
        url: serviceUrl(databaseUrl, SERVICES[service].schema),
      })),
    );
    for (const service of SERVICE_NAMES) {
      const dataSource = createServiceDataSource({
        url: serviceUrl(databaseUrl, SERVICES[service].schema),
        schema: SERVICES[service].schema,
        entities: SERVICE_DEFINITIONS[service].entities,
        migrations: SERVICE_DEFINITIONS[service].migrations,
        poolSize: 1,
        applicationName: `schema-docs-${service}`,
      });
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const inputs: SchemaDocInput[] = [];
      for (const service of SERVICE_NAMES) {
        const schema = SERVICES[service].schema;
        inputs.push({ service, schema, tables: await readSchema(client, schema) });
      }
      return new Map([
        ['README.md', renderSchemaIndex(inputs)],
        ...inputs.map((input): [string, string] => [`${input.service}.md`, renderSchemaDoc(input)]),
      ]);
    } finally {
      await client.end();
    }
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
