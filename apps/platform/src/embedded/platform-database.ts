import { SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import { provisionServiceSchemas, type ServiceDatabaseTarget } from '@agora/database';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../platform-config.js';
import { startEmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded-database.js';
import { loadOrCreateSecrets } from './platform-secrets.js';

/** Where one service's data lives on the platform's database (its role's URL, schema, extensions). */
export interface PlatformServiceTarget extends ServiceDatabaseTarget {
  readonly name: ServiceName;
}

export interface PlatformDatabase {
  readonly targets: readonly PlatformServiceTarget[];
  /** Superuser URL of the platform's database (the embedded server's, or DATABASE_URL). */
  readonly adminUrl: string;
  /** Where it runs, for messages: DATABASE_URL, a running `npm start`'s embedded server, or one started here. */
  readonly origin: 'database-url' | 'running-embedded' | 'started-embedded';
  /** Stops the embedded PostgreSQL, if this process started one. */
  close(): Promise<void>;
}

function serviceDatabaseUrl(adminUrl: string, schema: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = `agora_${schema}`;
  url.password = password;
  return url.toString();
}

/**
 * The platform's PostgreSQL (embedded unless DATABASE_URL), with a role and schema provisioned for every
 * service: what `npm start` runs on, and what `npm run seed` fills.
 */
export async function openPlatformDatabase(
  config: PlatformConfig,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<PlatformDatabase> {
  const schemas = SERVICE_NAMES.map((name) => SERVICES[name].schema);
  const secrets = loadOrCreateSecrets(config.DATA_DIR, schemas);
  const database = config.DATABASE_URL
    ? undefined
    : await startEmbeddedDatabase(
        config.DATA_DIR,
        config.EMBEDDED_POSTGRES_PORT,
        secrets.superuserPassword,
        logger,
        options,
      );
  try {
    const adminUrl = config.DATABASE_URL ?? database!.adminUrl;
    const targets = SERVICE_NAMES.map((name) => {
      const { schema, extensions } = SERVICES[name];
      return {
        name,
        schema,
        extensions,
        url: serviceDatabaseUrl(adminUrl, schema, secrets.rolePasswords[schema]),
      };
    });
    await provisionServiceSchemas(adminUrl, targets);
    const origin = !database ? 'database-url' : database.reused ? 'running-embedded' : 'started-embedded';
    return { targets, adminUrl, origin, close: async () => database?.stop() };
  } catch (error) {
    await database?.stop().catch(() => undefined);
    throw error;
  }
}
