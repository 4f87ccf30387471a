import { ROOT_CONTEXT, trace, TraceFlags, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { currentTraceparent, propagationHeaders, runWithRequestContext } from './request-context.js';
import { formatTraceparent, parseTraceparent, SpanKind, Tracing } from './tracing.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const HEADER = `00-${TRACE_ID}-${SPAN_ID}-01`;

const getter: TextMapGetter<Record<string, string>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

describe('traceparent', () => {
  it('reads and writes W3C Trace Context as the reference propagator does', () => {
    const parsed = parseTraceparent(HEADER);
    expect(parsed).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(formatTraceparent(parsed)).toBe(HEADER);

    const reference = trace.getSpanContext(
      new W3CTraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: HEADER }, getter),
    );
    expect(reference).toMatchObject({ traceId: parsed?.traceId, spanId: parsed?.spanId, traceFlags: 1 });
    const carrier: Record<string, string> = {};
    new W3CTraceContextPropagator().inject(
      trace.setSpanContext(ROOT_CONTEXT, { ...parsed!, traceFlags: TraceFlags.NONE }),
      carrier,
      {
        set: (target: Record<string, string>, key: string, value: string) => {
          target[key] = value;
        },
      },
    );
    expect(formatTraceparent({ ...parsed!, traceFlags: TraceFlags.NONE })).toBe(carrier.traceparent);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['upper case', HEADER.toUpperCase()],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['version 00 with a fifth field', `${HEADER}-extra`],
    ['garbage', 'not a traceparent'],
  ])('ignores a %s header (a new trace starts)', (_case, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('reads a later version by its first four fields, and the first of repeated headers', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-03-future`)?.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(parseTraceparent([HEADER, `00-${'1'.repeat(32)}-${SPAN_ID}-01`])?.traceId).toBe(TRACE_ID);
  });
});

describe('Tracing', () => {
  it('off: loads no SDK, and a span with a remote parent passes the parent on unchanged', async () => {
    const tracing = await Tracing.start({ serviceName: 'test' });
    expect(tracing).toBe(Tracing.off);
    expect(tracing.enabled).toBe(false);
    const span = tracing.startSpan('GET /x', SpanKind.SERVER, parseTraceparent(HEADER));
    runWithRequestContext({ requestId: 'r1', span }, () => {
      expect(currentTraceparent()).toBe(HEADER);
      expect(propagationHeaders()).toEqual({ 'x-request-id': 'r1', traceparent: HEADER });
    });
    // Without a parent nothing is invented: no header goes out.
    const root = tracing.startSpan('GET /y', SpanKind.SERVER, undefined);
    runWithRequestContext({ requestId: 'r2', span: root }, () => {
      expect(propagationHeaders()).toEqual({ 'x-request-id': 'r2' });
    });
  });

  it('on: each span is a child of the header it continues, and the next hop names the new span', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await Tracing.start({ serviceName: 'auth-service', exporter });
    expect(tracing.enabled).toBe(true);
    const server = tracing.startSpan('POST /users', SpanKind.SERVER, parseTraceparent(HEADER), {
      'agora.request_id': 'r1',
    });
    const outgoing = runWithRequestContext({ requestId: 'r1', span: server }, () => currentTraceparent());
    expect(outgoing).toMatch(new RegExp(`^00-${TRACE_ID}-[\\da-f]{16}-01$`));
    expect(outgoing).not.toContain(SPAN_ID);
    const consumer = tracing.startSpan('process t', SpanKind.CONSUMER, parseTraceparent(outgoing));
    consumer.end();
    server.end();
    await tracing.flush();

    const [processSpan, serverSpan] = exporter.getFinishedSpans();
    expect(serverSpan.spanContext().traceId).toBe(TRACE_ID);
    expect(serverSpan.parentSpanContext?.spanId).toBe(SPAN_ID);
    expect(serverSpan.attributes['agora.request_id']).toBe('r1');
    expect(serverSpan.resource.attributes['service.name']).toBe('auth-service');
    expect(processSpan.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
    expect(processSpan.spanContext().traceId).toBe(TRACE_ID);
    await tracing.shutdown();
  });

  it('on: a collector that is down loses spans but never fails the shutdown', async () => {
    const tracing = await Tracing.start({ serviceName: 'auth-service', endpoint: 'http://127.0.0.1:9' });
    expect(tracing.enabled).toBe(true);
    tracing.startSpan('GET /x', SpanKind.SERVER, undefined).end();
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });

  it('on: a caller that did not sample its trace is not recorded, and its decision passes on', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await Tracing.start({ serviceName: 'auth-service', exporter });
    const span = tracing.startSpan('GET /x', SpanKind.SERVER, parseTraceparent(HEADER.replace(/01$/, '00')));
    expect(formatTraceparent(span.spanContext())).toMatch(/-00$/);
    span.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
    await tracing.shutdown();
  });
});

describe('log lines', () => {
  it('carry trace_id and span_id inside a trace, next to the request id, and neither outside one', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('test', 'info', {
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const span = Tracing.off.startSpan('GET /x', SpanKind.SERVER, parseTraceparent(HEADER));
    runWithRequestContext({ requestId: 'r1', span }, () => logger.info('inside'));
    runWithRequestContext({ requestId: 'r2' }, () => logger.info('no trace'));
    expect(lines[0]).toMatchObject({ requestId: 'r1', trace_id: TRACE_ID, span_id: SPAN_ID, msg: 'inside' });
    expect(lines[1]).toMatchObject({ requestId: 'r2', msg: 'no trace' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
