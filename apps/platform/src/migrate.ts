// `npm run migrate [service …]`: provisions each service's role and schema (when DATABASE_ADMIN_URL is
// set) and applies pending migrations as that service's own role. Production runs it before services.
import 'reflect-metadata';
import { createLogger } from '@agora/logging';
import { loadConfig, processEnvironment } from '@agora/config';
import { isServiceName, SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import { createServiceDataSource, provisionServiceSchemas } from '@agora/database';
import { IsOptional, IsUrl } from 'class-validator';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const postgresUrl = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };

class MigrateConfig {
  /** Superuser (or CREATEROLE) URL; when set, roles and schemas are created first. */
  @IsOptional() @IsUrl(postgresUrl) DATABASE_ADMIN_URL?: string;
  @IsUrl(postgresUrl) AUTH_DATABASE_URL!: string;
  @IsUrl(postgresUrl) SOCIAL_DATABASE_URL!: string;
  @IsUrl(postgresUrl) MEDIA_DATABASE_URL!: string;
  @IsUrl(postgresUrl) CATALOG_DATABASE_URL!: string;
  @IsUrl(postgresUrl) ORDER_DATABASE_URL!: string;
}

const urlOf = (config: MigrateConfig, name: ServiceName): string =>
  config[`${name.toUpperCase()}_DATABASE_URL` as keyof MigrateConfig]!;

try {
  const config = loadConfig(MigrateConfig, processEnvironment());
  const logger = createLogger('migrate');
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !isServiceName(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown service(s): ${unknown.join(', ')}; expected any of ${SERVICE_NAMES.join(', ')}`);
  }
  const names = requested.length > 0 ? (requested as ServiceName[]) : [...SERVICE_NAMES];
  if (config.DATABASE_ADMIN_URL) {
    await provisionServiceSchemas(
      config.DATABASE_ADMIN_URL,
      SERVICE_NAMES.map((name) => ({
        schema: SERVICES[name].schema,
        extensions: SERVICES[name].extensions,
        url: urlOf(config, name),
      })),
    );
    logger.info('roles and schemas provisioned');
  }
  for (const name of names) {
    const definition = SERVICE_DEFINITIONS[name];
    const dataSource = createServiceDataSource({
      url: urlOf(config, name),
      schema: SERVICES[name].schema,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: 1,
      applicationName: `migrate-${name}`,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      logger.info(
        { service: name, applied: applied.map((migration) => migration.name) },
        'migrations up to date',
      );
    } finally {
      await dataSource.destroy();
    }
  }
} catch (error) {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
