import { loadConfig, type Env } from '@agora/config';
import { COMPOSE_NGINX_OPTIONS, SERVICE_NAMES, SERVICES } from '@agora/contracts';
import { getMetadataStorage } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlatformMetrics } from '@agora/runtime';
import { PlatformConfig } from './platform-config.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

const root = path.resolve(import.meta.dirname, '../../..');

interface ComposeService {
  readonly command?: readonly string[];
  readonly environment?: Record<string, string | number | boolean>;
  readonly volumes?: readonly string[];
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  'x-service': { build?: string };
  services: Record<string, ComposeService>;
};
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
    expect(flags).toContain('--max-semi-space-size=1');
    expect(environment).toContain('MALLOC_ARENA_MAX=2');

    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
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
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const targets = prometheus.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets),
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

  it('.env.template documents every variable a process reads', () => {
    const configClasses = [PlatformConfig, ...SERVICE_NAMES.map((name) => SERVICE_DEFINITIONS[name].config)];
    const missing = configClasses
      .flatMap(validatedVariables)
      .filter((variable) => !templateVariables.has(variable));
    expect(missing).toEqual([]);
  });
});
