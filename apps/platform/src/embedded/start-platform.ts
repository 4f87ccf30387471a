import { createLogger } from '@agora/logging';
import { loadConfig, type Env } from '@agora/config';
import { startService, type RunningService } from '@agora/runtime';
import { SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import { ensureTopics, MemoryBus } from '@agora/messaging';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { createNodeGateway } from '../gateway/node-gateway.js';
import { PlatformConfig } from '../platform-config.js';
import { SERVICE_DEFINITIONS } from '../service-definitions.js';
import { openPlatformDatabase, type PlatformDatabase } from './platform-database.js';
import { loadOrCreateSecrets } from './platform-secrets.js';

export interface RunningPlatform {
  readonly gatewayUrl: string;
  /** Superuser URL of the platform's database. */
  readonly databaseUrl: string;
  readonly services: Readonly<Record<ServiceName, RunningService>>;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * The whole platform in one process: PostgreSQL (embedded unless DATABASE_URL), a role and schema per
 * service with migrations applied, the five apps on the in-process bus (or Kafka when KAFKA_BROKERS),
 * and the Node gateway with nginx's route table on GATEWAY_HOST:GATEWAY_PORT.
 */
export async function startPlatform(env: Env): Promise<RunningPlatform> {
  const config = loadConfig(PlatformConfig, env);
  const logger = createLogger('platform', config.LOG_LEVEL);
  let database: PlatformDatabase | undefined;
  const started: RunningService[] = [];
  let memoryBus: MemoryBus | undefined;
  try {
    database = await openPlatformDatabase(config, logger);
    const { targets } = database;

    // Embedded defaults a variable in env still overrides: mail and media on disk under DATA_DIR, links to the
    // gateway (plain http, so cookies without Secure), a CSRF secret kept in DATA_DIR.
    const { csrfSecret } = loadOrCreateSecrets(
      config.DATA_DIR,
      SERVICE_NAMES.map((name) => SERVICES[name].schema),
    );
    const serviceDefaults: Env = {
      MAIL_DIR: path.join(config.DATA_DIR, 'mail'),
      MEDIA_DIR: path.join(config.DATA_DIR, 'media'),
      PUBLIC_URL: `http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}`,
      CSRF_SECRET: csrfSecret,
    };
    const kafkaBrokers = config.KAFKA_BROKERS ?? [];
    if (kafkaBrokers.length > 0) {
      await ensureTopics(kafkaBrokers);
    } else {
      memoryBus = new MemoryBus(logger.child({ component: 'bus' }), { maxAttempts: 5, baseDelayMs: 200 });
    }
    const startOne = async (target: (typeof targets)[number], extra: Env = {}) => {
      const service = await startService(SERVICE_DEFINITIONS[target.name], {
        env: {
          ...serviceDefaults,
          ...env,
          HOST: '127.0.0.1',
          PORT: '0',
          DATABASE_URL: target.url,
          MIGRATIONS_RUN: 'true',
          BUS: memoryBus ? 'memory' : 'kafka',
          KAFKA_BROKERS: kafkaBrokers.join(','),
          ...extra,
        },
        ...(memoryBus ? { bus: memoryBus } : {}),
      });
      started.push(service);
      return [target.name, service] as const;
    };
    // auth-service first: the others verify access tokens against its JWKS.
    const auth = await startOne(targets.find((target) => target.name === 'auth')!);
    const jwksUrl = `${auth[1].url}/.well-known/jwks.json`;
    const services = [
      auth,
      ...(await Promise.all(
        targets
          .filter((target) => target.name !== 'auth')
          .map((target) => startOne(target, { JWKS_URL: jwksUrl })),
      )),
    ];
    memoryBus?.open();
    const byName = Object.fromEntries(services) as Record<ServiceName, RunningService>;
    const gateway = createNodeGateway(
      Object.fromEntries(services.map(([name, service]) => [name, service.url])) as Record<
        ServiceName,
        string
      >,
      logger,
    );
    await new Promise<void>((resolve, reject) => {
      gateway.once('error', reject);
      gateway.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve);
    });
    const { port } = gateway.address() as AddressInfo;
    const gatewayUrl = `http://${config.GATEWAY_HOST}:${port}`;

    return {
      gatewayUrl,
      databaseUrl: database.adminUrl,
      services: byName,
      logger,
      async close() {
        gateway.closeAllConnections();
        await new Promise<void>((resolve) => gateway.close(() => resolve()));
        await Promise.all(started.map((service) => service.close()));
        await memoryBus?.close();
        await database?.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.close()));
    await database?.close().catch(() => undefined);
    throw error;
  }
}
