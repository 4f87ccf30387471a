import { SERVICE_NAMES, type ServiceName } from '@agora/contracts';
import {
  createIsolatedDatabase,
  freePort,
  provisionAllServices,
  RELAXED_RATE_ZONES,
  run,
  serviceDatabaseUrl,
  startNginx,
  startProcess,
  waitForHttp,
  type ManagedProcess,
  type RunningNginx,
} from '@agora/testing';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const kafkaScript = path.join(root, 'infra/kafka/kafka.sh');

export interface DistributedPlatformOptions {
  /** The run's shared database URL; the platform gets a database of its own beside it. */
  readonly sharedUrl: string;
  /** Names the database, the work folder and the Redis prefix. */
  readonly name: string;
  /** Variables every service gets on top of the defaults. */
  readonly env?: Record<string, string>;
}

/**
 * The production shape on one machine, for suites that stop and kill its parts: each service its own process
 * and PostgreSQL role on a database of the suite's own, a real Kafka broker (its own port and data folder),
 * nginx with the generated config in front. Every incarnation of a service is kept for its logs.
 */
export class DistributedPlatform {
  readonly ports = {} as Record<ServiceName, number>;
  readonly services = {} as Record<ServiceName, ManagedProcess>;
  /** Every process each service ran as, oldest first (killed ones too). */
  readonly incarnations = Object.fromEntries(SERVICE_NAMES.map((name) => [name, []])) as unknown as Record<
    ServiceName,
    ManagedProcess[]
  >;
  gateway = '';
  brokers = '';
  adminUrl = '';
  private readonly work: string;
  private readonly kafkaEnv: Record<string, string>;
  private nginx?: RunningNginx;
  private dropDatabase?: () => Promise<void>;

  constructor(private readonly options: DistributedPlatformOptions) {
    this.work = path.join(root, '.data', `e2e-${options.name}-${process.pid}`);
    this.kafkaEnv = { KAFKA_DATA_DIR: path.join(this.work, 'kafka') };
  }

  async start(): Promise<void> {
    rmSync(this.work, { recursive: true, force: true });
    mkdirSync(this.work, { recursive: true });
    const database = await createIsolatedDatabase(
      this.options.sharedUrl,
      this.options.name.replace(/\W/g, '_'),
    );
    this.adminUrl = database.adminUrl;
    this.dropDatabase = database.drop;
    this.kafkaEnv.KAFKA_PORT = String(await freePort());
    this.kafkaEnv.KAFKA_CONTROLLER_PORT = String(await freePort());
    this.brokers = `127.0.0.1:${this.kafkaEnv.KAFKA_PORT}`;
    for (const name of SERVICE_NAMES) {
      this.ports[name] = await freePort();
    }
    await this.startBroker();
    await provisionAllServices(this.adminUrl);
    await run(process.execPath, [path.join(root, 'dist/apps/platform/src/migrate.js')], {
      ...Object.fromEntries(
        SERVICE_NAMES.map((name) => [
          `${name.toUpperCase()}_DATABASE_URL`,
          serviceDatabaseUrl(this.adminUrl, name),
        ]),
      ),
    });
    // Hundreds of requests a second from one address: the gateway's rate zones are relaxed here.
    this.nginx = await startNginx(
      this.work,
      Object.fromEntries(SERVICE_NAMES.map((name) => [name, `127.0.0.1:${this.ports[name]}`])) as Record<
        ServiceName,
        string
      >,
      RELAXED_RATE_ZONES,
    );
    this.gateway = this.nginx.url;
    await Promise.all(SERVICE_NAMES.map((name) => this.startService(name)));
    await waitForHttp(`${this.gateway}/api/health`, 200, 60_000);
  }

  /** Variables of one service's process. */
  serviceEnv(name: ServiceName): Record<string, string> {
    return {
      HOST: '127.0.0.1',
      PORT: String(this.ports[name]),
      METRICS_PORT: '0',
      DATABASE_URL: serviceDatabaseUrl(this.adminUrl, name),
      BUS: 'kafka',
      KAFKA_BROKERS: this.brokers,
      OUTBOX_POLL_INTERVAL_MS: '200',
      LOG_LEVEL: 'info',
      JWKS_URL: `http://127.0.0.1:${this.ports.auth}/.well-known/jwks.json`,
      CATALOG_URL: `http://127.0.0.1:${this.ports.catalog}`,
      MEDIA_URL: `http://127.0.0.1:${this.ports.media}`,
      PUBLIC_URL: this.gateway,
      MAIL_DIR: path.join(this.work, 'mail'),
      MEDIA_DIR: path.join(this.work, 'media'),
      ...this.options.env,
    };
  }

  /** Starts (or restarts) a service's process; resolves once it answers /health (live, not yet ready). */
  async startService(name: ServiceName, until: 'live' | 'ready' = 'ready'): Promise<void> {
    const service = startProcess(
      path.join(root, `dist/apps/${name}-service/src/main.js`),
      this.serviceEnv(name),
    );
    this.services[name] = service;
    this.incarnations[name].push(service);
    await waitForHttp(
      `http://127.0.0.1:${this.ports[name]}/health${until === 'ready' ? '/ready' : ''}`,
      200,
      90_000,
      service,
    );
  }

  /** SIGKILL: no shutdown hooks, no flush; in-flight transactions roll back, offsets stay uncommitted. */
  async kill(name: ServiceName): Promise<void> {
    await this.services[name].stop('SIGKILL');
  }

  async startBroker(): Promise<void> {
    await run('bash', [kafkaScript, 'start'], this.kafkaEnv);
  }

  /** Stops the broker: `graceful` as `npm run kafka:stop` does, `kill` with SIGKILL (log recovery at start). */
  async stopBroker(how: 'graceful' | 'kill'): Promise<void> {
    if (how === 'graceful') {
      await run('bash', [kafkaScript, 'stop'], this.kafkaEnv);
      return;
    }
    const pidFile = path.join(this.kafkaEnv.KAFKA_DATA_DIR, 'kafka.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && alive(pid)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Everything a service printed, over all its incarnations. */
  output(name: ServiceName): string {
    return this.incarnations[name].map((service) => service.output()).join('\n');
  }

  /** Stops everything it started, each part whatever became of the others. */
  async close(): Promise<void> {
    try {
      // Services first, gracefully or SIGKILL after 15 s: nginx's graceful quit waits for requests in flight
      // to them, and a suite that failed may have left one stuck.
      await Promise.all(
        Object.values(this.services).map((service) =>
          Promise.race([service.stop(), sleep(15_000).then(() => service.stop('SIGKILL'))]),
        ),
      );
      await this.nginx?.stop();
    } finally {
      if (existsSync(this.kafkaEnv.KAFKA_DATA_DIR)) {
        await run('bash', [kafkaScript, 'stop'], this.kafkaEnv).catch(() => undefined);
      }
      await this.dropDatabase?.().catch(() => undefined);
      rmSync(this.work, { recursive: true, force: true });
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
