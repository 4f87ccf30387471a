import {
  BODY_LIMITS,
  SERVICE_NAMES,
  WEB_CACHE_CONTROL,
  WEB_CONTENT_SECURITY_POLICY,
  type ServiceName,
} from '@agora/contracts';
import { createLogger } from '@agora/logging';
import { freePort, listenLocally, startNginx, type RunningNginx } from '@agora/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeGateway } from '../apps/platform/src/gateway/node-gateway.js';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Stands in for every service: ready, and answers each request with the size of the body it read, its trace
 * and forwarding headers, and the local port of the connection it came on.
 */
function startStubService(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
      res.end(
        JSON.stringify({
          path: req.url,
          bytes,
          requestId: req.headers['x-request-id'],
          traceparent: req.headers.traceparent ?? null,
          forwardedFor: req.headers['x-forwarded-for'] ?? null,
          hopByHop: ['keep-alive', 'te'].filter((name) => name in req.headers),
          localPort: req.socket.localPort,
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const post = (url: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A body streamed without Content-Length (chunked), as a client that does not know its size sends it. */
function postChunked(url: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const write = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  });
}

/** A GET with the path exactly as written (fetch resolves dot segments and decompresses). */
function rawGet(
  url: string,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = http.request({ hostname, port, path: rawPath, method, headers });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

const WEB_INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-9b1e.js"></script></head></html>';
const WEB_SCRIPT = `export const text = ${JSON.stringify('the app '.repeat(400))};\n`;

async function expectProblem(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  expect(await response.json()).toMatchObject({ status, code });
}

/**
 * The gateway's own answers, the same from nginx (the distributed shape) and the Node gateway (npm start):
 * problem+json with a code and nosniff for 404, 413 per route class (also for chunked bodies) and 502;
 * nginx's per-address rate zones on the costly routes.
 */
describe('gateway edge: body limits, own answers and rate zones', () => {
  const work = path.join(root, '.data', `e2e-gateway-edge-${process.pid}`);
  let stub: http.Server;
  let nginx: RunningNginx;
  let node: http.Server;
  let inProcess: http.Server;
  const gateways: Record<'nginx' | 'node' | 'node in-process', string> = {
    nginx: '',
    node: '',
    'node in-process': '',
  };

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    stub = await startStubService();
    const stubAddress = `127.0.0.1:${(stub.address() as AddressInfo).port}`;
    const closedPort = await freePort();
    // The web app's build, as apps/web writes it to dist/web; a secret beside it is never reached.
    const webRoot = path.join(work, 'web');
    mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(webRoot, 'index.html'), WEB_INDEX);
    writeFileSync(path.join(webRoot, 'assets', 'index-9b1e.js'), WEB_SCRIPT);
    writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
    // order-service is down: its routes answer 502.
    const upstreams = Object.fromEntries(
      SERVICE_NAMES.map((name) => [name, name === 'order' ? `127.0.0.1:${closedPort}` : stubAddress]),
    ) as Record<ServiceName, string>;
    nginx = await startNginx(work, upstreams, undefined, webRoot);
    gateways.nginx = nginx.url;
    const serviceUrls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://${upstreams[name]}`]));
    const logger = createLogger('gateway-test', 'silent');
    node = createNodeGateway(serviceUrls, logger, undefined, { webRoot });
    gateways.node = await listenLocally(node);
    // npm start's gateway: every service but order runs in its process and is handed requests there.
    inProcess = createNodeGateway(serviceUrls, logger, undefined, {
      webRoot,
      inProcess: Object.fromEntries(
        SERVICE_NAMES.filter((name) => name !== 'order').map((name) => [name, stub]),
      ),
    });
    gateways['node in-process'] = await listenLocally(inProcess);
  });

  afterAll(async () => {
    await nginx?.stop();
    for (const gateway of [node, inProcess]) {
      if (gateway) {
        gateway.closeAllConnections();
        await new Promise((resolve) => gateway.close(resolve));
      }
    }
    stub?.close();
    rmSync(work, { recursive: true, force: true });
  });

  describe.each(['nginx', 'node', 'node in-process'] as const)('%s', (kind) => {
    const url = (path: string) => `${gateways[kind]}${path}`;

    it('passes the client’s W3C traceparent up next to the request id, and starts no trace of its own', async () => {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const traced = await fetch(url('/api/profiles'), {
        headers: { traceparent, 'x-request-id': 'edge-trace-1' },
      });
      expect(await traced.json()).toMatchObject({ requestId: 'edge-trace-1', traceparent });
      expect(traced.headers.get('x-request-id')).toBe('edge-trace-1');
      const untraced = await fetch(url('/api/profiles'));
      const answer = (await untraced.json()) as { requestId: string };
      expect(answer).toMatchObject({
        requestId: expect.any(String) as string,
        traceparent: null,
        forwardedFor: '127.0.0.1',
      });
      expect(untraced.headers.get('x-request-id')).toBe(answer.requestId);
    });

    it('rewrites the path and passes no hop-by-hop header to the service', async () => {
      const answer = await rawGet(gateways[kind], '/api/profiles/../coffees?q=a%20b', {
        'keep-alive': 'timeout=5',
        te: 'trailers',
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ path: '/coffees?q=a%20b', hopByHop: [] });
    });

    it('answers an unknown path with a 404 problem', async () => {
      await expectProblem(await fetch(url('/api/nothing-here')), 404, 'NOT_FOUND');
    });

    it('passes a JSON body up to 1 MiB and refuses a larger one with 413, declared or chunked', async () => {
      const fits = await post(url('/api/registration'), Buffer.alloc(BODY_LIMITS.json - 10, 'a'));
      expect(fits.status).toBe(200);
      expect(((await fits.json()) as { bytes: number }).bytes).toBe(BODY_LIMITS.json - 10);
      expect(fits.headers.get('x-content-type-options')).toBe('nosniff');

      await expectProblem(
        await post(url('/api/registration'), Buffer.alloc(BODY_LIMITS.json + 1, 'a')),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      await expectProblem(
        await post(url('/api/coffees'), Buffer.alloc(5 * 1024 * 1024, 'a')),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      const chunked = await postChunked(url('/api/coffees'), 3 * 1024 * 1024);
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('lets uploads through up to the upload limit and refuses beyond it', async () => {
      const upload = await post(url('/api/media'), Buffer.alloc(3 * 1024 * 1024, 'a'), {
        'content-type': 'multipart/form-data; boundary=x',
      });
      expect(upload.status).toBe(200);
      await expectProblem(
        await post(url('/api/media'), Buffer.alloc(BODY_LIMITS.upload + 1, 'a'), {
          'content-type': 'multipart/form-data; boundary=x',
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('takes upload-size bodies only on POST to the upload route itself', async () => {
      await expectProblem(
        await fetch(url('/api/media/0192f3d4-0000-7000-8000-000000000000'), {
          method: 'DELETE',
          headers: { 'content-type': 'application/json' },
          body: Buffer.alloc(2 * 1024 * 1024, 'a'),
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('answers a URL too long to parse as a problem', async () => {
      const response = await fetch(url(`/api/profiles?sort=${'a'.repeat(20_000)}`));
      expect([414, 431]).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { code: string }).code).toMatch(
        /^(URI_TOO_LONG|REQUEST_HEADER_FIELDS_TOO_LARGE)$/,
      );
    });

    it('answers 502 as a problem when the service is down', async () => {
      await expectProblem(await fetch(url('/api/orders')), 502, 'BAD_GATEWAY');
    });

    it('serves the web app at / and its deep links with index.html, under the app’s CSP', async () => {
      for (const link of ['/', '/coffees/0192f3d4-0000-7000-8000-000000000000', '/cart?step=address']) {
        const page = await fetch(url(link));
        expect(page.status, link).toBe(200);
        expect(await page.text(), link).toBe(WEB_INDEX);
        expect(page.headers.get('content-type'), link).toBe('text/html; charset=utf-8');
        expect(page.headers.get('cache-control'), link).toBe(WEB_CACHE_CONTROL.revalidate);
        expect(page.headers.get('content-security-policy'), link).toBe(WEB_CONTENT_SECURITY_POLICY);
        expect(page.headers.get('referrer-policy'), link).toBe('no-referrer');
        expect(page.headers.get('x-content-type-options'), link).toBe('nosniff');
      }
    });

    it('serves hashed assets as immutable and gzipped, and a missing one as a 404 problem', async () => {
      const script = await rawGet(gateways[kind], '/assets/index-9b1e.js', { 'accept-encoding': 'gzip' });
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.headers['cache-control']).toBe(WEB_CACHE_CONTROL.assets);
      expect(script.headers['content-encoding']).toBe('gzip');
      expect(script.headers.vary).toContain('Accept-Encoding');
      expect(script.headers['content-security-policy']).toBeUndefined();
      expect(zlib.gunzipSync(script.body).toString()).toBe(WEB_SCRIPT);
      await expectProblem(await fetch(url('/assets/nope.js')), 404, 'NOT_FOUND');
      await expectProblem(await fetch(url('/favicon.ico')), 404, 'NOT_FOUND');
    });

    it('keeps requests inside the web root: traversal and NUL are 4xx problems; other methods 405', async () => {
      for (const attempt of [
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/%00',
        '/.env',
      ]) {
        const answer = await rawGet(gateways[kind], attempt);
        expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
        expect(answer.status, attempt).toBeLessThan(500);
        expect(answer.headers['content-type'], attempt).toContain('application/problem+json');
        expect(answer.body.toString(), attempt).not.toContain('SECRET');
      }
      const post = await rawGet(gateways[kind], '/coffees', {}, 'POST');
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD');
      expect(JSON.parse(post.body.toString())).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    });
  });

  it('node in-process: hands a request to the service’s server without opening a connection to it', async () => {
    let opened = 0;
    const countConnection = (): void => {
      opened += 1;
    };
    stub.on('connection', countConnection);
    const gatewayPort = Number(new URL(gateways['node in-process']).port);
    const answer = (await (await fetch(`${gateways['node in-process']}/api/profiles`)).json()) as {
      localPort: number;
    };
    stub.off('connection', countConnection);
    // The service read the client's own connection to the gateway; the proxying gateway's comes on the stub's port.
    expect(answer.localPort).toBe(gatewayPort);
    expect(opened).toBe(0);
    const proxied = (await (await fetch(`${gateways.node}/api/profiles`)).json()) as { localPort: number };
    expect(proxied.localPort).toBe((stub.address() as AddressInfo).port);
  });

  it('nginx: limits mail-sending routes per address with 429, Retry-After and a problem', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post(`${gateways.nginx}/api/password/recovery`, '{}')),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(limited!, 429, 'RATE_LIMITED');
    // Reading is not an upload: GETs of media are not in the upload zone.
    const reads = await Promise.all(Array.from({ length: 40 }, () => fetch(`${gateways.nginx}/api/media`)));
    expect(reads.every((read) => read.status === 200)).toBe(true);
  });

  it('nginx: limits the payment webhooks per address with 429 before they reach order-service', async () => {
    const answers = await Promise.all(
      Array.from({ length: 120 }, () => post(`${gateways.nginx}/api/payments/webhooks`, '{}')),
    );
    const statuses = answers.map((answer) => answer.status);
    // Within the burst they go up (order-service is down here: 502); past it nginx answers itself.
    expect(statuses.filter((status) => status === 502).length).toBeGreaterThan(0);
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
    await expectProblem(limited!, 429, 'RATE_LIMITED');
  });
});
