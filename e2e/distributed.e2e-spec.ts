import {
  deadLetterTopic,
  MessageHeaders,
  SERVICE_NAMES,
  SERVICES,
  Topics,
  type ServiceName,
} from '@agora/contracts';
import { ensureTopics } from '@agora/messaging';
import {
  connectRealtime,
  eventually,
  freePort,
  provisionAllServices,
  queryRows,
  run,
  serviceDatabaseUrl,
  startProcess,
  startNginx,
  startSmtpInbox,
  RELAXED_RATE_ZONES,
  type RunningNginx,
  waitForHttp,
  type SmtpInbox,
  type ManagedProcess,
} from '@agora/testing';
import kafkajs from 'kafkajs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimsOf, IdentityClient } from './support/identity-client.js';
import { revocationCases, type RevocationContext } from './support/revocation-cases.js';

const root = path.resolve(import.meta.dirname, '..');
const WEB_INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-5c0ffee.js"></script></head></html>';
const kafkaScript = path.join(root, 'infra/kafka/kafka.sh');

/**
 * The production shape on one machine: each service its own process and PostgreSQL role, a real
 * Kafka 3.9.2 broker (KRaft, jars from Maven Central), nginx from Debian's package with the generated
 * config in front. The crash tests stop a service and the broker mid-stream.
 */
describe('distributed platform behind nginx on real Kafka', () => {
  const adminUrl = inject('testDatabaseUrl');
  const work = path.join(root, '.data', `e2e-distributed-${process.pid}`);
  const kafkaEnv: Record<string, string> = { KAFKA_DATA_DIR: path.join(work, 'kafka') };
  let brokers: string;
  const ports = {} as Record<ServiceName, number>;
  const metricsPorts = {} as Record<ServiceName, number>;
  const services = {} as Record<ServiceName, ManagedProcess>;
  let nginx: RunningNginx | undefined;
  let gateway: string;
  let inbox: SmtpInbox;

  const serviceEnv = (name: ServiceName): Record<string, string> => ({
    HOST: '127.0.0.1',
    PORT: String(ports[name]),
    METRICS_PORT: String(metricsPorts[name]),
    DATABASE_URL: serviceDatabaseUrl(adminUrl, name),
    BUS: 'kafka',
    KAFKA_BROKERS: brokers,
    OUTBOX_POLL_INTERVAL_MS: '200',
    MESSAGING_MAX_ATTEMPTS: '3',
    MESSAGING_RETRY_BASE_MS: '50',
    LOG_LEVEL: 'info',
    JWKS_URL: `http://127.0.0.1:${ports.auth}/.well-known/jwks.json`,
    SMTP_URL: inbox.url,
    PUBLIC_URL: gateway,
    // Limits and revocation lists in Redis, as replicas share them; keys of this run only.
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `agora-e2e-distributed-${process.pid}:`,
    REGISTRATION_MAX_PER_IP: '10000',
    ADMIN_EMAIL: 'root@example.com',
    ADMIN_PASSWORD: 'root admin passphrase',
    // Uploads go under the suite's work folder, which it removes at the end.
    MEDIA_DIR: path.join(work, 'media'),
  });
  const startServiceProcess = async (name: ServiceName): Promise<void> => {
    services[name] = startProcess(path.join(root, `dist/apps/${name}-service/src/main.js`), serviceEnv(name));
    await waitForHttp(`http://127.0.0.1:${ports[name]}/health/ready`, 200, 60_000, services[name]);
  };
  const register = (login: string, requestId?: string) =>
    fetch(`${gateway}/api/registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ email: `${login}@example.com`, login, password: 'correct horse' }),
    });
  /** Verifies `<login>@example.com` with the code from its mail: only then is its profile public. */
  const verify = async (login: string) => {
    const mail = await inbox.next(`${login}@example.com`);
    const code = /verification code is (\d{6})/.exec(mail.text)![1];
    const reply = await fetch(`${gateway}/api/verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${login}@example.com`, code }),
    });
    expect(reply.status).toBe(200);
  };
  /** The last few warning and error lines of a service's JSON log. */
  const lastWarnings = (output: string): string =>
    output
      .split('\n')
      .filter((line) => /"level":"(warn|error|fatal)"/.test(line))
      .slice(-4)
      .map((line) => line.slice(0, 600))
      .join(' / ');
  const profileCount = async (prefix: string): Promise<number> => {
    const rows = await queryRows<{ count: string }>(
      adminUrl,
      `SELECT count(*) FROM social.profiles WHERE login LIKE $1`,
      [`${prefix}%`],
    );
    return Number(rows[0].count);
  };

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    inbox = await startSmtpInbox();
    kafkaEnv.KAFKA_PORT = String(await freePort());
    kafkaEnv.KAFKA_CONTROLLER_PORT = String(await freePort());
    brokers = `127.0.0.1:${kafkaEnv.KAFKA_PORT}`;
    for (const name of SERVICE_NAMES) {
      ports[name] = await freePort();
      metricsPorts[name] = await freePort();
    }
    await run('bash', [kafkaScript, 'start'], kafkaEnv);
    await ensureTopics([brokers]);

    await provisionAllServices(adminUrl);
    await run(process.execPath, [path.join(root, 'dist/apps/platform/src/migrate.js')], {
      ...Object.fromEntries(
        SERVICE_NAMES.map((name) => [
          `${name.toUpperCase()}_DATABASE_URL`,
          serviceDatabaseUrl(adminUrl, name),
        ]),
      ),
    });

    // A web app's build as apps/web writes it to dist/web (this suite does not depend on the real one's pages).
    const webRoot = path.join(work, 'web');
    mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(webRoot, 'index.html'), WEB_INDEX);
    writeFileSync(path.join(webRoot, 'assets', 'index-5c0ffee.js'), 'export {};\n');
    // The suite sends a few hundred requests from one address: the rate zones are relaxed here (their
    // production values are checked in gateway-edge.e2e-spec.ts).
    nginx = await startNginx(
      work,
      Object.fromEntries(SERVICE_NAMES.map((name) => [name, `127.0.0.1:${ports[name]}`])) as Record<
        ServiceName,
        string
      >,
      RELAXED_RATE_ZONES,
      webRoot,
    );
    gateway = nginx.url;
    await Promise.all(SERVICE_NAMES.map(startServiceProcess));
    await waitForHttp(`${gateway}/api/health`, 200, 30_000);
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await run('bash', [kafkaScript, 'stop'], kafkaEnv).catch(() => undefined);
    await inbox?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('registers through nginx; social-service builds the profile from the Kafka event with the same request id', async () => {
    const response = await register('dist_anna', 'e2e-dist-request-1');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('e2e-dist-request-1');
    const { id } = (await response.json()) as { id: string };
    await verify('dist_anna');
    const profile = await eventually(
      async () => {
        const reply = await fetch(`${gateway}/api/profiles/${id}`);
        return reply.ok ? ((await reply.json()) as { login: string }) : undefined;
      },
      30_000,
      'the profile',
    );
    expect(profile.login).toBe('dist_anna');
    const handled = services.social
      .output()
      .split('\n')
      .filter(
        (line) => line.includes('"event handled"') && line.includes('"requestId":"e2e-dist-request-1"'),
      );
    expect(handled).toHaveLength(1);
  });

  it('serves the web app at / and its deep links, while /api stays the services’', async () => {
    for (const link of ['/', '/coffees/0192f3d4-0000-7000-8000-000000000000']) {
      const page = await fetch(`${gateway}${link}`);
      expect(page.status, link).toBe(200);
      expect(page.headers.get('content-type'), link).toContain('text/html');
      expect(await page.text(), link).toBe(WEB_INDEX);
    }
    const asset = await fetch(`${gateway}/assets/index-5c0ffee.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The API: a real service's answer, and an unknown path its 404 problem rather than the app's page.
    const health = await fetch(`${gateway}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ready' });
    const coffees = await fetch(`${gateway}/api/coffees?limit=1`);
    expect(coffees.status).toBe(200);
    expect(coffees.headers.get('content-type')).toContain('application/json');
    const unknown = await fetch(`${gateway}/api/coffees-nowhere/1`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('upgrades /ws through nginx to social-service, which pushes profiles built from Kafka events', async () => {
    const admin = await new IdentityClient(gateway, inbox).signIn(
      'root@example.com',
      'root admin passphrase',
    );
    const websocket = await connectRealtime(gateway, { transport: 'websocket', token: admin.accessToken });
    try {
      expect(await websocket.subscribe('profiles')).toEqual({ ok: true, channel: 'profiles' });
      const created = websocket.next<{ login: string }>('profile.created', (p) => p.login === 'dist_ws');
      expect((await register('dist_ws')).status).toBe(201);
      await verify('dist_ws');
      expect(await created).toMatchObject({ login: 'dist_ws' });
    } finally {
      websocket.close();
    }
  });

  it('delivers a chat message sent through one social-service replica to a socket on another (Redis adapter)', async () => {
    // A second social-service process beside the one behind nginx: same database, Kafka group and Redis.
    const secondPort = await freePort();
    const second = startProcess(path.join(root, 'dist/apps/social-service/src/main.js'), {
      ...serviceEnv('social'),
      PORT: String(secondPort),
      METRICS_PORT: '0',
    });
    const secondUrl = `http://127.0.0.1:${secondPort}`;
    const sockets: { close(): void }[] = [];
    try {
      await waitForHttp(`${secondUrl}/health/ready`, 200, 60_000, second);
      const api = new IdentityClient(gateway, inbox);
      const [anna, boris] = await Promise.all(
        ['dist_chat_a', 'dist_chat_b'].map(async (login) => {
          expect((await register(login)).status).toBe(201);
          await verify(login);
          const session = await api.signIn(login, 'correct horse');
          await eventually(
            async () =>
              (await fetch(`${gateway}/api/profiles/${session.id}`)).status === 200 ? true : undefined,
            20_000,
            `the profile of ${login}`,
          );
          return session;
        }),
      );
      const post = (base: string, route: string, token: string, body: unknown) =>
        fetch(`${base}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      const opened = await post(`${gateway}/api`, '/chats', anna.accessToken, { userId: boris.id });
      expect(opened.status).toBe(201);
      const chatId = ((await opened.json()) as { id: string }).id;

      // Boris behind nginx (the first replica), Anna on the second replica.
      const borisSocket = await connectRealtime(gateway, { token: boris.accessToken });
      const annaSocket = await connectRealtime(secondUrl, { token: anna.accessToken });
      sockets.push(borisSocket, annaSocket);
      const toBoris = borisSocket.next<{ text: string }>(
        'chat.message',
        (message) => message.text === 'via second',
      );
      expect(
        (await post(secondUrl, `/chats/${chatId}/messages`, anna.accessToken, { text: 'via second' })).status,
      ).toBe(201);
      expect(await toBoris).toMatchObject({ text: 'via second' });

      const toAnna = annaSocket.next<{ text: string }>(
        'chat.message',
        (message) => message.text === 'via nginx',
      );
      const ack = await borisSocket.request<{ ok: boolean }>('chat.send', { chatId, text: 'via nginx' });
      expect(ack.ok).toBe(true);
      expect(await toAnna).toMatchObject({ text: 'via nginx' });
    } finally {
      sockets.forEach((socket) => socket.close());
      await second.stop();
    }
  });

  it('runs the identity flow through nginx: register → mail → verify → sign in → refresh → me', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${gateway}/api${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect((await register('dist_flow')).status).toBe(201);
    const mail = await inbox.next('dist_flow@example.com');
    const code = /verification code is (\d{6})/.exec(mail.text)![1];
    expect(mail.text).toContain(`${gateway}/verify?email=dist_flow%40example.com&code=${code}`);
    expect((await post('/verification', { email: 'dist_flow@example.com', code })).status).toBe(200);
    const signIn = await post('/authentication', { login: 'dist_flow', password: 'correct horse' });
    expect(signIn.status).toBe(200);
    const first = (await signIn.json()) as { refreshToken: string };
    const refreshed = await post('/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const me = await fetch(`${gateway}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: 'dist_flow', verified: true });
    const jwks = (await (await fetch(`${gateway}/api/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(1);
  });

  it('serves each service’s Prometheus metrics on its own port, which nginx does not route', async () => {
    for (const name of SERVICE_NAMES) {
      const reply = await fetch(`http://127.0.0.1:${metricsPorts[name]}/metrics`);
      expect(reply.status, name).toBe(200);
      const text = await reply.text();
      expect(text, name).toContain(`db_pool_connections{service="${name}",state="total"}`);
      expect(text, name).toContain(`outbox_backlog_events{service="${name}"}`);
      expect(text, name).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      expect(text, name).toMatch(
        new RegExp(`^http_requests_total\\{service="${name}",method="GET",route="/health/ready"`, 'm'),
      );
    }
    // social-service consumed registrations from Kafka: handled events, their handling time and the lag behind.
    const social = await (await fetch(`http://127.0.0.1:${metricsPorts.social}/metrics`)).text();
    expect(social).toMatch(
      /^messaging_events_total\{service="social",topic="auth\.user\.registered\.v1",outcome="handled"\} [1-9]/m,
    );
    expect(social).toMatch(
      /^messaging_consumer_lag_messages\{service="social",topic="auth\.user\.registered\.v1",partition="\d+"\} 0$/m,
    );
    // /api/metrics is the API's 404; /metrics the web app's page (its own 404), never Prometheus text.
    expect((await fetch(`${gateway}/api/metrics`)).status).toBe(404);
    const page = await fetch(`${gateway}/metrics`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).not.toContain('# HELP');
  });

  it('keeps every event while social-service is down: 50 registrations → exactly 50 profiles', async () => {
    await services.social.stop();
    expect((await fetch(`${gateway}/api/health`)).status).toBe(503);
    for (let batch = 0; batch < 5; batch += 1) {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, index) => register(`crash_${batch * 10 + index}`)),
      );
      expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    }
    expect(await profileCount('crash_')).toBe(0);
    await startServiceProcess('social');
    await eventually(
      async () => ((await profileCount('crash_')) === 50 ? true : undefined),
      60_000,
      '50 profiles',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await profileCount('crash_')).toBe(50);
    expect((await fetch(`${gateway}/api/health`)).status).toBe(200);
  });

  it('reports the stopped broker in readiness within seconds, and loses and doubles nothing across the restart', async () => {
    const admin = await new IdentityClient(gateway, inbox).signIn(
      'root@example.com',
      'root admin passphrase',
    );
    // Each account is registered, then renamed by an admin: two events per profile. A profile's version
    // counts every event applied to it (not idempotent by key), so an event applied twice shows as a
    // version above 2, and a lost one as a version below 2 or a missing profile.
    const registering = (async () => {
      for (let index = 0; index < 30; index += 1) {
        const reply = await register(`restart_${index}`);
        expect(reply.status).toBe(201);
        const { id } = (await reply.json()) as { id: string };
        const renamed = await fetch(`${gateway}/api/users/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
          body: JSON.stringify({ login: `restart_${index}_renamed` }),
        });
        expect(renamed.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const readiness = () =>
      Promise.all([
        fetch(`${gateway}/api/health`).then((reply) => reply.status),
        ...SERVICE_NAMES.map((name) =>
          fetch(`http://127.0.0.1:${ports[name]}/health/ready`).then((reply) => reply.status),
        ),
      ]);
    expect(await readiness()).toEqual(Array(1 + SERVICE_NAMES.length).fill(200));
    await new Promise((resolve) => setTimeout(resolve, 800));
    await run('bash', [kafkaScript, 'stop'], kafkaEnv);
    const stoppedAt = Date.now();
    // The gateway and every service's /health/ready say 503 within a few seconds of the broker going away.
    await eventually(
      async () => ((await readiness()).every((status) => status === 503) ? true : undefined),
      8_000,
      'readiness 503 everywhere while the broker is stopped',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(8_000);
    await run('bash', [kafkaScript, 'start'], kafkaEnv);
    await eventually(
      async () => {
        const statuses = await readiness();
        if (statuses.every((status) => status === 200)) {
          return true;
        }
        // What the services that stay unready said last, so a timeout shows why.
        const unready = SERVICE_NAMES.filter((_, index) => statuses[index + 1] !== 200);
        throw new Error(
          `statuses ${statuses.join(',')}; ${unready
            .map((name) => `${name}: ${lastWarnings(services[name].output())}`)
            .join(' | ')}`,
        );
      },
      60_000,
      'readiness 200 everywhere once the broker is back',
    );
    await registering;
    const byLogin = (a: { login: string }, b: { login: string }) => (a.login < b.login ? -1 : 1);
    const versions = async () =>
      (
        await queryRows<{ login: string; version: number }>(
          adminUrl,
          `SELECT login, version FROM social.profiles WHERE login LIKE 'restart\\_%'`,
        )
      ).sort(byLogin);
    const expected = Array.from({ length: 30 }, (_, index) => ({
      login: `restart_${index}_renamed`,
      version: 2,
    })).sort(byLogin);
    await eventually(
      async () => {
        const rows = await versions();
        return rows.length === 30 && rows.every((row) => row.login.endsWith('_renamed')) ? true : undefined;
      },
      90_000,
      '30 renamed profiles',
    );
    // Redeliveries of the outage must not land after the check: give them a moment, then count exactly.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await versions()).toEqual(expected);
    const unsent = await queryRows<{ count: string }>(
      adminUrl,
      `SELECT count(*) FROM auth.outbox WHERE sent_at IS NULL`,
    );
    expect(Number(unsent[0].count)).toBe(0);
    const users = await queryRows<{ count: string }>(
      adminUrl,
      `SELECT count(*) FROM auth.users WHERE login LIKE 'restart\\_%'`,
    );
    expect(Number(users[0].count)).toBe(30);
  });

  it('dead-letters poison messages and keeps the partition flowing', async () => {
    const kafka = new kafkajs.Kafka({
      brokers: [brokers],
      clientId: 'e2e-poison',
      logLevel: kafkajs.logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const poisonKey = 'poison-key';
    await producer.send({
      topic: Topics.UserRegistered,
      messages: [
        { key: poisonKey, value: 'this is not json', headers: { [MessageHeaders.EventId]: uuidv7() } },
        {
          key: poisonKey,
          value: JSON.stringify({ unexpected: true }),
          headers: { [MessageHeaders.EventId]: uuidv7() },
        },
        {
          key: poisonKey,
          value: JSON.stringify({ userId: 42, email: 'x@example.com', login: 'x', registeredAt: 'never' }),
          headers: { [MessageHeaders.EventId]: uuidv7() },
        },
      ],
    });
    await producer.disconnect();

    const reply = await register('after_poison');
    expect(reply.status).toBe(201);
    await eventually(
      async () => ((await profileCount('after_poison')) === 1 ? true : undefined),
      30_000,
      'the profile after the poison',
    );

    const consumer = kafka.consumer({ groupId: `e2e-dlq-${process.pid}` });
    const dead: { error: string; original: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic(Topics.UserRegistered), fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        dead.push({
          error: message.headers?.[MessageHeaders.Error]?.toString() ?? '',
          original: message.headers?.[MessageHeaders.OriginalTopic]?.toString() ?? '',
        });
        return Promise.resolve();
      },
    });
    await eventually(
      () => Promise.resolve(dead.length >= 3 ? true : undefined),
      30_000,
      'three dead letters',
    );
    await consumer.disconnect();
    expect(dead).toHaveLength(3);
    expect(dead.every((letter) => letter.original === Topics.UserRegistered)).toBe(true);
    // Unreadable JSON, then two payloads that do not fit auth.user.registered.v1's schema.
    expect(dead.map((letter) => letter.error)).toEqual([
      expect.stringMatching(/is not JSON/),
      expect.stringMatching(/does not fit its schema: payload\.userId must be a string/),
      expect.stringMatching(
        /payload\.userId must be a string, not number; payload\.registeredAt must be an ISO/,
      ),
    ]);
  });

  it('makes an approved seller applicant a seller through Kafka: order-service → auth-service → role and mail', async () => {
    const api = new IdentityClient(gateway, inbox);
    const admin = await api.signIn('root@example.com', 'root admin passphrase');
    const applicant = await api.signedIn('dist_shop');
    const applied = await api.call<{ id: string }>('POST', '/sellers/applications', {
      token: applicant.accessToken,
      body: { shopName: 'Dist Shop', description: 'Beans', contactEmail: 'shop@example.com' },
    });
    expect(applied.status).toBe(201);
    const approved = await api.call('PUT', `/sellers/applications/${applied.body.id}/approval`, {
      token: admin.accessToken,
      body: { message: 'Welcome aboard' },
    });
    expect(approved.status).toBe(200);
    const mail = await inbox.next(
      'dist_shop@example.com',
      (message) => message.subject.includes('Dist Shop'),
      30_000,
    );
    expect(mail.text).toContain('Welcome aboard');
    expect(claimsOf((await api.signIn('dist_shop')).accessToken).role).toBe('seller');
  });

  it('answers on every service behind nginx with the seed routes and the merged docs', async () => {
    for (const name of SERVICE_NAMES) {
      const spec = await fetch(`${gateway}/api/docs/${name}.json`);
      expect(spec.status).toBe(200);
      expect(((await spec.json()) as { info: { title: string } }).info.title).toBe(
        `Agora ${SERVICES[name].host}`,
      );
    }
    expect((await fetch(`${gateway}/api/docs/`)).status).toBe(200);
    const notFound = await fetch(`${gateway}/api/nowhere`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('revocation reaches every service through Kafka and Redis within seconds', () => {
    let context: RevocationContext;
    beforeAll(async () => {
      const api = new IdentityClient(gateway, inbox);
      const admin = await api.signIn('root@example.com', 'root admin passphrase');
      context = { api, admin: admin.accessToken, login: (base) => `dist_${base}` };
    });
    revocationCases(() => context);
  });
});
