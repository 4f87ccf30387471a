import { REALTIME_PATH } from '@agora/contracts';
import { io, type Socket } from 'socket.io-client';

export interface RealtimeClient {
  readonly socket: Socket;
  /** Sends `subscribe` and resolves with the server's acknowledgement. */
  subscribe(channel: string): Promise<unknown>;
  /** Resolves with the first `event` whose payload satisfies `accept`. */
  next<T>(event: string, accept: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

/**
 * A Socket.IO client on social-service's `/ws` through a gateway. `transport: 'websocket'` connects with an
 * HTTP Upgrade at once (what the gateways must pass through); `'polling'` uses plain HTTP requests.
 */
export async function connectRealtime(
  gatewayUrl: string,
  transport: 'websocket' | 'polling' = 'websocket',
  auth?: Record<string, string>,
): Promise<RealtimeClient> {
  const socket = io(gatewayUrl, {
    path: REALTIME_PATH,
    transports: [transport],
    upgrade: false,
    reconnection: false,
    timeout: 10_000,
    ...(auth ? { auth } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    subscribe: (channel) => socket.timeout(10_000).emitWithAck('subscribe', { channel }),
    next: <T>(event: string, accept: (payload: T) => boolean, timeoutMs = 15_000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T): void => {
          if (accept(payload)) {
            clearTimeout(timer);
            socket.off(event, listener);
            resolve(payload);
          }
        };
        socket.on(event, listener);
      }),
    close: () => socket.close(),
  };
}
