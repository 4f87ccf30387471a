import { closeOnSignals } from '@agora/runtime';
import {
  createLogger,
  JsonLogger,
  parseTraceparent,
  requestIdOf,
  runWithRequestContext,
  SpanKind,
  SpanStatusCode,
  Tracing,
  type Span,
} from '@agora/logging';
import { loadConfig, restoreIntlDateTimeFormat, type Env, type ServiceConfig } from '@agora/config';
import { BODY_LIMITS, SERVICES } from '@agora/contracts';
import { createServiceDataSource, guardPoolClients, OutboxRelay, poolUsage } from '@agora/database';
import { setListTotalCap } from '@agora/list-query';
import { createKafkaBus, type KafkaBus, type MessageBus } from '@agora/messaging';
import cookie from '@fastify/cookie';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { Logger } from 'pino';
import {
  assertStorableText,
  languageOfRequest,
  takeRequestLanguage,
  createValidationPipe,
  EntityTagInterceptor,
  ProblemDetailsFilter,
  registerJsonBodyParser,
  securityHeaders,
  sendProblem,
  setUpSwagger,
  toProblem,
} from '@agora/http';
import { JobRunner } from './job-runner.js';
import { PlatformMetrics, startMetricsServer, type MetricsServer } from './metrics.js';
import { PlatformModule } from './platform.module.js';
import type { ServiceDefinition } from './service-definition.js';

export interface StartServiceOptions {
  readonly env: Env;
  /** A bus shared by several apps (the embedded mode); otherwise the service builds its own from config. */
  readonly bus?: MessageBus;
  /**
   * Metrics shared by several apps and served by their host (the embedded mode); otherwise the service keeps its
   * own and serves them on METRICS_HOST:METRICS_PORT.
   */
  readonly metrics?: PlatformMetrics;
}

export interface RunningService<C extends ServiceConfig = ServiceConfig> {
  readonly name: string;
  readonly app: INestApplication;
  readonly config: C;
  readonly logger: Logger;
  readonly url: string;
  readonly relay: OutboxRelay;
  /** The service's scheduled jobs; `jobs.run(name)` runs one now. */
  readonly jobs: JobRunner;
  /** Its own `GET /metrics` address; absent when the host serves shared metrics. */
  readonly metricsUrl?: string;
  /** Its tracer ({@link Tracing.off} without OTEL_EXPORTER_OTLP_ENDPOINT). */
  readonly tracing: Tracing;
  close(): Promise<void>;
}

/**
 * Boots one service as a hybrid app: validated config, JSON logs with request ids, its DataSource (and
 * migrations when MIGRATIONS_RUN), the bus consumer for its `@EventPattern` handlers, the outbox relay,
 * problem+json errors, helmet, CORS, health and Swagger, then listens on HOST:PORT.
 */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  options: StartServiceOptions,
): Promise<RunningService<C>> {
  // Every module is loaded by now: formatters built from here on are native ones.
  restoreIntlDateTimeFormat();
  const descriptor = SERVICES[definition.name];
  const config = loadConfig(definition.config, options.env, { PORT: String(descriptor.port) });
  const logger = createLogger(`${definition.name}-service`, config.LOG_LEVEL);
  setListTotalCap(config.LIST_TOTAL_CAP);
  const tracing = await Tracing.start({
    serviceName: config.OTEL_SERVICE_NAME ?? `${definition.name}-service`,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
    exportDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
  });

  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: descriptor.schema,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `${definition.name}-service`,
  });
  await dataSource.initialize();
  guardPoolClients(dataSource, (error) =>
    logger.warn({ err: error }, 'a PostgreSQL connection was lost; the pool replaces it'),
  );
  if (config.MIGRATIONS_RUN) {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((migration) => migration.name) }, 'migrations applied');
    }
  }

  let ownedBus: KafkaBus | undefined;
  let bus = options.bus;
  if (!bus) {
    if (config.BUS !== 'kafka') {
      throw new Error(
        `${definition.name}: BUS=${config.BUS} needs a shared in-process bus (embedded mode only)`,
      );
    }
    ownedBus = await createKafkaBus(
      {
        brokers: config.KAFKA_BROKERS,
        clientId: `${definition.name}-service`,
        retry: { maxAttempts: config.MESSAGING_MAX_ATTEMPTS, baseDelayMs: config.MESSAGING_RETRY_BASE_MS },
      },
      logger,
    );
    await ownedBus.connect();
    bus = ownedBus;
  }
  const relay = new OutboxRelay(dataSource, bus, logger, {
    schema: descriptor.schema,
    listenUrl: config.DATABASE_URL,
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    tracing,
  });
  const metrics = options.metrics ?? new PlatformMetrics();
  metrics.watch(definition.name, { outboxBacklog: () => relay.backlog(), pool: () => poolUsage(dataSource) });

  const adapter = new FastifyAdapter({
    // The client is TRUST_PROXY_HOPS entries from the right of X-Forwarded-For; earlier ones are the client's word.
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    bodyLimit: BODY_LIMITS.json,
    genReqId: (request: IncomingMessage) => requestIdOf(request.headers['x-request-id']),
    // URLs the router cannot take apart (`%zz`, a path parameter past its length) answer as problems too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      const language = languageOfRequest(request);
      sendProblem(
        reply,
        { ...toProblem(error, request.url.split('?')[0], language), requestId: request.id },
        language,
      );
    },
  });
  const fastify = adapter.getInstance();
  // JSON (UTF-8, bounded depth) is the only body parser; Nest's own (which adds forms) stays off.
  registerJsonBodyParser(fastify, BODY_LIMITS.json);
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      // `?lang=` and Accept-Language, read once; `lang` leaves the query so no route's validation sees it.
      takeRequestLanguage(request);
      assertStorableText(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  // One server span per request, child of the caller's `traceparent` (the gateway's span); outbox rows written
  // while it runs name it as their parent.
  const spans = new WeakMap<FastifyRequest, Span>();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const span = tracing.startSpan(
      request.method,
      SpanKind.SERVER,
      parseTraceparent(request.headers.traceparent),
      {
        'http.request.method': request.method,
        'agora.request_id': request.id,
      },
    );
    spans.set(request, span);
    runWithRequestContext({ requestId: request.id, span }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // The route's pattern (bounded label values); a URL no route took is `unmatched`.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.request(definition.name, request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const span = spans.get(request);
    if (span) {
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode });
      if (reply.statusCode >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    }
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    PlatformModule.forService(definition, {
      config,
      logger,
      dataSource,
      schema: descriptor.schema,
      bus,
      relay,
    }),
    adapter,
    { logger: new JsonLogger(logger), abortOnError: false, bodyParser: false },
  );
  await app.register(cookie);
  // helmet's headers on every answer, from its middleware built once (@fastify/helmet built it anew, CSP parsed
  // and all, on every request: about 2 % of a list request's CPU).
  const setSecurityHeaders = helmet(securityHeaders(config.PUBLIC_URL));
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: config.CORS_ORIGINS, credentials: true });
  }
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalInterceptors(new EntityTagInterceptor());
  setUpSwagger(app, definition);
  await definition.configure?.(app);

  const consumer = bus.createConsumerServer(descriptor.consumerGroup);
  consumer.observe(metrics.deliveries(definition.name));
  consumer.trace(tracing);
  app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  let metricsServer: MetricsServer | undefined;
  if (!options.metrics) {
    metricsServer = await startMetricsServer(metrics, config.METRICS_HOST, config.METRICS_PORT);
  }
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url }, `${definition.name}-service listening`);

  return {
    name: definition.name,
    app,
    config,
    logger,
    url,
    relay,
    jobs: app.get(JobRunner),
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    tracing,
    async close() {
      await metricsServer?.close();
      await app.close();
      await ownedBus?.close();
      // Spans of the last requests and events go out before the process ends.
      await tracing.shutdown();
    },
  };
}

/** Entry point of a standalone service process: exits with a message naming any bad variable. */
export async function runServiceMain<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Env,
): Promise<void> {
  try {
    const service = await startService(definition, { env });
    closeOnSignals(() => service.close(), service.logger);
  } catch (error) {
    console.error(
      `${definition.name}-service failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
