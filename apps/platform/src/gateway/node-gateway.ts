import {
  GATEWAY_HEALTH_PATH,
  isServicePath,
  resolveGatewayRoute,
  SERVICE_NAMES,
  type ServiceName,
} from '@agora/contracts';
import http, {
  STATUS_CODES,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { PassThrough, type Duplex } from 'node:stream';
import {
  formatTraceparent,
  parseTraceparent,
  requestIdOf,
  SpanKind,
  SpanStatusCode,
  Tracing,
  type Span,
} from '@agora/logging';
import type { Logger } from 'pino';
import { Agent, type Dispatcher } from 'undici';
import { WebRoot } from './web-root.js';

/** Each service's base URL; a service not (yet) in the table answers as unavailable. */
export type Upstreams = Readonly<Partial<Record<ServiceName, string>>>;

/** Headers on every answer the gateway writes itself (health, 404, 413, 502), as nginx adds them. */
const OWN_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const;

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extra: Record<string, unknown> = {},
  headers: OutgoingHttpHeaders = {},
): void {
  const title = STATUS_CODES[status] ?? 'Error';
  res.writeHead(status, {
    ...headers,
    ...OWN_HEADERS,
    'content-type': 'application/problem+json',
    'x-request-id': requestId,
  });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, code, requestId, ...extra }));
}

/**
 * Headers that describe one connection (RFC 9110 §7.6.1) and not the request: the client's are not passed to the
 * pooled connection to the service, nor the service's to the client. `expect` is answered by Node itself.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/** What the gateway says of a request to the service: its request id, trace parent and where it came from. */
function gatewayHeaders(req: IncomingMessage, requestId: string, span: Span): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': requestId };
  // The gateway's span is the service's parent; untraced, the client's valid traceparent passes on as it came.
  const traceparent = formatTraceparent(span.spanContext());
  if (traceparent) {
    headers.traceparent = traceparent;
  }
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

/** The client's end-to-end headers and the gateway's, for the pooled connection to the service. */
function forwardedHeaders(
  req: IncomingMessage,
  requestId: string,
  span: Span,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'traceparent') {
      headers[name] = value;
    }
  }
  return Object.assign(headers, gatewayHeaders(req, requestId, span));
}

/**
 * Hands the request to a service's HTTP server in this process (npm start), rewritten and with the headers a
 * proxied request gets, without a loopback connection: the service reads the client's body and writes its
 * answer into the client's response, as its own server would have. It saves the request's second HTTP
 * encoding and parse on each side and a loopback round trip, on the event loop the services share.
 */
function handOver(
  server: http.Server,
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  requestId: string,
  span: Span,
): void {
  const added = gatewayHeaders(req, requestId, span);
  for (const name of HOP_BY_HOP) {
    delete req.headers[name];
  }
  delete req.headers.traceparent;
  Object.assign(req.headers, added);
  req.url = upstreamPath(url);
  res.setHeader('x-request-id', requestId);
  server.emit('request', req, res);
}

/** The service's answer's headers for the client: end-to-end ones, and the request id. */
function answerHeaders(
  headers: Dispatcher.ResponseData['headers'],
  requestId: string,
): Record<string, string | string[]> {
  const answer: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !HOP_BY_HOP.has(name)) {
      answer[name] = value;
    }
  }
  answer['x-request-id'] = requestId;
  return answer;
}

/** The path and query the service is asked for, resolved as a URL (dot segments, percent-encoding), as before. */
function upstreamPath(url: string): string {
  const resolved = new URL(url, 'http://upstream');
  return resolved.pathname + resolved.search;
}

/** Whether the service at `origin` answers its `/health/ready` with a 2xx within 3 s. */
async function isReady(pool: Dispatcher, origin: string): Promise<boolean> {
  try {
    const { statusCode, body } = await pool.request({
      origin,
      path: '/health/ready',
      method: 'GET',
      signal: AbortSignal.timeout(3_000),
    });
    await body.dump();
    return statusCode >= 200 && statusCode < 300;
  } catch {
    return false;
  }
}

/**
 * Each service's readiness, over the gateway's pooled connections (not `fetch`, whose per-request objects
 * outlive the request until a full GC).
 */
async function readiness(
  upstreams: Upstreams,
  pool: Dispatcher,
): Promise<Record<ServiceName, 'ready' | 'unavailable'>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      const origin = upstreams[name];
      const ok = origin !== undefined && (await isReady(pool, origin));
      return [name, ok ? 'ready' : 'unavailable'] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, 'ready' | 'unavailable'>;
}

export interface NodeGatewayOptions {
  /**
   * The web app's build (`dist/web`), served at every path outside `/api` and `/ws` as nginx's `location /`
   * does; without it those paths answer 404.
   */
  readonly webRoot?: string;
  /**
   * The services running in this process, by their HTTP server: a request for one is handed to it here
   * (`handOver`) rather than proxied to its URL. A chunked body (counted against the route's limit as it
   * streams) and WebSocket upgrades still go to the URL. The caller may fill it in as services start.
   */
  readonly inProcess?: Readonly<Partial<Record<ServiceName, http.Server>>>;
}

/**
 * The embedded mode's gateway: the same route table and rewrites as the generated nginx config,
 * `/api/health` over every service's readiness, WebSocket upgrades passed through to social-service, and the
 * web app at `/`.
 */
export function createNodeGateway(
  upstreams: Upstreams,
  logger: Logger,
  tracing: Tracing = Tracing.off,
  options: NodeGatewayOptions = {},
): http.Server {
  const web = options.webRoot === undefined ? undefined : new WebRoot(options.webRoot);
  // Pooled keep-alive connections to the services (undici), as nginx's upstream `keepalive`: undici's client
  // costs the gateway about a third less CPU per request than node:http's Agent, on the same loop as the services.
  const pool = new Agent({ connections: 256, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const server = http.createServer((req, res) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    const url = req.url ?? '/';
    if (url.split('?')[0] === GATEWAY_HEALTH_PATH) {
      void readiness(upstreams, pool).then((services) => {
        const ready = Object.values(services).every((state) => state === 'ready');
        if (ready) {
          res.writeHead(200, {
            ...OWN_HEADERS,
            'content-type': 'application/json',
            'x-request-id': requestId,
          });
          res.end(JSON.stringify({ status: 'ready', services }));
        } else {
          problem(res, 503, 'SERVICE_UNAVAILABLE', 'Not every service is ready', requestId, { services });
        }
      });
      return;
    }
    const route = resolveGatewayRoute(url, req.method);
    if (!route && web && !isServicePath(url.split('?')[0])) {
      web
        .serve(req, res, requestId, (status, code, detail, headers) =>
          problem(res, status, code, detail, requestId, {}, headers),
        )
        .catch((error: unknown) => {
          logger.error({ err: error, requestId }, 'gateway: the web app could not be served');
          if (res.headersSent) {
            res.destroy();
          } else {
            problem(res, 500, 'INTERNAL_ERROR', 'The web app could not be served', requestId);
          }
        });
      return;
    }
    if (!route) {
      problem(res, 404, 'NOT_FOUND', 'No route for this path', requestId);
      req.resume();
      return;
    }
    // One span per proxied request, child of the client's traceparent, ended when the answer is sent.
    const span = tracing.startSpan(
      `${req.method} ${route.service}`,
      SpanKind.SERVER,
      parseTraceparent(req.headers.traceparent),
      {
        'http.request.method': req.method ?? 'GET',
        'url.path': url.split('?')[0],
        'agora.upstream': route.service,
        'agora.request_id': requestId,
      },
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    const origin = upstreams[route.service];
    if (origin === undefined) {
      problem(res, 502, 'BAD_GATEWAY', `${route.service}-service is unavailable`, requestId);
      req.resume();
      return;
    }
    const tooLarge = (): void => {
      problem(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request bodies of this route are limited to ${route.bodyLimit} bytes`,
        requestId,
      );
    };
    const declaredLength = req.headers['content-length'];
    if (Number(declaredLength ?? 0) > route.bodyLimit) {
      tooLarge();
      req.resume();
      return;
    }
    const local = options.inProcess?.[route.service];
    if (local && req.headers['transfer-encoding'] === undefined) {
      handOver(local, req, res, route.url, requestId, span);
      return;
    }
    // A declared length within the limit is held to by Node's parser, so that body streams up as it is; a body
    // without one (chunked) is counted as it streams, and the upstream request aborted past the limit.
    let body: Dispatcher.DispatchOptions['body'] = null;
    let overLimit = false;
    let abort: AbortController | undefined;
    if (req.headers['transfer-encoding'] !== undefined) {
      const counted = new PassThrough();
      abort = new AbortController();
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > route.bodyLimit && !overLimit) {
          overLimit = true;
          req.unpipe(counted);
          abort?.abort();
          if (!res.headersSent) {
            tooLarge();
          }
          req.resume();
        }
      });
      req.pipe(counted);
      body = counted;
    } else if (declaredLength !== undefined && declaredLength !== '0') {
      body = req;
    } else {
      req.resume();
    }
    pool.stream(
      {
        origin,
        path: upstreamPath(route.url),
        method: req.method as Dispatcher.HttpMethod,
        headers: forwardedHeaders(req, requestId, span),
        body,
        ...(abort ? { signal: abort.signal } : {}),
      },
      // The answer streams straight into the client's response; the client going away aborts the request
      // and frees the pooled connection.
      ({ statusCode, headers }) => {
        res.writeHead(statusCode, answerHeaders(headers, requestId));
        return res;
      },
      (error) => {
        if (!error || overLimit) {
          return;
        }
        if (!res.headersSent) {
          logger.warn({ err: error, requestId, service: route.service }, 'gateway: upstream unavailable');
          problem(res, 502, 'BAD_GATEWAY', `${route.service}-service is unavailable`, requestId);
        } else {
          res.destroy();
        }
      },
    );
  });

  server.on('close', () => void pool.close());

  // Requests Node cannot parse (a URL or headers past 16 KiB, bad framing) answer as problems too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      return;
    }
    const [status, code] =
      error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'] : [400, 'BAD_REQUEST'];
    const body = JSON.stringify({
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail:
        status === 431 ? 'The request line and headers are limited to 16 KiB' : 'The request is malformed',
      code,
    });
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'content-type: application/problem+json',
        'x-content-type-options: nosniff',
        `content-length: ${Buffer.byteLength(body)}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    const route = resolveGatewayRoute(req.url ?? '/');
    if (!route?.websocket) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const origin = upstreams[route.service];
    if (origin === undefined) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
      return;
    }
    const target = new URL(route.url, origin);
    // A WebSocket's span covers the handshake; the connection outlives any sensible span.
    const span = tracing.startSpan(
      `${req.method} ${route.service}`,
      SpanKind.SERVER,
      parseTraceparent(req.headers.traceparent),
      {
        'url.path': (req.url ?? '/').split('?')[0],
        'agora.upstream': route.service,
        'agora.request_id': requestId,
      },
    );
    const handshakeDone = (status: number): void => {
      span.setAttribute('http.response.status_code', status);
      span.end();
    };
    const upstream = http.request(target, {
      method: req.method,
      headers: {
        ...forwardedHeaders(req, requestId, span),
        connection: 'upgrade',
        upgrade: req.headers.upgrade ?? '',
      },
    });
    upstream.on('upgrade', (response, upstreamSocket, upstreamHead) => {
      handshakeDone(response.statusCode ?? 101);
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
      handshakeDone(response.statusCode ?? 502);
      socket.end(
        `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\nConnection: close\r\n\r\n`,
      );
    });
    upstream.on('error', () => {
      handshakeDone(502);
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
    });
    upstream.end();
  });
  return server;
}
