import { AsyncLocalStorage } from 'node:async_hooks';

/** What travels with one request or one consumed message: logs and outbox rows read it. */
export interface RequestContext {
  readonly requestId: string;
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
