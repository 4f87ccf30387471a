import {
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export { SpanKind, SpanStatusCode, type Span, type SpanContext } from '@opentelemetry/api';

/** The W3C Trace Context header, carried on HTTP requests and Kafka messages next to `x-request-id`. */
export const TRACEPARENT = 'traceparent';

/** `version-traceid-parentid-flags`, version 00 as written; a later version is read by its first four fields. */
const TRACEPARENT_PATTERN = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/;

/**
 * The span context of a `traceparent` header (W3C Trace Context level 1): undefined for a missing, malformed or
 * all-zero one, so a bad header starts a new trace instead of failing the request.
 */
export function parseTraceparent(header: string | readonly string[] | undefined): SpanContext | undefined {
  const value = typeof header === 'string' ? header : header?.[0];
  const match = value === undefined ? null : TRACEPARENT_PATTERN.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, version, traceId, spanId, flags, rest] = match;
  // Version ff is invalid; version 00 has exactly four fields.
  if (version === 'ff' || (version === '00' && rest !== undefined)) {
    return undefined;
  }
  const context: SpanContext = {
    traceId,
    spanId,
    traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(context) ? context : undefined;
}

/** The `traceparent` value naming this span as the parent; undefined for an invalid (absent) span context. */
export function formatTraceparent(context: SpanContext | undefined): string | undefined {
  if (!context || !isSpanContextValid(context)) {
    return undefined;
  }
  const flags = (context.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/** Longest a shutdown waits for the last spans to be exported. */
const SHUTDOWN_GRACE_MS = 2_000;

/** The service's tracing options, read once in its config (OTEL_* variables). */
export interface TracingOptions {
  /** `service.name` of every span. */
  readonly serviceName: string;
  /** OTLP/HTTP base URL (`…:4318`): traces go to `<endpoint>/v1/traces`; unset (and no exporter): no SDK. */
  readonly endpoint?: string;
  /** Share of new traces recorded (0..1); a request that comes with a sampled parent follows its parent. */
  readonly sampleRatio?: number;
  /** Longest a finished span waits before it is exported (the batch processor's delay; default 5 s). */
  readonly exportDelayMs?: number;
  /** Tests: spans go to this exporter as each ends (e.g. the SDK's InMemorySpanExporter), not over OTLP. */
  readonly exporter?: SpanExporter;
}

interface Provider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * One service's tracer. Off (the API's no-op tracer) unless an OTLP endpoint is configured: the SDK and the
 * exporter are loaded only then, so a service that does not trace loads neither. Off or on, a span started
 * with a remote parent carries the parent's trace on, so `traceparent` passes through an untraced service.
 * Spans are started with explicit parents (our seams: HTTP entry, outbox publish, consumed event), not through
 * a global context manager, so the embedded mode's five services each keep their own provider and name.
 */
export class Tracing {
  /** No SDK: spans are non-recording, and carry a remote parent's context unchanged. */
  static readonly off = new Tracing(trace.getTracer('agora'));

  private constructor(
    private readonly tracer: Tracer,
    private readonly provider?: Provider,
  ) {}

  /** The SDK exporting over OTLP/HTTP (JSON) when `endpoint` is set (or to `exporter`); {@link Tracing.off} otherwise. */
  static async start(options: TracingOptions): Promise<Tracing> {
    if (!options.endpoint && !options.exporter) {
      return Tracing.off;
    }
    const [sdk, resources] = await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
    ]);
    const processor = options.exporter
      ? new sdk.SimpleSpanProcessor(options.exporter)
      : new sdk.BatchSpanProcessor(await otlpExporter(options.endpoint ?? ''), {
          ...(options.exportDelayMs !== undefined ? { scheduledDelayMillis: options.exportDelayMs } : {}),
        });
    const provider = new sdk.BasicTracerProvider({
      resource: resources.resourceFromAttributes({ 'service.name': options.serviceName }),
      sampler: new sdk.ParentBasedSampler({
        root: new sdk.TraceIdRatioBasedSampler(options.sampleRatio ?? 1),
      }),
      spanProcessors: [processor],
    });
    return new Tracing(provider.getTracer('agora'), provider);
  }

  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /** A span whose parent is `parent` (a remote context from a header, or a local span); a new trace without. */
  startSpan(
    name: string,
    kind: SpanKind,
    parent: SpanContext | Span | undefined,
    attributes: Attributes = {},
  ): Span {
    const parentContext =
      parent === undefined
        ? ROOT_CONTEXT
        : 'spanContext' in parent
          ? trace.setSpan(ROOT_CONTEXT, parent)
          : trace.setSpanContext(ROOT_CONTEXT, parent);
    return this.tracer.startSpan(name, { kind, attributes }, parentContext);
  }

  /** Exports every finished span now (tests; shutdown). */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  /**
   * Exports what is left and stops. A collector that is down or slow loses those spans but neither fails nor
   * holds up the shutdown past {@link SHUTDOWN_GRACE_MS} (the exporter would retry for many seconds).
   */
  async shutdown(): Promise<void> {
    if (!this.provider) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.provider.shutdown().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }
}

/** OTLP over HTTP with JSON bodies (no protobuf code to load), to `<endpoint>/v1/traces`. */
async function otlpExporter(endpoint: string): Promise<SpanExporter> {
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
}

/** Marks a span as failed, with the error's message (the caller ends it). */
export function failSpan(span: Span, error: unknown): void {
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
