import type { EventEnvelope } from '@agora/contracts';
import { parseTraceparent, runWithRequestContext, SpanKind, Tracing } from '@agora/logging';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { envelopeFromKafka, headersOf } from './kafka.bus.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const event: EventEnvelope = {
  id: '01a20eb5-b89d-709d-8bf2-787d8dfcba9f',
  topic: 'auth.user.registered.v1',
  key: 'k',
  occurredAt: '2026-11-30T20:00:00.000Z',
  requestId: 'req-1',
  traceparent: TRACEPARENT,
  payload: { userId: 'u', email: 'e@x.io', login: 'l', registeredAt: '2026-11-30T20:00:00.000Z' },
};

function asMessage(headers: ReturnType<typeof headersOf>): KafkaMessage {
  return {
    key: Buffer.from(event.key),
    value: Buffer.from(JSON.stringify(event.payload)),
    timestamp: '0',
    attributes: 0,
    offset: '0',
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, Buffer.from(String(value))]),
    ),
  };
}

describe('Kafka headers', () => {
  it('carry traceparent next to x-request-id, and the consumer reads both back', () => {
    const headers = headersOf(event);
    expect(headers).toMatchObject({ 'x-request-id': 'req-1', traceparent: TRACEPARENT });
    expect(envelopeFromKafka(event.topic, asMessage(headers))).toEqual(event);
  });

  it('take the current request’s trace when the event names none, and omit it outside a trace', () => {
    const { traceparent: _none, requestId: _id, ...bare } = event;
    const span = Tracing.off.startSpan('POST /x', SpanKind.SERVER, parseTraceparent(TRACEPARENT));
    const inRequest = runWithRequestContext({ requestId: 'req-2', span }, () => headersOf(bare));
    expect(inRequest).toMatchObject({ 'x-request-id': 'req-2', traceparent: TRACEPARENT });
    const outside = headersOf(bare);
    expect(outside).not.toHaveProperty('traceparent');
    expect(envelopeFromKafka(event.topic, asMessage(outside))).not.toHaveProperty('traceparent');
  });
});
