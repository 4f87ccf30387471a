import { AsyncLocalStorage } from 'node:async_hooks';
import { formatTraceparent, type Span } from './tracing.js';

/** What travels with one request or one consumed message: logs and outbox rows read it. */
export interface RequestContext {
  readonly requestId: string;
  /** The request's (or the consumed message's) span: outbox rows and outgoing calls name it as their parent. */
  readonly span?: Span;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Enters a context for the rest of the current asynchronous flow (used by HTTP hooks). */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function currentSpan(): Span | undefined {
  return storage.getStore()?.span;
}

/** The `traceparent` for work caused by the current request (an outbox row, an HTTP call); none outside a trace. */
export function currentTraceparent(): string | undefined {
  return formatTraceparent(storage.getStore()?.span?.spanContext());
}

/** Headers for an HTTP call made on behalf of the current request: its id and its trace, as the gateway sends them. */
export function propagationHeaders(): Record<string, string> {
  const requestId = currentRequestId();
  const traceparent = currentTraceparent();
  return {
    ...(requestId ? { 'x-request-id': requestId } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
}
