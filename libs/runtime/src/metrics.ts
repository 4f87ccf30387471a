import type { DeliveryObserver, DeliveryOutcome } from '@agora/messaging';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import client from 'prom-client';

/** Seconds: from a 2 ms cached page to a 10 s stuck request. */
const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
/** Seconds an event takes in its handler, retries and back-off included. */
const HANDLING_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30];

/** What a service gives the metrics to read when Prometheus scrapes (its outbox, its pool). */
export interface ServiceGauges {
  outboxBacklog(): Promise<{ readonly events: number; readonly oldestAgeSeconds: number }>;
  pool(): { readonly total: number; readonly idle: number; readonly waiting: number };
}

/**
 * One process's Prometheus metrics (prom-client), each labelled with the service it is about: a service process
 * holds one service's, the embedded platform all five behind one endpoint. HTTP requests by route pattern and
 * status with latency, events handled and dead-lettered per topic with their handling time, consumer lag per
 * partition, outbox backlog and age and the DB pool (read at scrape time), and Node's own (event-loop lag, heap,
 * CPU, GC).
 */
export class PlatformMetrics {
  readonly registry = new client.Registry();
  private readonly gauges = new Map<string, ServiceGauges>();
  private readonly requests: client.Counter<'service' | 'method' | 'route' | 'status'>;
  private readonly requestSeconds: client.Histogram<'service' | 'method' | 'route' | 'status'>;
  private readonly events: client.Counter<'service' | 'topic' | 'outcome'>;
  private readonly eventSeconds: client.Histogram<'service' | 'topic'>;
  private readonly lag: client.Gauge<'service' | 'topic' | 'partition'>;

  constructor() {
    const registers = [this.registry];
    client.collectDefaultMetrics({ register: this.registry });
    this.requests = new client.Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern and status.',
      labelNames: ['service', 'method', 'route', 'status'],
      registers,
    });
    this.requestSeconds = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from a request arriving to its answer sent.',
      labelNames: ['service', 'method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.events = new client.Counter({
      name: 'messaging_events_total',
      help: 'Events consumed, by topic and outcome (handled or dead-lettered).',
      labelNames: ['service', 'topic', 'outcome'],
      registers,
    });
    this.eventSeconds = new client.Histogram({
      name: 'messaging_handling_duration_seconds',
      help: 'Time an event took from its first attempt to handled or dead-lettered.',
      labelNames: ['service', 'topic'],
      buckets: HANDLING_BUCKETS,
      registers,
    });
    this.lag = new client.Gauge({
      name: 'messaging_consumer_lag_messages',
      help: 'Messages of a partition behind the last one the consumer handled (Kafka).',
      labelNames: ['service', 'topic', 'partition'],
      registers,
    });
    const gauges = this.gauges;
    // One outbox query per service and scrape feeds both gauges: the registry collects every metric at once, so
    // the two collects share the reading in flight.
    type Backlog = Awaited<ReturnType<ServiceGauges['outboxBacklog']>>;
    let reading: Promise<[string, Backlog][]> | undefined;
    const backlogs = () =>
      (reading ??= Promise.all(
        [...gauges].map(
          async ([service, read]) => [service, await read.outboxBacklog()] as [string, Backlog],
        ),
      ).finally(() => {
        reading = undefined;
      }));
    new client.Gauge({
      name: 'outbox_backlog_events',
      help: 'Events committed to the outbox and not yet published.',
      labelNames: ['service'],
      registers,
      async collect() {
        for (const [service, backlog] of await backlogs()) {
          this.set({ service }, backlog.events);
        }
      },
    });
    new client.Gauge({
      name: 'outbox_oldest_event_age_seconds',
      help: 'How long the oldest unpublished outbox event has waited (0 when none waits).',
      labelNames: ['service'],
      registers,
      async collect() {
        for (const [service, backlog] of await backlogs()) {
          this.set({ service }, backlog.oldestAgeSeconds);
        }
      },
    });
    new client.Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the service’s PostgreSQL pool: open, idle, and callers waiting for one.',
      labelNames: ['service', 'state'],
      registers,
      collect() {
        for (const [service, read] of gauges) {
          const pool = read.pool();
          this.set({ service, state: 'total' }, pool.total);
          this.set({ service, state: 'idle' }, pool.idle);
          this.set({ service, state: 'waiting' }, pool.waiting);
        }
      },
    });
  }

  /** A service's gauges, read at every scrape. */
  watch(service: string, gauges: ServiceGauges): void {
    this.gauges.set(service, gauges);
  }

  /** One HTTP answer: `route` is the route's pattern (`/coffees/:id`), never the raw URL. */
  request(service: string, method: string, route: string, status: number, seconds: number): void {
    const labels = { service, method, route, status: String(status) };
    this.requests.inc(labels);
    this.requestSeconds.observe(labels, seconds);
  }

  /** The consumer-side metrics of one service, as its consumer server reports them. */
  deliveries(service: string): DeliveryObserver {
    return {
      delivered: (topic: string, outcome: DeliveryOutcome, seconds: number) => {
        this.events.inc({ service, topic, outcome });
        this.eventSeconds.observe({ service, topic }, seconds);
      },
      lagged: (topic: string, partition: number, messages: number) => {
        this.lag.set({ service, topic, partition: String(partition) }, Math.max(0, messages));
      },
    };
  }

  /** Prometheus's text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` on its own port; every other request is a 404. */
export async function startMetricsServer(
  metrics: PlatformMetrics,
  host: string,
  port: number,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
      return;
    }
    metrics.scrape().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) =>
        response
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`metrics not collected: ${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
