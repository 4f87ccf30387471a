import { createLogger, Tracing } from '@agora/logging';
import { loadConfig, type Env } from '@agora/config';
import type { MetricsServer, RunningService } from '@agora/runtime';
import { API_PREFIX, SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import type { MemoryBus } from '@agora/messaging';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { createNodeGateway } from '../gateway/node-gateway.js';
import { PlatformConfig } from '../platform-config.js';
import type { PlatformDatabase } from './platform-database.js';
import { loadOrCreateSecrets } from './platform-secrets.js';

/** The services others read at their own address (service to service), and the variable that names it. */
const ADDRESS_VARIABLES = { catalog: 'CATALOG_URL', media: 'MEDIA_URL' } as const;
type ReadService = keyof typeof ADDRESS_VARIABLES;

/**
 * Who reads whom: social and order rebuild their copies from catalog's snapshots, catalog and social read a
 * media whose upload event has not reached them yet from media-service.
 */
const READS: Readonly<Partial<Record<ServiceName, readonly ReadService[]>>> = {
  social: ['catalog', 'media'],
  order: ['catalog'],
  catalog: ['media'],
};

export interface RunningPlatform {
  readonly gatewayUrl: string;
  /** `GET /metrics` of every service, by their `service` label. */
  readonly metricsUrl: string;
  /** Superuser URL of the platform's database. */
  readonly databaseUrl: string;
  readonly services: Readonly<Record<ServiceName, RunningService>>;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * The whole platform in one process: PostgreSQL (embedded unless DATABASE_URL), a role and schema per
 * service with migrations applied, the five apps on the in-process bus (or Kafka when KAFKA_BROKERS),
 * and the Node gateway with nginx's route table and the web app (WEB_ROOT) on GATEWAY_HOST:GATEWAY_PORT.
 */
export async function startPlatform(env: Env): Promise<RunningPlatform> {
  const config = loadConfig(PlatformConfig, env);
  const logger = createLogger('platform', config.LOG_LEVEL);
  // The services' code (Nest, TypeORM, the five apps: most of start-up's time) loads while PostgreSQL starts
  // and the schemas are provisioned, instead of before.
  const opening = import('./platform-database.js').then(({ openPlatformDatabase }) =>
    openPlatformDatabase(config, logger),
  );
  const loading = Promise.all([
    import('@agora/runtime'),
    import('@agora/messaging'),
    import('../service-definitions.js'),
  ]);
  // Awaited below; until then a failure of either is not an unhandled rejection.
  opening.catch(() => undefined);
  loading.catch(() => undefined);
  let database: PlatformDatabase | undefined;
  const started: RunningService[] = [];
  let memoryBus: MemoryBus | undefined;
  let metricsServer: MetricsServer | undefined;
  // The gateway listens first, on a route table the services join as they start: its port is known (and
  // taken) before any service starts, and the services reach auth's JWKS through it, so all five start at once.
  const upstreams: Partial<Record<ServiceName, string>> = {};
  // In this one process the gateway hands each request to the service's own HTTP server (no loopback hop).
  const inProcess: Partial<Record<ServiceName, http.Server>> = {};
  // The gateway's own spans (`gateway`), the first of each trace; each service names its own below.
  const tracing = await Tracing.start({
    serviceName: config.OTEL_SERVICE_NAME,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
    exportDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
  });
  const gateway = createNodeGateway(upstreams, logger, tracing, {
    webRoot: path.resolve(config.WEB_ROOT),
    inProcess,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      gateway.once('error', reject);
      gateway.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve);
    });
    const { port } = gateway.address() as AddressInfo;
    const gatewayUrl = `http://${config.GATEWAY_HOST}:${port}`;
    const [
      [
        { startService, PlatformMetrics, startMetricsServer },
        { ensureTopics, MemoryBus },
        { SERVICE_DEFINITIONS },
      ],
      opened,
    ] = await Promise.all([loading, opening]);
    const metrics = new PlatformMetrics();
    metricsServer = await startMetricsServer(metrics, config.METRICS_HOST, config.METRICS_PORT);
    database = opened;
    const { targets } = database;
    if (config.DEMO && (await catalogIsEmpty(database.adminUrl))) {
      // Before the services start: they find the demo data and its events on their first look.
      const { seedPlatform } = await import('./seed-platform.js');
      logger.info({ items: config.DEMO_ITEMS }, 'DEMO: seeding the empty catalog and the demo accounts');
      await seedPlatform(targets, SERVICE_DEFINITIONS, { items: config.DEMO_ITEMS, reset: false }, (line) =>
        logger.info(`seed ${line}`),
      );
    }

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
    const bus = memoryBus;
    const jwksUrl = `${gatewayLoopbackUrl(config.GATEWAY_HOST, port)}${API_PREFIX}/.well-known/jwks.json`;
    // A service another one reads (READS) is known at its own address once it listens; the reader waits for it.
    const listening = new Map<ServiceName, (url: string) => void>();
    const addressOf = new Map(
      targets.map((target) => [
        target.name,
        new Promise<string>((resolve) => listening.set(target.name, resolve)),
      ]),
    );
    const services = await Promise.all(
      targets.map(async (target) => {
        const addresses: Record<string, string> = {};
        for (const read of READS[target.name] ?? []) {
          const url = await addressOf.get(read);
          if (url) {
            addresses[ADDRESS_VARIABLES[read]] = url;
          }
        }
        const service = await startService(SERVICE_DEFINITIONS[target.name], {
          env: {
            ...serviceDefaults,
            ...env,
            ...addresses,
            JWKS_URL: jwksUrl,
            HOST: '127.0.0.1',
            PORT: '0',
            DATABASE_URL: target.url,
            MIGRATIONS_RUN: 'true',
            BUS: bus ? 'memory' : 'kafka',
            OTEL_SERVICE_NAME: `${target.name}-service`,
            KAFKA_BROKERS: kafkaBrokers.join(','),
          },
          ...(bus ? { bus } : {}),
          metrics,
        });
        started.push(service);
        upstreams[target.name] = service.url;
        inProcess[target.name] = service.app.getHttpServer() as http.Server;
        listening.get(target.name)?.(service.url);
        return [target.name, service] as const;
      }),
    );
    memoryBus?.open();

    return {
      gatewayUrl,
      metricsUrl: metricsServer.url,
      databaseUrl: database.adminUrl,
      services: Object.fromEntries(services) as Record<ServiceName, RunningService>,
      logger,
      async close() {
        gateway.closeAllConnections();
        await new Promise<void>((resolve) => gateway.close(() => resolve()));
        await Promise.all(started.map((service) => service.close()));
        await memoryBus?.close();
        await metricsServer?.close();
        await database?.close();
        await tracing.shutdown();
      },
    };
  } catch (error) {
    gateway.closeAllConnections();
    gateway.close();
    await Promise.allSettled(started.map((service) => service.close()));
    await metricsServer?.close();
    await tracing.shutdown().catch(() => undefined);
    // A failure before the database opened leaves it opening: it is stopped once open.
    await (database ?? (await opening.catch(() => undefined)))?.close().catch(() => undefined);
    throw error;
  }
}

/** Whether catalog has no item yet (or no tables yet: a first start). */
async function catalogIsEmpty(adminUrl: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const table = `${client.escapeIdentifier(SERVICES.catalog.schema)}.search_documents`;
    const { rows } = await client.query<{ present: string | null }>(`SELECT to_regclass($1) AS present`, [
      table,
    ]);
    if (rows[0].present === null) {
      return true;
    }
    const items = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
    return items.rowCount === 0;
  } finally {
    await client.end();
  }
}

/** The gateway as this process reaches it (a wildcard address is reached on loopback). */
function gatewayLoopbackUrl(host: string, port: number): string {
  const reachable =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
