import {
  eventually,
  queryRows,
  provisionAllServices,
  startServicesInProcess,
  startSmtpInbox,
} from '@agora/testing';
import type { InProcessServices, SmtpInbox } from '@agora/testing';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { createRemoteJWKSet, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { socialServiceDefinition } from '../../social-service/src/social-service.definition.js';
import { authServiceDefinition } from '../src/auth-service.definition.js';
import { AuthTestClient } from '@agora/testing';

const PASSWORD = 'correct horse battery';

/** Identity against real PostgreSQL and a real SMTP server in the test process (OWASP ASVS 5.0 checks). */
describe('auth-service identity', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let client: AuthTestClient;

  const outboxCount = async (topic: string, key: string): Promise<number> => {
    const rows = await queryRows<{ count: string }>(
      adminUrl,
      `SELECT count(*) FROM auth.outbox WHERE topic = $1 AND key = $2`,
      [topic, key],
    );
    return Number(rows[0].count);
  };

  const base64url = (value: object | string): string =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition, socialServiceDefinition], {
      SMTP_URL: inbox.url,
      PUBLIC_URL: 'http://agora.test',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'root admin passphrase',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '5',
      LOGIN_MAX_FAILURES_PER_IP: '30',
    });
    client = new AuthTestClient(platform.services.auth.url, inbox);
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  describe('registration and verification', () => {
    it('registers, mails a six-digit code and a link, refuses sign-in until verified, then verifies', async () => {
      const registered = await client.register('vera');
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ email: 'vera@example.com', login: 'vera', verified: false });
      const mail = await inbox.next('vera@example.com');
      const code = /verification code is (\d{6})/.exec(mail.text)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      // The link opens the web app's page, which confirms at once.
      expect(mail.text).toContain(`http://agora.test/verify?email=vera%40example.com&code=${code}`);

      const early = await client.call('POST', '/authentication', {
        body: { login: 'vera', password: PASSWORD },
      });
      expect(early.status).toBe(403);
      expect(early.body).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });

      const wrong = await client.call('POST', '/verification', {
        body: { email: 'vera@example.com', code: code === '000000' ? '111111' : '000000' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });

      const verified = await client.call('POST', '/verification', {
        body: { email: 'vera@example.com', code },
      });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ verified: true });
      expect(await outboxCount('auth.user.verified.v1', registered.body.id)).toBe(1);

      const signedIn = await client.call('POST', '/access', {
        body: { login: 'vera@example.com', password: PASSWORD },
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    });

    it('verifies through the link, and a new code cancels the old one', async () => {
      await client.register('lina');
      const first = await client.verificationCode('lina@example.com');
      const before = inbox.messages.length;
      expect(
        (await client.call('POST', '/verification/resend', { body: { email: 'lina@example.com' } })).status,
      ).toBe(202);
      const second = await client.verificationCode('lina@example.com', before);
      if (first !== second) {
        const stale = await client.call('GET', `/verification?email=lina%40example.com&code=${first}`);
        expect(stale.status).toBe(400);
      }
      const link = await client.call('GET', `/verification?email=lina%40example.com&code=${second}`);
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ verified: true });
    });

    it('limits wrong guesses and expires codes', async () => {
      await client.register('gus');
      const code = await client.verificationCode('gus@example.com');
      const wrongCode = code === '123456' ? '654321' : '123456';
      const answers: string[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const reply = await client.call('POST', '/verification', {
          body: { email: 'gus@example.com', code: wrongCode },
        });
        answers.push(reply.body.code as string);
      }
      expect(answers.at(-1)).toBe('VERIFICATION_ATTEMPTS_EXHAUSTED');
      const late = await client.call('POST', '/verification', { body: { email: 'gus@example.com', code } });
      expect(late.body).toMatchObject({ code: 'VERIFICATION_ATTEMPTS_EXHAUSTED' });

      const before = inbox.messages.length;
      await client.call('POST', '/verification/resend', { body: { email: 'gus@example.com' } });
      const fresh = await client.verificationCode('gus@example.com', before);
      await queryRows(
        adminUrl,
        `UPDATE auth.verification_codes SET expires_at = now() - interval '1 second'`,
      );
      const expired = await client.call('POST', '/verification', {
        body: { email: 'gus@example.com', code: fresh },
      });
      expect(expired.body).toMatchObject({ code: 'VERIFICATION_CODE_EXPIRED' });
    });

    it('refuses weak passwords with reasons, and taken e-mails or logins naming the field', async () => {
      const common = await client.call('POST', '/registration', {
        body: { email: 'weak@example.com', login: 'weakling', password: 'password123' },
      });
      expect(common.status).toBe(400);
      expect(common.body).toMatchObject({
        code: 'WEAK_PASSWORD',
        errors: [{ field: 'password', messages: ['password is one of the most common passwords'] }],
      });
      const own = await client.call('POST', '/registration', {
        body: { email: 'weak@example.com', login: 'weakling1', password: 'weakling1' },
      });
      expect(own.body).toMatchObject({
        errors: [{ messages: ['password must not be your e-mail or login'] }],
      });
      const taken = await client.call('POST', '/registration', {
        body: { email: 'vera@example.com', login: 'VERA', password: PASSWORD },
      });
      expect(taken.status).toBe(409);
      expect((taken.body.errors as { field: string }[]).map((error) => error.field)).toEqual([
        'email',
        'login',
      ]);
    });
  });

  describe('tokens', () => {
    let session: { id: string; accessToken: string; refreshToken: string };
    let signingKey: { kid: string; private_jwk: JWK };

    beforeAll(async () => {
      session = await client.signedIn('tomas');
      [signingKey] = await queryRows<{ kid: string; private_jwk: JWK }>(
        adminUrl,
        `SELECT kid, private_jwk FROM auth.signing_keys`,
      );
    });

    const forge = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid, ...header })
        .sign(await importJWK(signingKey.private_jwk, 'ES256'));

    it('signs ES256 access tokens that verify against the JWKS route with issuer and audience', async () => {
      const jwks = createRemoteJWKSet(new URL(`${client.baseUrl}/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(session.accessToken, jwks, {
        algorithms: ['ES256'],
        issuer: 'agora-auth',
        audience: 'agora-api',
      });
      expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: signingKey.kid });
      expect(payload).toMatchObject({ sub: session.id, role: 'user' });
      const me = await client.call('GET', '/me', { token: session.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: session.id, login: 'tomas', role: 'user', verified: true });
      const mePost = await client.call('POST', '/me', { token: session.accessToken });
      expect(mePost.body).toEqual(me.body);
    });

    it('rejects alg none, HS256 signed with the public key, expired and wrong-audience tokens', async () => {
      const claims = {
        sub: session.id,
        role: 'admin',
        sid: 'forged',
        iss: 'agora-auth',
        aud: 'agora-api',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 600,
      };
      const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      const jwks = (await client.call<{ keys: JWK[] }>('GET', '/.well-known/jwks.json')).body;
      const hsInput = `${base64url({ alg: 'HS256', typ: 'JWT', kid: signingKey.kid })}.${base64url(claims)}`;
      const hs256 = `${hsInput}.${createHmac('sha256', JSON.stringify(jwks.keys[0])).update(hsInput).digest('base64url')}`;
      const expired = await forge({
        ...claims,
        role: 'user',
        iat: claims.iat - 7200,
        exp: claims.iat - 3600,
      });
      const wrongAudience = await forge({ ...claims, role: 'user', aud: 'someone-else' });
      const wrongIssuer = await forge({ ...claims, role: 'user', iss: 'evil' });
      for (const token of [none, hs256, expired, wrongAudience, wrongIssuer]) {
        const reply = await client.call('GET', '/users', { token });
        expect(reply.status).toBe(401);
        expect(reply.headers.get('www-authenticate')).toContain('Bearer');
      }
      expect((await client.call('GET', '/me', { token: expired })).body).toMatchObject({
        code: 'ACCESS_TOKEN_EXPIRED',
      });
      expect((await client.call('GET', '/me')).body).toMatchObject({ code: 'AUTHENTICATION_REQUIRED' });
    });

    it('rotates refresh tokens; reusing a spent one revokes the whole family', async () => {
      const login = await client.signedIn('rita');
      const rotated = await client.call<{ refreshToken: string; accessToken: string }>('POST', '/refresh', {
        body: { refreshToken: login.refreshToken },
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refreshToken).not.toBe(login.refreshToken);
      const reuse = await client.call('POST', '/refresh', { body: { refreshToken: login.refreshToken } });
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
      const successor = await client.call('POST', '/refresh', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      expect(successor.status).toBe(401);
      expect(successor.body).toMatchObject({ code: 'REFRESH_TOKEN_REVOKED' });
      const [stored] = await queryRows<{ token_hash: string }>(
        adminUrl,
        `SELECT token_hash FROM auth.refresh_tokens LIMIT 1`,
      );
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('lets exactly one of parallel refreshes with the same token win', async () => {
      const login = await client.signedIn('paula');
      const replies = await Promise.all(
        Array.from({ length: 8 }, () =>
          client.call('POST', '/refresh', { body: { refreshToken: login.refreshToken } }),
        ),
      );
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 401)).toHaveLength(7);
    });

    it('logout revokes the sign-in', async () => {
      const login = await client.signedIn('leo');
      expect(
        (await client.call('POST', '/logout', { body: { refreshToken: login.refreshToken } })).status,
      ).toBe(204);
      const after = await client.call('POST', '/refresh', { body: { refreshToken: login.refreshToken } });
      expect(after.status).toBe(401);
    });

    it('web sessions: httpOnly SameSite cookies, and state-changing requests need the CSRF header', async () => {
      await client.signedIn('cora');
      const signIn = await fetch(`${client.baseUrl}/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'cora', password: PASSWORD, transport: 'cookie' }),
      });
      const body = (await signIn.json()) as { tokenType: string; csrfToken: string };
      expect(body.tokenType).toBe('Cookie');
      const setCookies = signIn.headers.getSetCookie();
      expect(setCookies.find((cookie) => cookie.startsWith('agora_access='))).toMatch(
        /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/,
      );
      expect(setCookies.find((cookie) => cookie.startsWith('agora_refresh='))).toMatch(/SameSite=Strict/);
      const cookieHeader = setCookies.map((cookie) => cookie.split(';')[0]).join('; ');
      const me = await fetch(`${client.baseUrl}/me`, { headers: { cookie: cookieHeader } });
      expect(me.status).toBe(200);
      const withoutCsrf = await client.call('PATCH', '/me', {
        body: { login: 'cora2' },
        headers: { cookie: cookieHeader },
      });
      expect(withoutCsrf.status).toBe(403);
      expect(withoutCsrf.body).toMatchObject({ code: 'CSRF_TOKEN_MISMATCH' });
      const refreshWithoutCsrf = await client.call('POST', '/refresh', {
        body: {},
        headers: { cookie: cookieHeader },
      });
      expect(refreshWithoutCsrf.status).toBe(403);
      const refreshed = await client.call('POST', '/refresh', {
        body: {},
        headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ tokenType: 'Cookie' });
    });
  });

  describe('ASVS: no enumeration, throttling, mass assignment', () => {
    it('answers an unknown user and a wrong password with the same status and body', async () => {
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      const unknown = await client.call('POST', '/authentication', {
        body: { login: 'nobody-here', password: PASSWORD },
      });
      const wrong = await client.call('POST', '/authentication', {
        body: { login: 'vera', password: 'not the password' },
      });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
    });

    it('throttles 50 rapid wrong passwords with 429 and Retry-After, without locking the owner out elsewhere', async () => {
      await client.signedIn('victim');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const reply = await client.call('POST', '/authentication', {
          body: { login: 'victim', password: `guess-${attempt}` },
          ip: '203.0.113.66',
        });
        statuses.push(reply.status);
        retryAfter ??= reply.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const blockedEvenWithPassword = await client.call('POST', '/authentication', {
        body: { login: 'victim', password: PASSWORD },
        ip: '203.0.113.66',
      });
      expect(blockedEvenWithPassword.status).toBe(429);
      const owner = await client.call('POST', '/authentication', {
        body: { login: 'victim', password: PASSWORD },
        ip: '198.51.100.7',
      });
      expect(owner.status).toBe(200);
    });

    it('refuses mass assignment of role or verified by a user', async () => {
      const user = await client.signedIn('mallory');
      for (const body of [
        { role: 'admin' },
        { verified: true },
        { login: 'mallory2', role: 'admin' },
        { login: null },
        { newPassword: null, currentPassword: PASSWORD },
      ]) {
        const reply = await client.call('PATCH', '/me', { body, token: user.accessToken });
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      const me = await client.call('GET', '/me', { token: user.accessToken });
      expect(me.body).toMatchObject({ role: 'user', login: 'mallory' });
      const renamed = await client.call('PATCH', '/me', {
        body: { login: 'mallory_k' },
        token: user.accessToken,
      });
      expect(renamed.body).toMatchObject({ login: 'mallory_k', role: 'user' });
      expect(await outboxCount('auth.user.updated.v1', user.id)).toBe(1);
      expect((await client.call('GET', '/users', { token: user.accessToken })).status).toBe(403);
    });

    it('upgrades an old, weaker hash at the next sign-in', async () => {
      const user = await client.signedIn('olga');
      const argon2 = (await import('argon2')).default;
      const weak = await argon2.hash(PASSWORD, {
        type: argon2.argon2id,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      await queryRows(adminUrl, `UPDATE auth.users SET password_hash = $1 WHERE id = $2`, [weak, user.id]);
      const signIn = await client.call('POST', '/authentication', {
        body: { login: 'olga', password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
      const [row] = await queryRows<{ password_hash: string }>(
        adminUrl,
        `SELECT password_hash FROM auth.users WHERE id = $1`,
        [user.id],
      );
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,(t=2,p=1|p=1,t=2)\$/);
    });
  });

  describe('recovery', () => {
    it('answers the same for known and unknown addresses, resets once, and ends every sign-in', async () => {
      const user = await client.signedIn('rosa');
      const known = await client.call('POST', '/password/recovery', { body: { email: 'rosa@example.com' } });
      const unknown = await client.call('POST', '/password/recovery', {
        body: { email: 'ghost@example.com' },
      });
      expect(known.status).toBe(202);
      expect({ ...known.body }).toEqual({ ...unknown.body });
      const mail = await inbox.next('rosa@example.com', (message) => message.subject.includes('Reset'));
      // The link opens the web app's new-password form holding the token; the token is in the text as well.
      const token = /^http:\/\/agora\.test\/recover\?token=([\w-]+)$/m.exec(mail.text)![1];
      expect(mail.text).toContain(`Your reset token, if an app asks for it: ${token}`);
      const weak = await client.call('POST', '/password/reset', { body: { token, password: 'qwerty123' } });
      expect(weak.status).toBe(400);
      const reset = await client.call('POST', '/password/reset', {
        body: { token, password: 'a brand new passphrase' },
      });
      expect(reset.status).toBe(204);
      const again = await client.call('POST', '/password/reset', {
        body: { token, password: 'another passphrase' },
      });
      expect(again.body).toMatchObject({ code: 'INVALID_RESET_TOKEN' });
      expect(
        (await client.call('POST', '/refresh', { body: { refreshToken: user.refreshToken } })).status,
      ).toBe(401);
      const newPassword = await client.call('POST', '/authentication', {
        body: { login: 'rosa', password: 'a brand new passphrase' },
      });
      expect(newPassword.status).toBe(200);
    });
  });

  describe('admin', () => {
    let admin: string;

    beforeAll(async () => {
      const signIn = await client.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'root@example.com', password: 'root admin passphrase' },
      });
      expect(signIn.status).toBe(200);
      admin = signIn.body.accessToken;
    });

    it('lists users with the shared list query, refusing injection attempts by name', async () => {
      const path =
        '/users?search=ra&sort=-login&filter[verified][eq]=true&filter[login][in]=vera,cora,tomas&limit=1';
      const first = await client.call<{ items: { login: string }[]; total: number; nextCursor: string }>(
        'GET',
        path,
        {
          token: admin,
        },
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 2, page: 1, limit: 1 });
      expect(first.body.items.map((user) => user.login)).toEqual(['vera']);
      const second = await client.call<{ items: { login: string }[]; nextCursor: string | null }>(
        'GET',
        `${path}&cursor=${first.body.nextCursor}`,
        { token: admin },
      );
      expect(second.body.items.map((user) => user.login)).toEqual(['cora']);
      expect(second.body.nextCursor).toBeNull();

      for (const [query, parameter] of [
        ['sort=password_hash', 'sort'],
        ['sort=CASE WHEN (SELECT 1)=1 THEN login ELSE email END', 'sort'],
        ['sort=login desc, pg_sleep(2)', 'sort'],
        ['filter[id;--]=1', 'filter[id;--]'],
        ['id;--=1', 'id;--'],
        ["filter[login][eq]=x' OR 1=1--&limit=101", 'limit'],
      ]) {
        const bad = await client.call('GET', `/users?${encodeURI(query)}`, { token: admin });
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ code: 'INVALID_LIST_QUERY' });
        expect((bad.body.errors as { field: string }[]).map((error) => error.field)).toContain(parameter);
      }
    });

    it('edits, changes roles and deletes users, emitting events', async () => {
      const target = await client.signedIn('sasha');
      const role = await client.call('PUT', `/users/${target.id}/role`, {
        body: { role: 'moderator' },
        token: admin,
      });
      expect(role.body).toMatchObject({ role: 'moderator' });
      expect(await outboxCount('auth.user.role-changed.v1', target.id)).toBe(1);
      const patched = await client.call('PATCH', `/users/${target.id}`, {
        body: { login: 'alexandra' },
        token: admin,
      });
      expect(patched.body).toMatchObject({ login: 'alexandra', role: 'moderator' });
      for (const field of ['role', 'email', 'login', 'verified']) {
        const cleared = await client.call('PATCH', `/users/${target.id}`, {
          body: { [field]: null },
          token: admin,
        });
        expect(cleared.status, field).toBe(400);
        expect(cleared.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      const replaced = await client.call('PUT', `/users/${target.id}`, {
        body: { email: 'sasha@example.org', login: 'sasha', verified: true, role: 'seller' },
        token: admin,
      });
      expect(replaced.body).toMatchObject({ email: 'sasha@example.org', role: 'seller' });
      const incomplete = await client.call('PUT', `/users/${target.id}`, {
        body: { login: 'x1x' },
        token: admin,
      });
      expect(incomplete.status).toBe(400);
      expect((await client.call('DELETE', `/users/${target.id}`, { token: admin })).status).toBe(204);
      expect((await client.call('GET', `/users/${target.id}`, { token: admin })).status).toBe(404);
      expect(await outboxCount('auth.user.deleted.v1', target.id)).toBe(1);
    });
  });

  it('social-service keeps profiles in step: renamed with the account, gone with it', async () => {
    const user = await client.signedIn('nina');
    const profileLogin = async (): Promise<string | null | undefined> => {
      const rows = await queryRows<{ login: string }>(
        adminUrl,
        `SELECT login FROM social.profiles WHERE id = $1`,
        [user.id],
      );
      return rows[0]?.login ?? null;
    };
    await eventually(
      async () => ((await profileLogin()) === 'nina' ? true : undefined),
      10_000,
      'the profile',
    );
    // social-service verifies the token locally with auth-service's JWKS.
    const social = platform.services.social.url;
    const own = await fetch(`${social}/profiles/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}` },
      body: JSON.stringify({ displayName: 'Nina B.' }),
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ userId: user.id, displayName: 'Nina B.' });
    const anonymous = await fetch(`${social}/profiles/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'x' }),
    });
    expect(anonymous.status).toBe(401);
    await client.call('PATCH', '/me', { body: { login: 'nina_b' }, token: user.accessToken });
    await eventually(
      async () => ((await profileLogin()) === 'nina_b' ? true : undefined),
      10_000,
      'the rename',
    );
    const admin = await client.call<{ accessToken: string }>('POST', '/authentication', {
      body: { login: 'admin', password: 'root admin passphrase' },
    });
    // An admin takes the verification back: the profile is hidden; given again, it is shown.
    const publicStatus = async (): Promise<number> => (await fetch(`${social}/profiles/${user.id}`)).status;
    expect(await publicStatus()).toBe(200);
    for (const [verified, status] of [
      [false, 404],
      [true, 200],
    ] as const) {
      const changed = await client.call('PATCH', `/users/${user.id}`, {
        body: { verified },
        token: admin.body.accessToken,
      });
      expect(changed.body).toMatchObject({ verified });
      await eventually(
        async () => ((await publicStatus()) === status ? true : undefined),
        10_000,
        `the profile answering ${status} once verified is ${verified}`,
      );
    }
    const updates = await queryRows<{ verified: boolean }>(
      adminUrl,
      `SELECT payload->'verified' AS verified FROM auth.outbox
        WHERE topic = 'auth.user.updated.v1' AND key = $1 ORDER BY created_at`,
      [user.id],
    );
    expect(updates.map((update) => update.verified)).toEqual([true, false, true]);
    expect((await client.call('DELETE', `/users/${user.id}`, { token: admin.body.accessToken })).status).toBe(
      204,
    );
    await eventually(
      async () => ((await profileLogin()) === null ? true : undefined),
      10_000,
      'the deletion',
    );
  });

  it('purges users still unverified after UNVERIFIED_TTL_HOURS, emitting auth.user.deleted.v1', async () => {
    const stale = await client.register('stale');
    const fresh = await client.register('fresh');
    await queryRows(
      adminUrl,
      `UPDATE auth.users SET created_at = now() - interval '49 hours' WHERE id = $1`,
      [stale.body.id],
    );
    // While another replica holds the job's advisory lock, this one skips the run and deletes nothing.
    const otherReplica = new pg.Client({ connectionString: adminUrl });
    await otherReplica.connect();
    try {
      await otherReplica.query(
        `SELECT pg_advisory_lock(hashtextextended('agora.job:auth.purge-unverified', 0))`,
      );
      expect(await platform.services.auth.jobs.run('auth.purge-unverified')).toEqual({ ran: false });
      expect(
        await queryRows(adminUrl, `SELECT id FROM auth.users WHERE id = $1`, [stale.body.id]),
      ).toHaveLength(1);
    } finally {
      await otherReplica.end();
    }
    expect(await platform.services.auth.jobs.run('auth.purge-unverified')).toEqual({ ran: true, result: 1 });
    const remaining = await queryRows<{ id: string }>(
      adminUrl,
      `SELECT id FROM auth.users WHERE id = ANY($1)`,
      [[stale.body.id, fresh.body.id]],
    );
    expect(remaining.map((row) => row.id)).toEqual([fresh.body.id]);
    expect(await outboxCount('auth.user.deleted.v1', stale.body.id)).toBe(1);
  });
});
