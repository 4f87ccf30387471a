import { loadConfig, type Env } from '@agora/config';
import {
  COMPOSE_NGINX_OPTIONS,
  GATEWAY_ROUTES,
  renderNginxConf,
  SERVICE_NAMES,
  SERVICES,
} from '@agora/contracts';
import { TopicsConfig } from '@agora/messaging';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlatformMetrics } from '@agora/runtime';
import { PlatformConfig } from './platform-config.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const root = path.resolve(import.meta.dirname, '../../..');

interface ComposeService {
  readonly build?: string | { readonly context?: string; readonly target?: string };
  readonly image?: string;
  readonly restart?: string;
  readonly command?: readonly string[];
  readonly environment?: Record<string, string | number | boolean>;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  readonly deploy?: { readonly replicas?: number };
  readonly healthcheck?: { readonly test?: readonly string[]; readonly disable?: boolean };
  readonly depends_on?: readonly string[] | Record<string, { condition: string }>;
}

interface ComposeFile {
  'x-service': { build?: string };
  services: Record<string, ComposeService>;
}

const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
/** The Dockerfile's stage `AS name`, from its FROM line up to the next stage. */
function dockerStage(name: string): string {
  const start = dockerfile.search(new RegExp(`^FROM \\S+ AS ${name}$`, 'm'));
  expect(start, `the Dockerfile has no stage ${name}`).toBeGreaterThanOrEqual(0);
  const next = dockerfile.indexOf('\nFROM ', start + 1);
  return dockerfile.slice(start, next === -1 ? undefined : next + 1);
}

const readCompose = (file: string): ComposeFile =>
  parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as ComposeFile;
const compose = readCompose('docker-compose.yml');
const override = readCompose('compose.override.yml');

/**
 * `docker compose up`'s merge of compose.override.yml over docker-compose.yml, for the keys these files use:
 * mappings merge key by key (environment, deploy, depends_on), `ports` and `volumes` add to the base's, any
 * other value (command, healthcheck test) replaces it.
 */
function mergeService(base: ComposeService, over: ComposeService): ComposeService {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over) as [string, unknown][]) {
    const current = merged[key];
    if ((key === 'ports' || key === 'volumes') && Array.isArray(current) && Array.isArray(value)) {
      merged[key] = [...(current as unknown[]), ...(value as unknown[])];
    } else if (isMapping(current) && isMapping(value)) {
      merged[key] = { ...current, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const appServices = SERVICE_NAMES.map((name) => `${name}-service`);
const replicasOf = (service: ComposeService): number => service.deploy?.replicas ?? 1;
const conditionOf = (service: ComposeService, dependency: string): string | undefined =>
  Array.isArray(service.depends_on)
    ? service.depends_on.includes(dependency)
      ? 'service_started'
      : undefined
    : (service.depends_on as Record<string, { condition: string }> | undefined)?.[dependency]?.condition;
const envTemplate = readFileSync(path.join(root, '.env.template'), 'utf8');
const templateVariables = new Set(
  envTemplate
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

/** What an operator's .env must give compose: variables written `${NAME:?message}` (no default). */
const DOT_ENV: Readonly<Record<string, string>> = {
  CSRF_SECRET: 'a-csrf-secret-from-the-operators-dot-env',
  PAYMENT_WEBHOOK_SECRET: 'a-webhook-secret-from-the-operators-dot-env',
};

/**
 * Compose's `${NAME:-default}` resolved to its default, as `docker compose up` without a .env does, and
 * `${NAME:?message}` (required) to the value in DOT_ENV; a required variable missing there fails.
 */
function composeEnvironment(service: ComposeService): Env {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      String(value)
        .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')
        .replace(/\$\{([A-Z0-9_]+):\?[^}]*\}/g, (_match, variable: string) => {
          const given = DOT_ENV[variable];
          if (given === undefined) {
            throw new Error(`compose requires ${variable}, which DOT_ENV in this test lacks`);
          }
          return given;
        }),
    ]),
  );
}

/** Variables a config class must be given: validated, no default, not @IsOptional/@ValidateIf. */
function requiredVariables(configClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  const defaults = new configClass() as Record<string, unknown>;
  return validatedVariables(configClass).filter(
    (variable) =>
      defaults[variable] === undefined &&
      !metadata.some(
        (entry) => entry.propertyName === variable && entry.type === ValidationTypes.CONDITIONAL_VALIDATION,
      ),
  );
}

function validatedVariables(configClass: new () => object): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(configClass, '', true, false)
        .map((metadata) => metadata.propertyName),
    ),
  ];
}

/** docker-compose.yml and .env.template cannot run here (no Docker engine); this keeps them in step with the code. */
describe('production shape', () => {
  it.each(SERVICE_NAMES)('compose runs %s-service with a configuration it accepts', (name) => {
    const service = compose.services[`${name}-service`];
    expect(service, `docker-compose.yml lacks ${name}-service`).toBeDefined();
    expect(service.command).toContain(`dist/apps/${name}-service/src/main.js`);
    expect(existsSync(path.join(root, `apps/${name}-service/src/main.ts`))).toBe(true);
    const config = loadConfig(SERVICE_DEFINITIONS[name].config, composeEnvironment(service));
    expect(config.PORT).toBe(SERVICES[name].port);
    expect(config.BUS).toBe('kafka');
    expect(COMPOSE_NGINX_OPTIONS.upstreams[name]).toBe(`${name}-service:${SERVICES[name].port}`);
  });

  it('compose, the Dockerfile, `npm run start:service` and the bench run each service with the same node settings', () => {
    // The V8 flags and malloc setting that keep an idle service small (README, "Memory") only count where the
    // services really run.
    const flagsOf = (command: readonly string[], script: string): string[] => {
      expect(command[0]).toBe('node');
      expect(command.at(-1)).toBe(script);
      return command.slice(1, -1);
    };
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const startService = packageJson.scripts['start:service'].split(' ');
    const node = startService.indexOf('node');
    const environment = startService.slice(0, node);
    const flags = flagsOf(startService.slice(node), 'dist/apps/$SERVICE-service/src/main.js');
    // V8's own young generation: capped at 1 MB semi-spaces, an idle service was no smaller and one under load
    // served a third fewer feed pages at twice the RSS (README, "Memory").
    expect(flags.filter((flag) => flag.startsWith('--max-semi-space-size'))).toEqual([]);
    expect(environment).toContain('MALLOC_ARENA_MAX=2');

    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const dockerCmd = /^CMD (\[.*\])$/m.exec(runtimeStage)?.[1];
    expect(flagsOf(JSON.parse(dockerCmd ?? '[]') as string[], 'dist/apps/auth-service/src/main.js')).toEqual(
      flags,
    );
    for (const variable of environment) {
      // The image's ENV reaches every service compose runs from it.
      expect(runtimeStage).toContain(`\nENV ${variable}\n`);
    }
    for (const name of SERVICE_NAMES) {
      const command = compose.services[`${name}-service`].command ?? [];
      expect(flagsOf(command, `dist/apps/${name}-service/src/main.js`), `${name}-service`).toEqual(flags);
    }
    expect(compose['x-service'].build).toBe('.');
    expect(readFileSync(path.join(root, 'bench/bench.ts'), 'utf8')).toContain("scripts['start:service']");
  });

  it('compose gives every service the shared web-session and Redis settings, the CSRF secret only from .env', () => {
    for (const name of SERVICE_NAMES) {
      const service = compose.services[`${name}-service`];
      expect(String(service.environment?.CSRF_SECRET)).toMatch(/^\$\{CSRF_SECRET:\?/);
      const env = composeEnvironment(service);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.PUBLIC_URL).toBe('http://localhost:8080');
      expect(env.NODE_ENV).toBe('production');
    }
    // Production refuses to start on the development CSRF secret.
    const auth = composeEnvironment(compose.services['auth-service']);
    expect(() => loadConfig(SERVICE_DEFINITIONS.auth.config, { ...auth, CSRF_SECRET: '' })).toThrow(
      /CSRF_SECRET/,
    );
    expect(() => loadConfig(SERVICE_DEFINITIONS.auth.config, { ...auth, CSRF_SECRET: 'short' })).toThrow(
      /CSRF_SECRET/,
    );
  });

  it('compose sends every service’s traces to its Jaeger over OTLP/HTTP, each under its own service name', () => {
    expect(compose.services.jaeger, 'docker-compose.yml lacks jaeger').toBeDefined();
    for (const name of SERVICE_NAMES) {
      const env = composeEnvironment(compose.services[`${name}-service`]);
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
      expect(env.OTEL_SERVICE_NAME).toBeUndefined();
      const config = loadConfig(SERVICE_DEFINITIONS[name].config, env);
      expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    }
  });

  it('compose mounts the generated nginx config and runs migrations with every service URL', () => {
    expect(compose.services.nginx.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(compose.services.nginx.volumes).toContain(
      `./nginx/gateway-health.js:${COMPOSE_NGINX_OPTIONS.njsDir}/gateway-health.js:ro`,
    );
    const migrate = composeEnvironment(compose.services.migrate);
    for (const name of SERVICE_NAMES) {
      expect(migrate[`${name.toUpperCase()}_DATABASE_URL`]).toMatch(
        new RegExp(`^postgres://agora_${SERVICES[name].schema}:`),
      );
    }
  });

  it("compose's Kafka keeps its log in the mounted volume, with server.properties' retention", () => {
    const kafka = compose.services.kafka;
    const environment = composeEnvironment(kafka);
    const logDirs = environment.KAFKA_LOG_DIRS;
    expect(logDirs, 'KAFKA_LOG_DIRS unset: apache/kafka writes to /tmp/kraft-combined-logs').toBeDefined();
    const mounts = (kafka.volumes ?? []).map((volume) => volume.split(':')[1]);
    for (const directory of (logDirs ?? '').split(',')) {
      expect(
        mounts.some((mount) => directory === mount || directory.startsWith(`${mount}/`)),
        `${directory} is not on a mounted volume (${mounts.join(', ')})`,
      ).toBe(true);
    }
    // Every retention and segment setting of the local broker, as the image's KAFKA_<NAME> variables.
    const properties = readFileSync(path.join(root, 'infra/kafka/server.properties'), 'utf8')
      .split('\n')
      .map((line) => /^(log\.(?:retention|segment|cleanup)[\w.]*)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null);
    expect(properties.length).toBeGreaterThan(0);
    for (const [, name, value] of properties) {
      const variable = `KAFKA_${name.replaceAll('.', '_').toUpperCase()}`;
      expect(environment[variable], `${variable} (server.properties ${name}=${value})`).toBe(value);
    }
    // Topics come from the same script as `npm run kafka:topics`.
    expect(compose.services['kafka-init'].command).toContain('dist/libs/messaging/src/create-topics.js');
    expect(existsSync(path.join(root, 'libs/messaging/src/create-topics.ts'))).toBe(true);
  });

  it('Prometheus in compose scrapes every service on the metrics port it listens on inside the network', () => {
    const prometheus = parse(readFileSync(path.join(root, 'infra/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: {
        static_configs?: { targets: string[] }[];
        dns_sd_configs?: { names: string[]; type: string; port: number }[];
      }[];
    };
    // A static target reaches one replica per scrape: DNS discovery (type A) lists every replica's address.
    expect(prometheus.scrape_configs.flatMap((job) => job.static_configs ?? [])).toEqual([]);
    const targets = prometheus.scrape_configs.flatMap((job) =>
      (job.dns_sd_configs ?? []).flatMap((group) => {
        expect(group.type).toBe('A');
        return group.names.map((name) => `${name}:${group.port}`);
      }),
    );
    const expected = SERVICE_NAMES.map((name) => {
      const config = loadConfig(
        SERVICE_DEFINITIONS[name].config,
        composeEnvironment(compose.services[`${name}-service`]),
      );
      // Reachable from Prometheus's container, never published on the host.
      expect(config.METRICS_HOST, name).toBe('0.0.0.0');
      expect(JSON.stringify(compose.services[`${name}-service`]), name).not.toContain(
        `${config.METRICS_PORT}:`,
      );
      return `${name}-service:${config.METRICS_PORT}`;
    });
    expect(targets.sort()).toEqual(expected.sort());
    expect(compose.services.prometheus.volumes).toContain(
      './infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
  });

  it("Grafana's committed dashboard charts only metrics the services serve", async () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(root, 'infra/grafana/dashboards/agora.json'), 'utf8'),
    ) as {
      panels: { targets: { expr: string }[] }[];
    };
    const served = (await new PlatformMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name);
    const names = new Set(
      dashboard.panels
        .flatMap((panel) => panel.targets.map((target) => target.expr))
        .flatMap((expr) => expr.match(/\b[a-z_]+(?=[{[ ]|$)/g) ?? [])
        .filter((word) => /_(total|seconds|bucket|events|messages|connections)$/.test(word)),
    );
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) {
      const base = name.replace(/_(bucket|sum|count)$/, '');
      expect(served, `${name} is charted but not served`).toContain(served.includes(name) ? name : base);
    }
  });

  it('compose runs at least two replicas of every service the route table names, each with a readiness check', () => {
    const routed = new Set(GATEWAY_ROUTES.map((route) => `${route.service}-service`));
    expect([...routed].sort()).toEqual([...appServices].sort());
    for (const name of appServices) {
      const service = compose.services[name];
      expect(replicasOf(service), `${name} replicas`).toBeGreaterThanOrEqual(2);
      // Replicas cannot share a host port or a fixed container name.
      expect(service.ports ?? [], `${name} publishes a port`).toEqual([]);
      expect(service, name).not.toHaveProperty('container_name');
      expect(service.healthcheck?.test?.join(' '), name).toContain("process.env.PORT+'/health/ready'");
      expect(conditionOf(service, 'redis'), `${name} waits for a healthy Redis`).toBe('service_healthy');
      expect(conditionOf(compose.services.nginx, name), `nginx waits for a healthy ${name}`).toBe(
        'service_healthy',
      );
    }
    // Readiness is served where the healthcheck asks for it.
    const health = readFileSync(path.join(root, 'libs/runtime/src/health.controller.ts'), 'utf8');
    expect(health).toContain("@Controller('health')");
    expect(health).toContain("@Get('ready')");
  });

  it('compose health-checks every long-running container and disables the image check on one-shot jobs', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.restart === undefined) {
        // migrate and kafka-init run once and exit: services wait for them to complete, not to be healthy.
        expect(name).toMatch(/^(migrate|kafka-init)$/);
        expect(service.healthcheck?.disable, name).toBe(true);
      } else {
        expect(service.healthcheck?.test?.length ?? 0, `${name} has no healthcheck`).toBeGreaterThan(1);
        expect(service.healthcheck?.disable, name).not.toBe(true);
      }
    }
  });

  it('nginx reaches every replica: upstreams re-resolved through compose DNS, kept alive, failures skipped', () => {
    const conf = renderNginxConf(COMPOSE_NGINX_OPTIONS);
    expect(readFileSync(path.join(root, 'nginx/nginx.conf'), 'utf8')).toBe(conf);
    // Docker's embedded DNS answers a service name with every replica's address.
    expect(COMPOSE_NGINX_OPTIONS.resolver).toBe('127.0.0.11');
    expect(conf).toMatch(/\n {2}resolver 127\.0\.0\.11 valid=\d+s/);
    for (const name of SERVICE_NAMES) {
      const upstream = new RegExp(`upstream ${name}_service \\{\\n([^}]*)\\}`).exec(conf)?.[1] ?? '';
      const host = `${name}-service`;
      expect(compose.services[host], host).toBeDefined();
      expect(upstream, name).toContain(`zone ${name}_service `);
      expect(upstream, name).toMatch(
        new RegExp(`server ${host}:${SERVICES[name].port} max_fails=\\d+ fail_timeout=\\d+s resolve;`),
      );
      expect(upstream, name).toMatch(/keepalive \d+;/);
      expect(conf, `no route reaches ${name}`).toContain(`proxy_pass http://${name}_service/`);
    }
    // Upstreams keep connections only over HTTP/1.1 without "Connection: close".
    expect(conf).toContain('proxy_http_version 1.1;');
    expect(conf).toContain('proxy_set_header Connection "";');
    // `server … resolve` outside NGINX Plus came with nginx 1.27.3; compose's nginx is the Dockerfile's `web` stage.
    const web = dockerStage('web');
    const version = /^FROM nginx:(\d+)\.(\d+)\.(\d+) AS web$/m.exec(web);
    expect(version, `pin nginx to a full version in the web stage: ${web.split('\n')[0]}`).not.toBeNull();
    const [major, minor, patch] = (version ?? []).slice(1).map(Number);
    expect(major * 1_000_000 + minor * 1000 + patch).toBeGreaterThanOrEqual(1_027_003);
  });

  it("nginx serves the web app's build from the image's web stage, at / with index.html for deep links", () => {
    const { webRoot } = COMPOSE_NGINX_OPTIONS;
    expect(compose.services.nginx.build).toEqual({ context: '.', target: 'web' });
    // Its own tag: a build tagged nginx:<version> would shadow the official image.
    expect(compose.services.nginx.image).not.toMatch(/^nginx:/);
    // The build stage builds the web app too (scripts/build.mjs), which imports the generated client.
    const build = dockerStage('build');
    for (const folder of ['apps', 'libs', 'clients', 'scripts']) {
      expect(build, `the build stage lacks ${folder}/`).toContain(`\nCOPY ${folder} ./${folder}\n`);
    }
    expect(build).toMatch(/\nRUN node scripts\/build\.mjs/);
    expect(dockerStage('web')).toContain(`\nCOPY --from=build /app/dist/web ${webRoot}\n`);
    // The generated config serves that folder, and /api stays the API's.
    const conf = renderNginxConf(COMPOSE_NGINX_OPTIONS);
    const site = /\n {4}location \/ \{\n([\s\S]*?)\n {4}\}\n/.exec(conf)?.[1] ?? '';
    expect(site).toContain(`root ${webRoot};`);
    expect(site).toContain('try_files $uri /index.html;');
    expect(site).toContain('gzip on;');
    expect(site).toMatch(
      /location \^~ \/assets\/ \{[^}]*Cache-Control "public, max-age=31536000, immutable";/,
    );
    expect(conf).toMatch(/location \/api\/ \{[^}]*return 404 [^}]*"code":"NOT_FOUND"/);
    // Development (compose.override.yml) serves the host's build over the image's, as the services run dist/.
    const nginx = mergeService(compose.services.nginx, override.services.nginx ?? {});
    expect(nginx.volumes).toContain(`./dist/web:${webRoot}:ro`);
    expect(nginx.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it("kafka-init gives every topic at least as many partitions as any service's replicas", () => {
    const topics = loadConfig(TopicsConfig, composeEnvironment(compose.services['kafka-init']));
    expect(topics.KAFKA_BROKERS).toEqual(['kafka:9092']);
    const most = Math.max(...appServices.map((name) => replicasOf(compose.services[name])));
    // A consumer group gives each partition to one member: a replica beyond the partitions would sit idle.
    expect(topics.KAFKA_TOPIC_PARTITIONS).toBeGreaterThanOrEqual(most);
    for (const name of SERVICE_NAMES) {
      expect(composeEnvironment(compose.services[`${name}-service`]).KAFKA_BROKERS).toBe('kafka:9092');
    }
  });

  it("PostgreSQL in compose accepts every replica's pool and relay connection at once", () => {
    const command = compose.services.postgres.command ?? [];
    const setting = command.find((part) => part.startsWith('max_connections='));
    const maxConnections = Number(setting?.split('=')[1] ?? 100);
    const used = SERVICE_NAMES.reduce((sum, name) => {
      const service = compose.services[`${name}-service`];
      const config = loadConfig(SERVICE_DEFINITIONS[name].config, composeEnvironment(service));
      // The pool, and the outbox relay's own client that listens for new rows.
      return sum + replicasOf(service) * (config.DATABASE_POOL_SIZE + 1);
    }, 0);
    // Room for migrate, a dump and psql besides PostgreSQL's 3 superuser-reserved connections.
    expect(
      used + 10,
      `replicas need ${used} connections, max_connections is ${maxConnections}`,
    ).toBeLessThanOrEqual(maxConnections - 3);
  });

  it.each(SERVICE_NAMES)(
    'compose gives %s-service only variables its config reads, and every one it requires',
    (name) => {
      const configClass = SERVICE_DEFINITIONS[name].config;
      // Validated, or read with a default.
      const known = new Set([...validatedVariables(configClass), ...Object.keys(new configClass())]);
      for (const file of [compose, override]) {
        const environment = Object.keys(file.services[`${name}-service`]?.environment ?? {});
        expect(
          environment.filter((variable) => !known.has(variable)),
          'compose sets variables the service never reads',
        ).toEqual([]);
      }
      const given = composeEnvironment(compose.services[`${name}-service`]);
      const required = requiredVariables(configClass);
      expect(required).toContain('DATABASE_URL');
      expect(required.filter((variable) => !given[variable])).toEqual([]);
    },
  );

  it('compose.override.yml turns the production shape into a development one', () => {
    for (const name of Object.keys(override.services)) {
      expect(compose.services[name], `compose.override.yml overrides unknown ${name}`).toBeDefined();
    }
    for (const name of SERVICE_NAMES) {
      const host = `${name}-service`;
      const service = mergeService(compose.services[host], override.services[host]);
      expect(replicasOf(service), host).toBe(1);
      const config = loadConfig(SERVICE_DEFINITIONS[name].config, composeEnvironment(service));
      expect(config.LOG_LEVEL).toBe('debug');
      expect(config.PORT).toBe(SERVICES[name].port);
      // Its HTTP port on loopback only; metrics stay inside the network.
      expect(service.ports).toContain(`127.0.0.1:${SERVICES[name].port}:${SERVICES[name].port}`);
      for (const port of service.ports ?? []) {
        expect(port, host).toMatch(/^127\.0\.0\.1:/);
        expect(port, host).not.toContain(`:${config.METRICS_PORT}`);
      }
      // The host's build runs in the container; the node settings stay those of production.
      expect(service.volumes).toContain('./dist:/app/dist:ro');
      const command = service.command ?? [];
      expect(command.at(-1)).toBe(`dist/apps/${name}-service/src/main.js`);
      for (const flag of compose.services[host].command?.slice(1, -1) ?? []) {
        expect(command, host).toContain(flag);
      }
    }
    const exposed = Object.values(override.services).flatMap((service) => service.ports ?? []);
    const hostPorts = exposed.map((port) => port.split(':').slice(0, 2).join(':'));
    expect(new Set(hostPorts).size, 'two containers on one host port').toBe(hostPorts.length);
  });

  it('.env.template documents every variable a process reads', () => {
    const configClasses = [
      PlatformConfig,
      TopicsConfig,
      ...SERVICE_NAMES.map((name) => SERVICE_DEFINITIONS[name].config),
    ];
    const missing = configClasses
      .flatMap(validatedVariables)
      .filter((variable) => !templateVariables.has(variable));
    expect(missing).toEqual([]);
  });
});
