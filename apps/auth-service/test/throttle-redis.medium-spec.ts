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

/** Addresses and logins unique to this run: Redis outlives test databases. */
const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Two auth-service replicas sharing login-throttle counters through the real Redis. */
describe('auth-service login throttling shared through Redis', () => {
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
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '5',
      LOGIN_MAX_FAILURES_PER_IP: '8',
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
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

  it('counts failures for an account and address across replicas, and lets the owner in from elsewhere', async () => {
    const login = `rose_${randomBytes(4).toString('hex')}`;
    await first.signedIn(login);
    const attacker = randomIp();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const replica = attempt % 2 === 0 ? first : second;
      const reply = await replica.call('POST', '/authentication', {
        body: { login, password: `guess-${attempt}` },
        ip: attacker,
      });
      statuses.push(reply.status);
      retryAfter ??= reply.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);

    const counter = `agora:auth:throttle:account:${login}:ip:${attacker}`;
    expect(await redis.get(counter)).toBe('5');
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
    expect(await redis.get(`agora:auth:throttle:ip:${sprayer}`)).toBe('8');
  });
});
