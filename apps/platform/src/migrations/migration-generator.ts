import { SERVICES } from '@agora/contracts';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  provisionServiceSchemas,
} from '@agora/database';
import type { ServiceDefinition } from '@agora/runtime';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GenerateMigrationOptions {
  /** Superuser URL of a PostgreSQL where a throwaway database can be created. */
  readonly adminUrl: string;
  readonly definition: ServiceDefinition;
  /** PascalCase name; the class is `<name><timestamp>`. */
  readonly name: string;
  /** Where the file goes (the service's `src/migrations`). */
  readonly directory: string;
  readonly timestamp?: number;
}

export interface GeneratedMigration {
  readonly file: string;
  readonly className: string;
}

const MIGRATION_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Now, or just after the service's newest migration when one is timestamped later (migrations run, and
 * `migration:revert` undoes, in timestamp order: a new one must sort last).
 */
export function nextTimestamp(definition: Pick<ServiceDefinition, 'migrations'>, now = Date.now()): number {
  const latest = Math.max(
    0,
    ...definition.migrations.map((migration) => Number(/\d+$/.exec(migration.name)?.[0] ?? 0)),
  );
  return Math.max(now, latest + 1);
}

const escapeTemplate = (sql: string): string =>
  sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/**
 * Applies the service's migrations to a throwaway database as its own role would see them, diffs the
 * entities against it and writes the difference as a migration class; null when they already agree.
 */
export async function generateMigration(
  options: GenerateMigrationOptions,
): Promise<GeneratedMigration | null> {
  const { adminUrl, definition, name } = options;
  if (!MIGRATION_NAME.test(name)) {
    throw new Error(`migration name must be PascalCase, got "${name}"`);
  }
  const { schema, extensions } = SERVICES[definition.name];
  const database = `agora_migration_${Date.now()}_${process.pid}`;
  const databaseUrl = (username?: string): string => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    if (username) {
      url.username = username;
      url.password = '';
    }
    return url.toString();
  };
  await ensureDatabase(adminUrl, database);
  try {
    await provisionServiceSchemas(adminUrl, [{ schema, extensions, url: databaseUrl(`agora_${schema}`) }]);
    const dataSource = createServiceDataSource({
      url: databaseUrl(),
      schema,
      entities: definition.entities,
      migrations: definition.migrations,
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
      if (upQueries.length === 0) {
        return null;
      }
      const timestamp = options.timestamp ?? nextTimestamp(definition);
      const className = `${name}${timestamp}`;
      const file = path.join(options.directory, `${timestamp}-${name}.ts`);
      if (existsSync(file)) {
        throw new Error(`${file} exists`);
      }
      const lines = (queries: typeof upQueries): string =>
        queries.map((query) => `    await queryRunner.query(\`${escapeTemplate(query.query)}\`);`).join('\n');
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
      return { file, className };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await dropDatabase(adminUrl, database);
  }
}
