import { GATEWAY_HEALTH_PATH, resolveGatewayRoute, SERVICE_NAMES, type ServiceName } from '@agora/contracts';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';

/** Same limit as nginx's client_max_body_size. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export type Upstreams = Readonly<Record<ServiceName, string>>;

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  requestId: string,
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'x-request-id': requestId });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, requestId }));
}

function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : uuidv7();
}

function forwardedHeaders(req: IncomingMessage, requestId: string): http.OutgoingHttpHeaders {
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  return {
    ...req.headers,
    'x-request-id': requestId,
    'x-forwarded-for': forwardedFor,
    'x-forwarded-proto': 'http',
  };
}

async function readiness(upstreams: Upstreams): Promise<Record<ServiceName, 'ready' | 'unavailable'>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      const ok = await fetch(`${upstreams[name]}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
        (response) => response.ok,
        () => false,
      );
      return [name, ok ? 'ready' : 'unavailable'] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, 'ready' | 'unavailable'>;
}

/**
 * The embedded mode's gateway: the same route table and rewrites as the generated nginx config,
 * `/api/health` over every service's readiness, and WebSocket upgrades passed through to social-service.
 */
export function createNodeGateway(upstreams: Upstreams, logger: Logger): http.Server {
  const server = http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    const url = req.url ?? '/';
    if (url.split('?')[0] === GATEWAY_HEALTH_PATH) {
      void readiness(upstreams).then((services) => {
        const ready = Object.values(services).every((state) => state === 'ready');
        if (ready) {
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId });
          res.end(JSON.stringify({ status: 'ready', services }));
        } else {
          res.writeHead(503, { 'content-type': 'application/problem+json', 'x-request-id': requestId });
          res.end(
            JSON.stringify({
              type: 'about:blank',
              title: 'Service Unavailable',
              status: 503,
              detail: 'Not every service is ready',
              services,
            }),
          );
        }
      });
      return;
    }
    const route = resolveGatewayRoute(url);
    if (!route) {
      problem(res, 404, 'Not Found', 'No route for this path', requestId);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      problem(
        res,
        413,
        'Payload Too Large',
        `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
        requestId,
      );
      req.resume();
      return;
    }
    const target = new URL(route.url, upstreams[route.service]);
    const upstream = http.request(
      target,
      { method: req.method, headers: forwardedHeaders(req, requestId) },
      (response) => {
        res.writeHead(response.statusCode ?? 502, { ...response.headers, 'x-request-id': requestId });
        response.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      logger.warn({ err: error, requestId, service: route.service }, 'gateway: upstream unavailable');
      if (!res.headersSent) {
        problem(res, 502, 'Bad Gateway', `${route.service}-service is unavailable`, requestId);
      } else {
        res.destroy();
      }
    });
    req.pipe(upstream);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requestId = requestIdOf(req);
    const route = resolveGatewayRoute(req.url ?? '/');
    if (!route?.websocket) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const target = new URL(route.url, upstreams[route.service]);
    const upstream = http.request(target, { method: req.method, headers: forwardedHeaders(req, requestId) });
    upstream.on('upgrade', (response, upstreamSocket, upstreamHead) => {
      const lines = [
        `HTTP/1.1 ${response.statusCode ?? 101} ${response.statusMessage ?? 'Switching Protocols'}`,
      ];
      for (let index = 0; index < response.rawHeaders.length; index += 2) {
        lines.push(`${response.rawHeaders[index]}: ${response.rawHeaders[index + 1]}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length > 0) {
        socket.write(upstreamHead);
      }
      if (head.length > 0) {
        upstreamSocket.write(head);
      }
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
      upstreamSocket.on('error', () => socket.destroy());
      socket.on('error', () => upstreamSocket.destroy());
    });
    upstream.on('response', (response) => {
      socket.end(
        `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\nConnection: close\r\n\r\n`,
      );
    });
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n'));
    upstream.end();
  });
  return server;
}
