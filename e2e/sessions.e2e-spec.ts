import {
  atOnce,
  copies,
  queryRows,
  startOAuthProvider,
  startSmtpInbox,
  type OAuthAccount,
  type OAuthProviderServer,
  type JsonResponse,
  type SmtpInbox,
} from '@agora/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimsOf, IdentityClient, PASSWORD, type Session } from './support/identity-client.js';
import { revocationCases } from './support/revocation-cases.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

const ADMIN = { email: 'root@example.com', password: 'root admin passphrase' };
const PUBLIC_URL = 'https://agora.example';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Answers compared as a client sees them, without the per-request members. */
const comparable = (body: Record<string, unknown>) => ({
  ...body,
  requestId: undefined,
  instance: undefined,
});

interface Context {
  platform: InProcessPlatform;
  inbox: SmtpInbox;
  api: IdentityClient;
  admin: string;
  /** A login unique to this run (Redis outlives test databases). */
  readonly login: (base: string) => string;
}

async function startContext(name: string, env: Record<string, string>): Promise<Context> {
  const inbox = await startSmtpInbox();
  const platform = await startInProcessPlatform(inject('testDatabaseUrl'), name, {
    env: {
      SMTP_URL: inbox.url,
      PUBLIC_URL,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // Every request comes from the gateway's 127.0.0.1: per-address limits are tested in rate-limits.e2e-spec.
      LOGIN_MAX_FAILURES_PER_IP: '10000',
      REGISTRATION_MAX_PER_IP: '10000',
      VERIFICATION_MAX_ATTEMPTS_PER_IP: '10000',
      ...env,
    },
  });
  const api = new IdentityClient(platform.gatewayUrl, inbox);
  const suffix = randomBytes(3).toString('hex');
  return {
    platform,
    inbox,
    api,
    admin: (await api.signIn(ADMIN.email, ADMIN.password)).accessToken,
    login: (base) => `${base}_${suffix}`,
  };
}

describe('identity through the gateway (npm start in the test process)', () => {
  let context: Context;
  let google: OAuthProviderServer;

  beforeAll(async () => {
    google = await startOAuthProvider('google');
    context = await startContext('sessions', {
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '5',
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_AUTHORIZATION_URL: google.authorizationUrl,
      GOOGLE_TOKEN_URL: google.tokenUrl,
      GOOGLE_USERINFO_URL: google.userInfoUrl,
    });
  });

  afterAll(async () => {
    await context?.platform.close();
    await context?.inbox.close();
    await google?.close();
  });

  describe('verification never answers account data (item 1)', () => {
    it('answers an already verified address, an unknown one and a wrong code alike, and a right code without data', async () => {
      const { api } = context;
      await api.register('vicky');
      const code = await api.verificationCode('vicky@example.com');
      const wrongCode = code === '123456' ? '654321' : '123456';

      const wrong = await api.call('POST', '/verification', {
        body: { email: 'vicky@example.com', code: wrongCode },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
      const admin = await api.call('POST', '/verification', { body: { email: ADMIN.email, code: '123456' } });
      const adminLink = await api.call(
        'GET',
        `/verification?email=${encodeURIComponent(ADMIN.email)}&code=000000`,
      );
      const unknown = await api.call('POST', '/verification', {
        body: { email: 'nobody@example.com', code },
      });
      for (const reply of [admin, adminLink, unknown]) {
        expect(reply.status).toBe(400);
        expect(comparable(reply.body)).toEqual(comparable(wrong.body));
      }

      const verified = await api.call('GET', `/verification?email=vicky%40example.com&code=${code}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        verified: true,
        detail: 'The address is confirmed; sign in with POST /api/authentication',
      });
      // The link opened again (the account is verified now) is a wrong code, not the account.
      const again = await api.call('POST', '/verification', { body: { email: 'vicky@example.com', code } });
      expect(again.status).toBe(400);
      expect(comparable(again.body)).toEqual(comparable(wrong.body));
      for (const reply of [admin, adminLink, unknown, verified, again]) {
        for (const leaked of ['id', 'email', 'login', 'role', 'createdAt']) {
          expect(reply.body).not.toHaveProperty(leaked);
        }
      }
    });
  });

  describe('revocation reaches every service (item 2), in-memory lists', () => {
    revocationCases(() => context);
  });

  describe('sign-in throttle per account (item 5)', () => {
    it('counts the login and the e-mail of one account, and unknown names by their normalized form, in one budget', async () => {
      const { api } = context;
      await api.signedIn('thea');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) {
        const login = attempt % 2 === 0 ? 'thea' : 'THEA@example.com';
        statuses.push(
          (await api.call('POST', '/authentication', { body: { login, password: `guess-${attempt}` } }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const locked = await api.call('POST', '/authentication', {
        body: { login: 'thea@example.com', password: PASSWORD },
      });
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

      const unknown: number[] = [];
      for (const login of ['Ghost', 'ghost', ' GHOST ', 'ghost', 'gHost', 'ghost']) {
        unknown.push(
          (await api.call('POST', '/authentication', { body: { login, password: PASSWORD } })).status,
        );
      }
      expect(unknown).toEqual([401, 401, 401, 401, 401, 429]);
    });

    it('counts a wrong currentPassword of PATCH /api/me, and refuses it with 429 while the account is locked', async () => {
      const { api, platform } = context;
      const session = await api.signedIn('pat');
      const passwordHash = async () =>
        (
          await queryRows<{ password_hash: string }>(
            platform.adminUrl,
            `SELECT password_hash FROM auth.users WHERE login = 'pat'`,
          )
        )[0].password_hash;
      const before = await passwordHash();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(
          (await api.call('POST', '/authentication', { body: { login: 'pat', password: 'wrong' } })).status,
        ).toBe(401);
      }
      const wrongCurrent = () =>
        api.call('PATCH', '/me', {
          token: session.accessToken,
          body: { currentPassword: 'not it', newPassword: 'an attackers passphrase' },
        });
      expect((await wrongCurrent()).body).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD' });
      expect((await wrongCurrent()).body).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD' });
      const throttled = await wrongCurrent();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      // Locked for sign-in too, and even the right current password waits.
      expect(
        (await api.call('POST', '/authentication', { body: { login: 'pat', password: PASSWORD } })).status,
      ).toBe(429);
      const right = await api.call('PATCH', '/me', {
        token: session.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'the owners new passphrase' },
      });
      expect(right.status).toBe(429);
      expect(await passwordHash()).toBe(before);
    });

    it('lets exactly the allowed number of 20 parallel wrong passwords through to the hash check', async () => {
      const { api } = context;
      await api.signedIn('rae');
      const replies = await atOnce(
        copies(20, (index) =>
          api.call('POST', '/authentication', {
            body: { login: index % 2 ? 'rae' : 'rae@example.com', password: `x${index}` },
          }),
        ),
      );
      const statuses = replies.map((reply) => reply.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    });
  });

  describe('web sessions: CSRF bound to the session, prefixed Secure cookies (item 6)', () => {
    const cookieHeader = (setCookies: string[]) =>
      setCookies.map((cookie) => cookie.split(';')[0]).join('; ');

    it('sets __Host-/__Secure- Secure cookies for an https PUBLIC_URL and refuses a planted CSRF cookie', async () => {
      const { api } = context;
      await api.signedIn('cleo');
      const signIn = await fetch(`${api.baseUrl}/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'cleo', password: PASSWORD, transport: 'cookie' }),
      });
      expect(signIn.status).toBe(200);
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const setCookies = signIn.headers.getSetCookie();
      const named = (name: string) => setCookies.find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
      expect(named('__Host-agora_access')).toMatch(/; Path=\/;/);
      expect(named('__Host-agora_access')).toMatch(/HttpOnly/);
      expect(named('__Host-agora_access')).toMatch(/Secure/);
      expect(named('__Host-agora_access')).not.toMatch(/Domain=/i);
      expect(named('__Secure-agora_refresh')).toMatch(/Path=\/api;.*Secure|Secure.*Path=\/api;/);
      expect(named('__Host-agora_csrf')).toMatch(/Secure/);
      expect(named('__Host-agora_csrf')).toContain(`__Host-agora_csrf=${csrfToken};`);
      expect(setCookies.some((cookie) => cookie.startsWith('agora_'))).toBe(false);
      const cookies = cookieHeader(setCookies);

      const sessionId = claimsOf(decodeURIComponent(/__Host-agora_access=([^;]+)/.exec(cookies)![1])).sid;
      const rename = (headers: Record<string, string>, login: string) =>
        api.call('PATCH', '/me', { body: { login }, headers });
      expect((await rename({ cookie: cookies, 'x-csrf-token': csrfToken }, 'cleo_k')).status).toBe(200);

      // A cookie planted by a sibling site, echoed in the header, is not this session's token.
      const planted = cookies.replace(/__Host-agora_csrf=[^;]+/, '__Host-agora_csrf=planted-value');
      const forged = await rename({ cookie: planted, 'x-csrf-token': 'planted-value' }, 'cleo_x');
      expect(forged.status).toBe(403);
      expect(forged.body).toMatchObject({ code: 'CSRF_TOKEN_MISMATCH' });
      const social = await api.call('PATCH', '/profiles/me', {
        body: { displayName: 'Forged' },
        headers: { cookie: planted, 'x-csrf-token': 'planted-value' },
      });
      expect(social.status).toBe(403);
      expect(social.body).toMatchObject({ code: 'CSRF_TOKEN_MISMATCH' });

      // Another session's token does not fit this one either.
      const other = await fetch(`${api.baseUrl}/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'cleo_k', password: PASSWORD, transport: 'cookie' }),
      });
      const otherToken = ((await other.json()) as { csrfToken: string }).csrfToken;
      expect(otherToken).not.toBe(csrfToken);
      expect((await rename({ cookie: cookies, 'x-csrf-token': otherToken }, 'cleo_y')).status).toBe(403);

      // Unprefixed names are not read over https (a subdomain could set them).
      const unprefixed = cookies.replace('__Host-agora_access', 'agora_access');
      expect((await api.call('GET', '/me', { headers: { cookie: unprefixed } })).body).toMatchObject({
        code: 'AUTHENTICATION_REQUIRED',
      });

      // Cookie refresh and logout need the session's token; refresh keeps it (same session).
      expect(
        (
          await api.call('POST', '/refresh', {
            body: {},
            headers: { cookie: planted, 'x-csrf-token': 'planted-value' },
          })
        ).status,
      ).toBe(403);
      const refreshed = await api.call<{ csrfToken: string }>('POST', '/refresh', {
        body: {},
        headers: { cookie: cookies, 'x-csrf-token': csrfToken },
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.csrfToken).toBe(csrfToken);
      const renewed = cookieHeader(refreshed.headers.getSetCookie());
      expect(claimsOf(decodeURIComponent(/__Host-agora_access=([^;]+)/.exec(renewed)![1])).sid).toBe(
        sessionId,
      );
      expect(
        (
          await api.call('POST', '/logout', {
            body: {},
            headers: { cookie: renewed, 'x-csrf-token': 'nope' },
          })
        ).status,
      ).toBe(403);
      const out = await api.call('POST', '/logout', {
        body: {},
        headers: { cookie: renewed, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-agora_access='))).toMatch(
        /Max-Age=0|Expires=Thu, 01 Jan 1970/,
      );
    });
  });

  describe('no-store on tokens and account data (item 7), OAuth for integrators (item 10)', () => {
    const noStore = (headers: Headers) => ({
      cacheControl: headers.get('cache-control'),
      pragma: headers.get('pragma'),
    });
    const NO_STORE = { cacheControl: 'no-store', pragma: 'no-cache' };

    /** Start → provider consent → callback, as a browser does it through the gateway. */
    const googleSignIn = async (account: OAuthAccount) => {
      const { api } = context;
      google.consentAs(account);
      const start = await fetch(`${api.baseUrl}/auth/google`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const stateCookie = start.headers
        .getSetCookie()
        .find((cookie) => cookie.startsWith('__Secure-agora_oauth_state='));
      expect(stateCookie).toMatch(/Secure/);
      const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      const back = new URL(consent.headers.get('location')!);
      expect(back.origin).toBe(PUBLIC_URL);
      return api.call<Record<string, unknown>>('GET', `/auth/google/callback${back.search}`, {
        headers: { cookie: stateCookie!.split(';')[0] },
      });
    };

    it('never lets a browser or proxy store tokens or /api/me', async () => {
      const { api } = context;
      const session = await api.signedIn('nora');
      const signIn = await api.call('POST', '/access', { body: { login: 'nora', password: PASSWORD } });
      const cookieSignIn = await api.call('POST', '/authentication', {
        body: { login: 'nora', password: PASSWORD, transport: 'cookie' },
      });
      const refreshed = await api.refresh(session.refreshToken);
      const replies = [
        signIn,
        cookieSignIn,
        refreshed,
        await api.call('GET', '/me', { token: refreshed.body.accessToken }),
        await api.call('POST', '/me', { token: refreshed.body.accessToken }),
        await api.call('PATCH', '/me', { token: refreshed.body.accessToken, body: { login: 'nora_b' } }),
        await api.call('GET', '/me/identities', { token: refreshed.body.accessToken }),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        expect(noStore(reply.headers)).toEqual(NO_STORE);
      }
    });

    it('takes the provider name and https picture for the new profile, and answers callbacks and links no-store', async () => {
      const { api, platform } = context;
      const created = await googleSignIn({
        subject: 'g-hedy',
        email: 'hedy@gmail.com',
        name: 'Hedy Lamarr',
        picture: 'https://lh3.googleusercontent.com/a/hedy',
      });
      expect(created.status).toBe(200);
      expect(noStore(created.headers)).toEqual(NO_STORE);
      const userId = claimsOf(created.body.accessToken as string).sub;
      const [registered] = await queryRows<{ payload: Record<string, unknown> }>(
        platform.adminUrl,
        `SELECT payload FROM auth.outbox WHERE key = $1 AND topic = 'auth.user.registered.v1'`,
        [userId],
      );
      expect(registered.payload).toMatchObject({
        displayName: 'Hedy Lamarr',
        avatarUrl: 'https://lh3.googleusercontent.com/a/hedy',
      });

      await api.signedIn('ida');
      const offer = await googleSignIn({ subject: 'g-ida', email: 'ida@example.com', name: 'Ida' });
      expect(offer.status).toBe(409);
      expect(offer.body).toMatchObject({ code: 'ACCOUNT_LINK_REQUIRED' });
      expect(offer.body.detail).toContain('POST /api/auth/link');
      expect(noStore(offer.headers)).toEqual(NO_STORE);
      const linked = await api.call('POST', '/auth/link', {
        body: { linkToken: offer.body.linkToken, password: PASSWORD },
      });
      expect(linked.status).toBe(200);
      expect(noStore(linked.headers)).toEqual(NO_STORE);
    });
  });

  describe('races on one sign-in (concurrency issue 12 item 7)', () => {
    const liveTokensOf = async (sessionId: string): Promise<number> => {
      const [row] = await queryRows<{ count: string }>(
        context.platform.adminUrl,
        `SELECT count(*) FROM auth.refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL`,
        [sessionId],
      );
      return Number(row.count);
    };

    it('a logout racing refreshes ends the whole sign-in, including a token issued in the same instant', async () => {
      const { api } = context;
      await api.signedIn('lola');
      for (let round = 0; round < 10; round += 1) {
        const session: Session = await api.signIn('lola');
        const replies = await atOnce<JsonResponse<{ accessToken: string; refreshToken: string }>>([
          () => api.refresh(session.refreshToken),
          () => api.call('POST', '/logout', { body: { refreshToken: session.refreshToken } }),
          () => api.refresh(session.refreshToken),
        ]);
        expect(replies[1].status).toBe(204);
        expect(await liveTokensOf(claimsOf(session.accessToken).sid)).toBe(0);
        for (const reply of [replies[0], replies[2]]) {
          if (reply.status === 200) {
            // Issued just before the logout took the family: ended with it.
            expect((await api.refresh(reply.body.refreshToken)).status).toBe(401);
            await api.expectRevokedEverywhere(reply.body.accessToken);
          } else {
            expect(reply.status).toBe(401);
          }
        }
      }
    });

    it('a password change racing refreshes of another sign-in leaves that sign-in no live token', async () => {
      const { api } = context;
      await api.signedIn('max');
      let password = PASSWORD;
      for (let round = 0; round < 5; round += 1) {
        const other = await api.signIn('max', password);
        const current = await api.signIn('max', password);
        const next = `max passphrase number ${round}`;
        const [changed, ...refreshes] = await atOnce<JsonResponse>([
          () =>
            api.call('PATCH', '/me', {
              token: current.accessToken,
              body: { currentPassword: password, newPassword: next },
            }),
          () => api.refresh(other.refreshToken),
          () => api.refresh(other.refreshToken),
        ]);
        expect(changed.status).toBe(200);
        password = next;
        expect(await liveTokensOf(claimsOf(other.accessToken).sid)).toBe(0);
        expect(refreshes.filter((reply) => reply.status === 200).length).toBeLessThanOrEqual(1);
        expect(await liveTokensOf(claimsOf(current.accessToken).sid)).toBe(1);
      }
    });
  });
});

describe('revocation shared through Redis (REDIS_URL), in every service', () => {
  let context: Context;

  beforeAll(async () => {
    context = await startContext('sessions_redis', {
      REDIS_URL,
      REDIS_KEY_PREFIX: `agora-e2e-sessions-${process.pid}:`,
    });
  });

  afterAll(async () => {
    await context?.platform.close();
    await context?.inbox.close();
  });

  revocationCases(() => context);
});
