import { eventually, freePort, queryRows, run } from '@agora/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

const root = path.resolve(import.meta.dirname, '..');
const kafkaScript = path.join(root, 'infra/kafka/kafka.sh');

/** One span as an OTLP/HTTP JSON export carries it, with its resource's `service.name`. */
interface ExportedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

/** OTLP JSON ids are hex; the protobuf-JSON mapping writes them as base64: both read as hex. */
function hexId(id: string | undefined): string {
  if (!id) {
    return '';
  }
  return /^[\da-f]+$/.test(id) && (id.length === 32 || id.length === 16)
    ? id
    : Buffer.from(id, 'base64').toString('hex');
}

function attributesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
        value.boolValue ??
        value.doubleValue,
    ]),
  );
}

/** A tiny OTLP/HTTP trace receiver (JSON): what an OpenTelemetry Collector, Jaeger or Tempo would be sent. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('json')) {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: hexId(span.traceId),
              spanId: hexId(span.spanId),
              parentSpanId: hexId(span.parentSpanId),
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** OTLP span kinds (SPAN_KIND_*). */
const KIND = { server: 2, producer: 4, consumer: 5 } as const;

/**
 * Issue 18's traces: `npm start`'s platform on a real Kafka broker, every process exporting over OTLP/HTTP to a
 * receiver in the test. A sign-up sent with a W3C `traceparent` is one trace: the gateway's span, auth-service's
 * request span under it, the outbox publish under that (written in the request, published by the relay), and
 * social-service's handling of the Kafka message under the publish.
 */
describe('traces: gateway → auth-service → outbox → Kafka → social-service', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let platform: InProcessPlatform;
  let kafkaEnv: Record<string, string>;
  let kafkaDir: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    kafkaDir = mkdtempSync(path.join(tmpdir(), 'agora-traces-kafka-'));
    kafkaEnv = {
      KAFKA_DATA_DIR: kafkaDir,
      KAFKA_PORT: String(await freePort()),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
    };
    await run('bash', [kafkaScript, 'start'], kafkaEnv);
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'traces', {
      env: {
        KAFKA_BROKERS: `127.0.0.1:${kafkaEnv.KAFKA_PORT}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    if (kafkaEnv) {
      await run('bash', [kafkaScript, 'stop'], kafkaEnv).catch(() => undefined);
    }
    rmSync(kafkaDir, { recursive: true, force: true });
    await receiver?.close();
  });

  it('one trace spans the sign-up, its event on the bus and social-service’s profile', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpanId = '00f067aa0ba902b7';
    const response = await fetch(`${platform.gatewayUrl}/api/registration`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'e2e-traces-1',
        traceparent: `00-${traceId}-${clientSpanId}-01`,
      },
      body: JSON.stringify({ email: 'tracy@example.com', login: 'tracy', password: 'correct horse battery' }),
    });
    expect(response.status).toBe(201);
    const { id: userId } = (await response.json()) as { id: string };
    // social-service keeps the (not yet public) profile the event describes.
    await eventually(
      async () =>
        (await queryRows(platform.adminUrl, `SELECT 1 FROM "social"."profiles" WHERE "id" = $1`, [userId]))
          .length === 1
          ? true
          : undefined,
      30_000,
      'the profile social-service creates from the event',
    );

    const topic = 'auth.user.registered.v1';
    const find = (predicate: (span: ExportedSpan) => boolean) =>
      receiver.spans.find((span) => span.traceId === traceId && predicate(span));
    const chain = await eventually(
      () => {
        const gateway = find((span) => span.service === 'gateway');
        const auth = find((span) => span.service === 'auth-service' && span.kind === KIND.server);
        const publish = find((span) => span.service === 'auth-service' && span.name === `publish ${topic}`);
        const consume = find((span) => span.service === 'social-service' && span.name === `process ${topic}`);
        return Promise.resolve(
          gateway && auth && publish && consume ? { gateway, auth, publish, consume } : undefined,
        );
      },
      30_000,
      'the four spans of the sign-up trace',
    );

    // Parent → child all the way down, starting from the client's span.
    expect(chain.gateway).toMatchObject({
      parentSpanId: clientSpanId,
      kind: KIND.server,
      name: 'POST auth',
      attributes: { 'agora.request_id': 'e2e-traces-1', 'http.response.status_code': 201 },
    });
    expect(chain.auth).toMatchObject({
      parentSpanId: chain.gateway.spanId,
      name: 'POST /registration',
      attributes: {
        'http.route': '/registration',
        'http.response.status_code': 201,
        'agora.request_id': 'e2e-traces-1',
      },
    });
    expect(chain.publish).toMatchObject({
      parentSpanId: chain.auth.spanId,
      kind: KIND.producer,
      attributes: { 'messaging.destination.name': topic, 'agora.request_id': 'e2e-traces-1' },
    });
    expect(chain.consume).toMatchObject({
      parentSpanId: chain.publish.spanId,
      kind: KIND.consumer,
      attributes: {
        'messaging.destination.name': topic,
        'messaging.message.id': chain.publish.attributes['messaging.message.id'],
        'agora.request_id': 'e2e-traces-1',
        'agora.outcome': 'handled',
      },
    });
  });

  it('starts a trace at the gateway when the client sends none, and answers with the request id only', async () => {
    const before = receiver.spans.length;
    const response = await fetch(`${platform.gatewayUrl}/api/profiles/0195f6a0-0000-7000-8000-00000000dead`, {
      headers: { 'x-request-id': 'e2e-traces-2', traceparent: 'not a traceparent' },
    });
    expect(response.status).toBe(404);
    const spans = await eventually(
      () => {
        const fresh = receiver.spans
          .slice(before)
          .filter((span) => span.attributes['agora.request_id'] === 'e2e-traces-2');
        return Promise.resolve(fresh.length >= 2 ? fresh : undefined);
      },
      15_000,
      'the gateway and social-service spans of a request without a trace',
    );
    const gateway = spans.find((span) => span.service === 'gateway');
    const social = spans.find((span) => span.service === 'social-service');
    expect(gateway?.parentSpanId).toBe('');
    expect(social).toMatchObject({ traceId: gateway?.traceId, parentSpanId: gateway?.spanId });
    expect(social?.attributes['http.response.status_code']).toBe(404);
  });
});
