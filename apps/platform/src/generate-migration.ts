// `npm run migration:generate -- <service> <Name>`: applies the service's migrations to a throwaway
// database, diffs its entities against it, and writes apps/<service>-service/src/migrations/<ts>-<Name>.ts.
// Register the new class in that folder's index.ts and review it like code.
import 'reflect-metadata';
import { loadConfig } from '@agora/config';
import { isServiceName, SERVICES } from '@agora/contracts';
import { IsUrl } from 'class-validator';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  provisionServiceSchemas,
} from '@agora/database';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const [service, name] = process.argv.slice(2);
class GenerateMigrationConfig {
  /** Superuser URL of a PostgreSQL where a throwaway database can be created. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}

const escape = (sql: string): string =>
  sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

try {
  const adminUrl = loadConfig(GenerateMigrationConfig, process.env).DATABASE_ADMIN_URL;
  if (!service || !isServiceName(service) || !name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(
      'usage: npm run migration:generate -- <auth|social|media|catalog|order> <PascalCaseName>',
    );
  }
  const schema = SERVICES[service].schema;
  const database = `agora_migration_${Date.now()}`;
  await ensureDatabase(adminUrl, database);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    url.username = `agora_${schema}`;
    url.password = '';
    await provisionServiceSchemas(adminUrl, [{ schema, url: url.toString() }]);
    const admin = new URL(adminUrl);
    admin.pathname = `/${database}`;
    const definition = SERVICE_DEFINITIONS[service];
    const dataSource = createServiceDataSource({
      url: admin.toString(),
      schema,
      entities: definition.entities,
      migrations: definition.migrations,
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
      if (upQueries.length === 0) {
        console.log(`${service}-service: entities and migrations agree; nothing to generate`);
        process.exit(0);
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const file = path.resolve(`apps/${service}-service/src/migrations/${timestamp}-${name}.ts`);
      if (existsSync(file)) {
        throw new Error(`${file} exists`);
      }
      const lines = (queries: typeof upQueries) =>
        queries.map((query) => `    await queryRunner.query(\`${escape(query.query)}\`);`).join('\n');
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...downQueries].reverse())}
  }
}
`,
      );
      console.log(`wrote ${path.relative(process.cwd(), file)}; add ${className} to migrations/index.ts`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await dropDatabase(adminUrl, database);
  }
} catch (error) {
  console.error(`migration:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
