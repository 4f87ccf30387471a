import { REALTIME_PATH } from '@agora/contracts';
import { io, type Socket } from 'socket.io-client';

export interface RealtimeClient {
  readonly socket: Socket;
  /** Sends `subscribe` and resolves with the server's acknowledgement. */
  subscribe(channel: string): Promise<unknown>;
  /** Emits `event` with `body` and resolves with the server's acknowledgement. */
  request<T = Record<string, unknown>>(event: string, body: unknown): Promise<T>;
  /** Resolves with the first `event` whose payload satisfies `accept`. */
  next<T>(event: string, accept: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves when the server disconnects the socket. */
  disconnected(timeoutMs?: number): Promise<string>;
  close(): void;
}

export interface RealtimeOptions {
  /** `websocket` connects with an HTTP Upgrade at once (what the gateways must pass through); `polling` uses plain HTTP requests. */
  readonly transport?: 'websocket' | 'polling';
  /** The access token, sent as Socket.IO's `auth: {token}`. */
  readonly token?: string;
  /** Headers of the handshake (an `Authorization` header, a `Cookie` and its `Origin`). */
  readonly headers?: Record<string, string>;
}

/** A refused handshake: the message and the `data` (code, status, detail) the server passed. */
export interface RealtimeRefusal extends Error {
  readonly data?: { code: string; status: number; detail: string };
}

/** A Socket.IO client on social-service's `/ws` through a gateway (or at the service itself). */
export async function connectRealtime(
  gatewayUrl: string,
  { transport = 'websocket', token, headers }: RealtimeOptions = {},
): Promise<RealtimeClient> {
  const socket = io(gatewayUrl, {
    path: REALTIME_PATH,
    transports: [transport],
    upgrade: false,
    reconnection: false,
    timeout: 10_000,
    ...(token ? { auth: { token } } : {}),
    ...(headers ? { extraHeaders: headers } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return {
    socket,
    subscribe: (channel) => socket.timeout(10_000).emitWithAck('subscribe', { channel }),
    request: <T>(event: string, body: unknown) =>
      socket.timeout(10_000).emitWithAck(event, body) as Promise<T>,
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
    disconnected: (timeoutMs = 15_000) =>
      new Promise<string>((resolve, reject) => {
        if (socket.disconnected) {
          resolve('already disconnected');
          return;
        }
        const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
        socket.once('disconnect', (reason) => {
          clearTimeout(timer);
          resolve(reason);
        });
      }),
    close: () => socket.close(),
  };
}

/** The refusal of a handshake that should fail (throws when it connects). */
export async function refusedRealtime(
  gatewayUrl: string,
  options: RealtimeOptions = {},
): Promise<RealtimeRefusal> {
  try {
    const client = await connectRealtime(gatewayUrl, options);
    client.close();
  } catch (error) {
    return error as RealtimeRefusal;
  }
  throw new Error('the handshake was accepted');
}
