import { createLogger } from '@agora/logging';
import { startService, type RunningService, type ServiceDefinition } from '@agora/runtime';
import { MemoryBus } from '@agora/messaging';
import { serviceDatabaseUrl } from './test-database.js';

export interface InProcessServices {
  readonly services: Record<string, RunningService>;
  readonly bus: MemoryBus;
  close(): Promise<void>;
}

/**
 * Starts services in the test process on one in-process bus, each as its own role on the run's database
 * (roles provisioned beforehand), migrations applied. The first is auth-service when tokens are needed:
 * the others verify against its JWKS.
 */
export async function startServicesInProcess(
  adminUrl: string,
  definitions: readonly ServiceDefinition[],
  env: Record<string, string> = {},
): Promise<InProcessServices> {
  const bus = new MemoryBus(createLogger('test-bus', 'silent'), { maxAttempts: 3, baseDelayMs: 20 });
  const services: Record<string, RunningService> = {};
  let jwksUrl = env.JWKS_URL;
  try {
    for (const definition of definitions) {
      const service = await startService(definition, {
        env: {
          HOST: '127.0.0.1',
          PORT: '0',
          METRICS_PORT: '0',
          DATABASE_URL: serviceDatabaseUrl(adminUrl, definition.name),
          MIGRATIONS_RUN: 'true',
          BUS: 'memory',
          LOG_LEVEL: 'silent',
          OUTBOX_POLL_INTERVAL_MS: '100',
          ...env,
          ...(jwksUrl ? { JWKS_URL: jwksUrl } : {}),
        },
        bus,
      });
      services[definition.name] = service;
      if (definition.name === 'auth') {
        jwksUrl ??= `${service.url}/.well-known/jwks.json`;
      }
    }
  } catch (error) {
    await Promise.allSettled(Object.values(services).map((service) => service.close()));
    throw error;
  }
  bus.open();
  return {
    services,
    bus,
    async close() {
      await Promise.all(Object.values(services).map((service) => service.close()));
      await bus.close();
    },
  };
}
