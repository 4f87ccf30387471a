import type { EventEnvelope } from '@agora/contracts';
import { currentTraceparent, SpanKind, SpanStatusCode, Tracing } from '@agora/logging';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { deliverWithRetry, PoisonMessageError } from './delivery.js';

const logger = pino({ level: 'silent' });
const event: EventEnvelope = {
  id: '01a20eb5-b89d-709d-8bf2-787d8dfcba9f',
  topic: 'auth.user.registered.v1',
  key: 'k',
  occurredAt: new Date().toISOString(),
  requestId: 'req-1',
  payload: { userId: 'u', email: 'e@x.io', login: 'l', registeredAt: new Date().toISOString() },
};

describe('deliverWithRetry', () => {
  it('retries transient failures, then succeeds without dead-lettering', async () => {
    let calls = 0;
    const dead: string[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(new Error('database down')) : Promise.resolve();
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, error) => {
        dead.push(error.message);
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(3);
    expect(dead).toEqual([]);
  });

  it('dead-letters after the last attempt instead of looping', async () => {
    let calls = 0;
    const dead: { error: string; attempts: number }[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return Promise.reject(new Error('always fails'));
      },
      { maxAttempts: 3, baseDelayMs: 1 },
      (_event, error, attempts) => {
        dead.push({ error: error.message, attempts });
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(3);
    expect(dead).toEqual([{ error: 'always fails', attempts: 3 }]);
  });

  it('dead-letters poison messages at once and runs handlers with the producer request id', async () => {
    const { currentRequestId } = await import('@agora/logging');
    let seenRequestId: string | undefined;
    const dead: number[] = [];
    await deliverWithRetry(
      event,
      () => {
        seenRequestId = currentRequestId();
        return Promise.reject(new PoisonMessageError('bad payload'));
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, _error, attempts) => {
        dead.push(attempts);
        return Promise.resolve();
      },
      logger,
    );
    expect(dead).toEqual([1]);
    expect(seenRequestId).toBe('req-1');
  });

  it('dead-letters at once an error named PoisonMessageError from a lib that does not import the bus', async () => {
    class ForeignPoison extends Error {
      override readonly name = 'PoisonMessageError';
    }
    let calls = 0;
    const dead: number[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return Promise.reject(new ForeignPoison('bad revocation payload'));
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, _error, attempts) => {
        dead.push(attempts);
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(1);
    expect(dead).toEqual([1]);
  });
});

describe('deliverWithRetry: traces', () => {
  it('handles the event in a consumer span, child of the publish span named by its traceparent', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await Tracing.start({ serviceName: 'social-service', exporter });
    const published = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    let seen: string | undefined;
    await deliverWithRetry(
      { ...event, traceparent: published },
      () => {
        seen = currentTraceparent();
        return Promise.resolve();
      },
      { maxAttempts: 1, baseDelayMs: 1 },
      () => Promise.resolve(),
      logger,
      undefined,
      tracing,
    );
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('process auth.user.registered.v1');
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.attributes).toMatchObject({
      'messaging.destination.name': 'auth.user.registered.v1',
      'messaging.message.id': event.id,
      'agora.request_id': 'req-1',
      'agora.outcome': 'handled',
    });
    // What the handler writes (outbox rows, calls) continues from the consumer span.
    expect(seen).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    await tracing.shutdown();
  });

  it('marks a dead-lettered event’s span as failed', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await Tracing.start({ serviceName: 'social-service', exporter });
    await deliverWithRetry(
      event,
      () => Promise.reject(new PoisonMessageError('bad payload')),
      { maxAttempts: 3, baseDelayMs: 1 },
      () => Promise.resolve(),
      logger,
      undefined,
      tracing,
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.attributes['agora.outcome']).toBe('dead-lettered');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad payload' });
    await tracing.shutdown();
  });
});
