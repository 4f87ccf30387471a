import type { Socket } from 'socket.io-client';

/** The socket of the signed-in session (cookie auth at the handshake), shared by every page. */
let socket: Promise<Socket> | undefined;

/**
 * Connects on first use: socket.io-client is loaded then, so it stays out of the initial bundle.
 * The handshake carries the session cookie; the server checks the page's Origin against PUBLIC_URL.
 */
export function connectSocket(): Promise<Socket> {
  socket ??= import('socket.io-client').then(({ io }) =>
    io({ path: '/ws', transports: ['websocket'], withCredentials: true }),
  );
  return socket;
}

/** Closes the socket (sign-out); the next `connectSocket()` opens a fresh one with the new session. */
export function disconnectSocket(): void {
  const current = socket;
  socket = undefined;
  void current?.then((open) => open.disconnect());
}
