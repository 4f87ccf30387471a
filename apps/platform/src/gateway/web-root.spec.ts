import { SERVICE_NAMES, WEB_CONTENT_SECURITY_POLICY } from '@agora/contracts';
import { createLogger } from '@agora/logging';
import { closeServer, listenLocally } from '@agora/testing';
import http, { type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeGateway } from './node-gateway.js';
import { preferredEncoding } from './web-root.js';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A request with the path exactly as written (fetch would resolve dot segments before sending). */
function request(
  base: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = http.request({
      hostname,
      port,
      path: rawPath,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function expectProblem(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(answer.body.toString())).toMatchObject({ status, code });
}

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-4f2a9c.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const greeting = ${JSON.stringify('hello from the app '.repeat(200))};\n`;

/**
 * The Node gateway's web root (`npm start`'s `/`) against a build on disk: files with their types and caching,
 * deep links answered with index.html, compression, and paths that try to leave the root refused with a 4xx.
 */
describe('node gateway: the web app at /', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'agora-web-root-'));
  const webRoot = path.join(work, 'web');
  const emptyRoot = path.join(work, 'not-built');
  let stub: http.Server;
  let gateway: http.Server;
  let notBuilt: http.Server;
  let noWeb: http.Server;
  let base = '';
  let notBuiltBase = '';
  let noWebBase = '';

  beforeAll(async () => {
    mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    mkdirSync(emptyRoot);
    writeFileSync(path.join(webRoot, 'index.html'), INDEX);
    writeFileSync(path.join(webRoot, 'assets', 'index-4f2a9c.js'), SCRIPT);
    writeFileSync(path.join(webRoot, 'assets', 'logo-77aa01.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(path.join(webRoot, 'robots.txt'), 'User-agent: *\n');
    writeFileSync(path.join(webRoot, '.env'), 'SECRET=in-the-root');
    // Beside the root, never to be reached through it.
    writeFileSync(path.join(work, 'secret.txt'), 'SECRET=outside');

    stub = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    const stubUrl = await listenLocally(stub);
    const upstreams = Object.fromEntries(SERVICE_NAMES.map((name) => [name, stubUrl]));
    const logger = createLogger('web-root-test', 'silent');
    gateway = createNodeGateway(upstreams, logger, undefined, { webRoot });
    notBuilt = createNodeGateway(upstreams, logger, undefined, { webRoot: emptyRoot });
    noWeb = createNodeGateway(upstreams, logger);
    [base, notBuiltBase, noWebBase] = await Promise.all([
      listenLocally(gateway),
      listenLocally(notBuilt),
      listenLocally(noWeb),
    ]);
  });

  afterAll(async () => {
    await Promise.all([gateway, notBuilt, noWeb, stub].filter(Boolean).map(closeServer));
    rmSync(work, { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated, under the app’s CSP', async () => {
    const answer = await request(base, '/');
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(INDEX);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['x-request-id']).toBeTruthy();
  });

  it('answers deep links without a file extension with index.html, status 200', async () => {
    for (const link of [
      '/coffees/0192f3d4-0000-7000-8000-000000000000',
      '/coffees',
      '/profile/anna?tab=posts',
      '/a/b/c/',
    ]) {
      const answer = await request(base, link);
      expect(answer.status, link).toBe(200);
      expect(answer.body.toString(), link).toBe(INDEX);
      expect(answer.headers['cache-control'], link).toBe('no-cache');
    }
  });

  it('serves hashed assets with their type, cached for a year as immutable', async () => {
    const script = await request(base, '/assets/index-4f2a9c.js');
    expect(script.status).toBe(200);
    expect(script.body.toString()).toBe(SCRIPT);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toBeUndefined();
    const image = await request(base, '/assets/logo-77aa01.png');
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await request(base, '/robots.txt');
    expect(robots.body.toString()).toBe('User-agent: *\n');
    expect(robots.headers['cache-control']).toBe('no-cache');
  });

  it('compresses text once, as brotli or gzip by Accept-Encoding, and leaves images alone', async () => {
    const gzipped = await request(base, '/assets/index-4f2a9c.js', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gzipped.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(zlib.gunzipSync(gzipped.body).toString()).toBe(SCRIPT);

    const brotli = await request(base, '/assets/index-4f2a9c.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
    expect(brotli.headers.etag).not.toBe(gzipped.headers.etag);

    const refused = await request(base, '/assets/index-4f2a9c.js', {
      headers: { 'accept-encoding': 'br;q=0, gzip;q=0' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(SCRIPT);

    const image = await request(base, '/assets/logo-77aa01.png', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(image.headers['content-encoding']).toBeUndefined();
  });

  it('answers a matching If-None-Match with 304, and HEAD with the headers alone', async () => {
    const first = await request(base, '/', { headers: { 'accept-encoding': 'gzip' } });
    const again = await request(base, '/coffees/1', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await request(base, '/assets/index-4f2a9c.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(SCRIPT));
  });

  it('answers a missing file with an extension, or under /assets/, with a 404 problem', async () => {
    expectProblem(await request(base, '/assets/nope.js'), 404, 'NOT_FOUND');
    expectProblem(await request(base, '/assets/nope'), 404, 'NOT_FOUND');
    expectProblem(await request(base, '/favicon.ico'), 404, 'NOT_FOUND');
  });

  it('never leaves the root: traversal, NUL, backslashes, hidden files and long paths are 4xx', async () => {
    const attempts = [
      '/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/index.html%00.js',
      '/%00',
      '/.env',
      '/assets/%2e%2e/.env',
      '/%E0%A4%A',
      `/${'a/'.repeat(1500)}`,
      `/${'..%2f'.repeat(400)}secret.txt`,
    ];
    for (const attempt of attempts) {
      const answer = await request(base, attempt);
      expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
      expect(answer.status, attempt).toBeLessThan(500);
      expect(answer.headers['content-type'], attempt).toContain('application/problem+json');
      expect(answer.body.toString(), attempt).not.toContain('SECRET');
    }
    // A name longer than the file system takes is no file: a deep link, not an error.
    const longName = await request(base, `/${'x'.repeat(600)}`);
    expect(longName.status).toBe(200);
    expect(longName.body.toString()).toBe(INDEX);
  });

  it('answers other methods on the app’s paths with a 405 problem naming GET and HEAD', async () => {
    const answer = await request(base, '/coffees', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.allow).toBe('GET, HEAD');
    expectProblem(await request(base, '/', { method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED');
  });

  it('still routes /api to the services, and an unknown /api or /ws path is a 404 problem, not the app', async () => {
    const routed = await request(base, '/api/profiles?limit=1');
    expect(routed.status).toBe(200);
    expect(JSON.parse(routed.body.toString())).toEqual({ path: '/profiles?limit=1' });
    expectProblem(await request(base, '/api/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await request(base, '/api'), 404, 'NOT_FOUND');
    expectProblem(await request(base, '/api/nothing/index.html'), 404, 'NOT_FOUND');
  });

  it('answers a web root without index.html (not built) with a 503 problem saying to build it', async () => {
    for (const link of ['/', '/coffees/1']) {
      const answer = await request(notBuiltBase, link);
      expectProblem(answer, 503, 'SERVICE_UNAVAILABLE');
      expect(JSON.parse(answer.body.toString())).toMatchObject({
        detail: expect.stringContaining('npm run build') as string,
      });
    }
    expectProblem(await request(notBuiltBase, '/assets/index-4f2a9c.js'), 404, 'NOT_FOUND');
  });

  it('without a web root, answers / with a 404 problem as before', async () => {
    expectProblem(await request(noWebBase, '/'), 404, 'NOT_FOUND');
  });

  it('reads Accept-Encoding with its qualities', () => {
    expect(preferredEncoding(undefined)).toBeUndefined();
    expect(preferredEncoding('identity')).toBeUndefined();
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('GZIP;q=0.5, BR;q=0.8')).toBe('br');
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0')).toBeUndefined();
  });
});
