import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A GET-only HTTP proxy to another test server, that runs a spec's step before it forwards a request. */
export interface PausingProxy {
  /** Its address, e.g. for another service's `CATALOG_URL`. */
  readonly url: string;
  /**
   * Runs before the next request is forwarded (once; a request that arrives meanwhile waits too): e.g. an event
   * that reaches a service while it reads another's snapshot.
   */
  beforeNext(step: (path: string) => Promise<void>): void;
  close(): Promise<void>;
}

/**
 * Forwards each GET to `target` (its path and query kept), answering with the target's status, content type
 * and body; 502 when the target does not answer.
 */
export async function startPausingProxy(target: string): Promise<PausingProxy> {
  let pending: ((path: string) => Promise<void>) | undefined;
  let running: Promise<void> = Promise.resolve();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const step = pending;
    pending = undefined;
    const ready = running.then(() => step?.(path));
    running = ready.catch(() => undefined);
    ready
      .then(() => fetch(new URL(path, target), { method: request.method }))
      .then(async (answer) => {
        response.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
        });
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    beforeNext(step) {
      pending = step;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
