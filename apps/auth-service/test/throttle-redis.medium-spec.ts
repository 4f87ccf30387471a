import { provisionAllServices, startServicesInProcess, startSmtpInbox } from '@agora/testing';
import type { InProcessServices, SmtpInbox } from '@agora/testing';
import { randomBytes, randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../src/auth-service.definition.js';
import { AuthTestClient } from '@agora/testing';

/** The machine's Redis (TEST_REDIS_URL overrides it). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery';
const WINDOW_SECONDS = 600;
/** Keys of this run only: Redis outlives test databases. */
const PREFIX = `agora-medium-${process.pid}-${randomBytes(3).toString('hex')}:`;
const ADMIN = { email: 'root@example.com', password: 'root admin passphrase' };

const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const unique = (base: string) => `${base}_${randomBytes(3).toString('hex')}`;
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sid: string; sub: string };

/**
 * Two auth-service replicas on one database, sharing rate-limit counters and the revocation list through the
 * real Redis. Each replica has its own in-process bus, as replicas in one Kafka consumer group do: an
 * event reaches only the replica whose relay published it, and the other learns of it through Redis.
 */
describe('auth-service replicas sharing limits and revocations through Redis', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let replicas: InProcessServices[] = [];
  let first: AuthTestClient;
  let second: AuthTestClient;
  let redis: Redis;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    const env = {
      SMTP_URL: inbox.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '5',
      LOGIN_MAX_FAILURES_PER_IP: '8',
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      REGISTRATION_MAX_PER_IP: '4',
      RECOVERY_MAX_PER_ADDRESS: '3',
    };
    for (let replica = 0; replica < 2; replica += 1) {
      replicas.push(await startServicesInProcess(adminUrl, [authServiceDefinition], env));
    }
    [first, second] = replicas.map((replica) => new AuthTestClient(replica.services.auth.url, inbox));
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
    await redis?.quit();
    await inbox?.close();
  });

  /** Registers, verifies and signs in from an address of its own (the registration limit is per address). */
  const signedIn = async (login: string) => {
    const ip = randomIp();
    const registered = await first.call<{ id: string }>('POST', '/registration', {
      body: { email: `${login}@example.com`, login, password: PASSWORD },
      ip,
    });
    expect(registered.status).toBe(201);
    const code = await first.verificationCode(`${login}@example.com`);
    expect(
      (await second.call('POST', '/verification', { body: { email: `${login}@example.com`, code }, ip }))
        .status,
    ).toBe(200);
    const tokens = await second.call<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/authentication',
      {
        body: { login, password: PASSWORD },
        ip,
      },
    );
    return { id: registered.body.id, ...tokens.body };
  };

  it('counts failures for an account and address across replicas, the login and the e-mail alike', async () => {
    const login = unique('rose');
    const user = await signedIn(login);
    const attacker = randomIp();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const replica = attempt % 2 === 0 ? first : second;
      const reply = await replica.call('POST', '/authentication', {
        body: { login: attempt % 3 === 0 ? `${login}@example.com` : login, password: `guess-${attempt}` },
        ip: attacker,
      });
      statuses.push(reply.status);
      retryAfter ??= reply.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);

    const counter = `${PREFIX}rate:auth.login.account-ip:user:${user.id}:${attacker}`;
    expect(await redis.get(counter)).toBe('8');
    const ttl = await redis.pttl(counter);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);

    const owner = await second.call('POST', '/authentication', {
      body: { login, password: PASSWORD },
      ip: randomIp(),
    });
    expect(owner.status).toBe(200);
  });

  it('counts failures per address across accounts and replicas', async () => {
    const sprayer = randomIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const replica = attempt % 2 === 0 ? second : first;
      const reply = await replica.call('POST', '/authentication', {
        body: { login: `nobody_${randomBytes(4).toString('hex')}`, password: PASSWORD },
        ip: sprayer,
      });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect(await redis.get(`${PREFIX}rate:auth.login.ip:${sprayer}`)).toBe('10');
  });

  it('shares the registration and recovery limits across replicas', async () => {
    const ip = randomIp();
    const registrations: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const replica = index % 2 === 0 ? first : second;
      const login = unique(`reg${index}`);
      registrations.push(
        (
          await replica.call('POST', '/registration', {
            body: { email: `${login}@example.com`, login, password: PASSWORD },
            ip,
          })
        ).status,
      );
    }
    expect(registrations).toEqual([201, 201, 201, 201, 429, 429]);

    const email = `${unique('lost')}@example.com`;
    const recoveries: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const replica = index % 2 === 0 ? second : first;
      recoveries.push(
        (await replica.call('POST', '/password/recovery', { body: { email }, ip: randomIp() })).status,
      );
    }
    expect(recoveries).toEqual([202, 202, 202, 429, 429]);
    expect(await redis.get(`${PREFIX}rate:auth.recovery.email:${email}`)).toBe('5');
  });

  it('refuses a signed-out session on both replicas, whichever of them heard the event', async () => {
    const user = await signedIn(unique('otto'));
    for (const replica of [first, second]) {
      expect((await replica.call('GET', '/me', { token: user.accessToken })).status).toBe(200);
    }
    expect((await first.call('POST', '/logout', { body: { refreshToken: user.refreshToken } })).status).toBe(
      204,
    );
    const key = `${PREFIX}revoked:session:${claimsOf(user.accessToken).sid}`;
    const started = Date.now();
    for (const replica of [second, first]) {
      for (;;) {
        const reply = await replica.call('GET', '/me', { token: user.accessToken });
        if (reply.status === 401) {
          expect(reply.body).toMatchObject({ code: 'ACCESS_TOKEN_REVOKED' });
          break;
        }
        expect(Date.now() - started).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Kept only as long as an access token can live (15 minutes and a little).
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(800_000);
    expect(ttl).toBeLessThanOrEqual(905_000);
  });

  it("refuses a user's tokens below the new version on both replicas after a role change", async () => {
    const user = await signedIn(unique('demi'));
    const admin = await first.call<{ accessToken: string }>('POST', '/authentication', {
      body: { login: ADMIN.email, password: ADMIN.password },
      ip: randomIp(),
    });
    expect(
      (
        await second.call('PUT', `/users/${user.id}/role`, {
          token: admin.body.accessToken,
          body: { role: 'seller' },
        })
      ).status,
    ).toBe(200);
    for (const replica of [first, second]) {
      const started = Date.now();
      while ((await replica.call('GET', '/me', { token: user.accessToken })).status !== 401) {
        expect(Date.now() - started).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(await redis.get(`${PREFIX}revoked:user:${user.id}`)).toBe('1');
    const renewed = await first.call<{ accessToken: string }>('POST', '/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    for (const replica of [first, second]) {
      expect((await replica.call('GET', '/me', { token: renewed.body.accessToken })).body).toMatchObject({
        role: 'seller',
      });
    }
  });
});
