import { SERVICE_NAMES } from '@agora/contracts';
import { createLogger } from '@agora/logging';
import { closeServer, listenLocally } from '@agora/testing';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeGateway, type Upstreams } from './node-gateway.js';

/** A service whose `/health/ready` answers this status (and whatever body). */
const serviceAnswering = (status: number) =>
  http.createServer((req, res) => {
    res.writeHead(req.url === '/health/ready' ? status : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: status === 200 ? 'ready' : 'not ready', padding: 'x'.repeat(4_000) }));
  });

/** The embedded gateway's `/api/health`: 200 only when every service's `/health/ready` is 2xx. */
describe('node gateway: /api/health', () => {
  const servers: http.Server[] = [];
  let ready = '';
  let notReady = '';
  let gone = '';

  const health = async (upstreams: Upstreams) => {
    const gateway = createNodeGateway(upstreams, createLogger('health-test', 'silent'));
    servers.push(gateway);
    const answer = await fetch(`${await listenLocally(gateway)}/api/health`);
    return { status: answer.status, body: (await answer.json()) as { services: Record<string, string> } };
  };

  beforeAll(async () => {
    const [up, down, closed] = [serviceAnswering(200), serviceAnswering(503), serviceAnswering(200)];
    servers.push(up, down);
    [ready, notReady, gone] = await Promise.all([
      listenLocally(up),
      listenLocally(down),
      listenLocally(closed),
    ]);
    await closeServer(closed);
  });

  afterAll(async () => {
    await Promise.all(servers.map(closeServer));
  });

  it('is ready when every service is, asking each again on every call', async () => {
    const all = Object.fromEntries(SERVICE_NAMES.map((name) => [name, ready]));
    for (let call = 0; call < 3; call += 1) {
      const answer = await health(all);
      expect(answer.status).toBe(200);
      expect(Object.values(answer.body.services)).toEqual(SERVICE_NAMES.map(() => 'ready'));
    }
  });

  it('answers 503 naming the services that are not ready, down or unknown', async () => {
    const answer = await health({ auth: ready, social: notReady, media: gone, catalog: ready });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      services: {
        auth: 'ready',
        social: 'unavailable',
        media: 'unavailable',
        catalog: 'ready',
        order: 'unavailable',
      },
    });
  });
});
