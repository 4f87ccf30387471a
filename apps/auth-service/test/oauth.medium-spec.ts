import {
  provisionAllServices,
  queryRows,
  startOAuthProvider,
  startServicesInProcess,
  startSmtpInbox,
} from '@agora/testing';
import type {
  InProcessServices,
  OAuthAccount,
  OAuthDialect,
  OAuthProviderServer,
  SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../src/auth-service.definition.js';
import { AuthTestClient, type JsonResponse } from '@agora/testing';

const PUBLIC_URL = 'http://agora.test';
const PASSWORD = 'correct horse battery';

interface BrowserOptions {
  readonly intent?: 'sign-in' | 'link';
  readonly transport?: 'body' | 'cookie';
  /** An access token, for intent=link. */
  readonly token?: string;
  /** The web app's path to return to (transport=cookie). */
  readonly next?: string;
}

/** What a browser went through: the start redirect, the state cookie and the callback's answer. */
interface SignInAttempt {
  readonly authorizeUrl: URL;
  /** The cookies the start set, as the browser sends them back to the callback. */
  readonly stateCookie: string;
  readonly callbackQuery: string;
  readonly result: JsonResponse;
}

/**
 * Google and Yandex sign-in through the real passport strategies against local OAuth 2.0 servers speaking
 * each provider's protocol (authorization code with PKCE, userinfo), on real PostgreSQL.
 */
describe('auth-service sign-in with Google and Yandex', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let client: AuthTestClient;
  const providers = {} as Record<OAuthDialect, OAuthProviderServer>;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    providers.google = await startOAuthProvider('google');
    providers.yandex = await startOAuthProvider('yandex');
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition], {
      SMTP_URL: inbox.url,
      PUBLIC_URL,
      GOOGLE_CLIENT_ID: providers.google.clientId,
      GOOGLE_CLIENT_SECRET: providers.google.clientSecret,
      GOOGLE_AUTHORIZATION_URL: providers.google.authorizationUrl,
      GOOGLE_TOKEN_URL: providers.google.tokenUrl,
      GOOGLE_USERINFO_URL: providers.google.userInfoUrl,
      YANDEX_CLIENT_ID: providers.yandex.clientId,
      YANDEX_CLIENT_SECRET: providers.yandex.clientSecret,
      YANDEX_AUTHORIZATION_URL: providers.yandex.authorizationUrl,
      YANDEX_TOKEN_URL: providers.yandex.tokenUrl,
      YANDEX_USERINFO_URL: providers.yandex.userInfoUrl,
    });
    client = new AuthTestClient(platform.services.auth.url, inbox);
  });

  afterAll(async () => {
    await platform?.close();
    await Promise.all(Object.values(providers).map((provider) => provider.close()));
    await inbox?.close();
  });

  /** The start request: 302 to the provider and the state cookie. */
  const start = async (provider: OAuthDialect, options: BrowserOptions = {}) => {
    const query = new URLSearchParams({
      ...(options.intent ? { intent: options.intent } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.next ? { next: options.next } : {}),
    });
    const response = await fetch(`${client.baseUrl}/auth/${provider}?${query.toString()}`, {
      redirect: 'manual',
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    const setCookie = response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('agora_oauth_state='));
    // What the browser keeps: the state cookie, and for the web app the return cookie (a cleared one it drops).
    const kept = response.headers
      .getSetCookie()
      .filter((cookie) => cookie.startsWith('agora_oauth_') && !/Max-Age=0/.test(cookie))
      .map((cookie) => cookie.split(';')[0]);
    return { response, setCookie, stateCookie: kept.join('; ') };
  };

  /** The provider's consent page sends the browser back to the callback at the gateway's public address. */
  const consent = async (authorizeUrl: URL): Promise<string> => {
    const response = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(response.headers.get('location')!);
    expect(back.origin + back.pathname).toMatch(
      new RegExp(`^${PUBLIC_URL}/api/auth/(google|yandex)/callback$`),
    );
    return back.search;
  };

  /** The callback as the browser calls it, its 303 into the web app not followed. */
  const callback = async (provider: OAuthDialect, search: string, cookie: string): Promise<JsonResponse> => {
    const response = await fetch(`${client.baseUrl}/auth/${provider}/callback${search}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };

  /** The session cookies a response set, as a Cookie header. */
  const sessionCookies = (headers: Headers): string =>
    headers
      .getSetCookie()
      .filter((cookie) => /^agora_(access|refresh|csrf)=/.test(cookie))
      .map((cookie) => cookie.split(';')[0])
      .join('; ');

  /** One whole browser round trip: start → provider (consenting as `account`) → callback. */
  const signInWith = async (
    provider: OAuthDialect,
    account: OAuthAccount | 'deny',
    options: BrowserOptions = {},
  ): Promise<SignInAttempt> => {
    providers[provider].consentAs(account);
    const started = await start(provider, options);
    expect(started.response.status).toBe(302);
    const authorizeUrl = new URL(started.response.headers.get('location')!);
    const callbackQuery = await consent(authorizeUrl);
    const result = await callback(provider, callbackQuery, started.stateCookie);
    return { authorizeUrl, stateCookie: started.stateCookie, callbackQuery, result };
  };

  const identitiesOf = (userId: string) =>
    queryRows<{ provider: string; subject: string }>(
      adminUrl,
      `SELECT provider, subject FROM auth.identities WHERE user_id = $1 ORDER BY provider`,
      [userId],
    );

  const registeredPayload = async (userId: string) =>
    (
      await queryRows<{ payload: Record<string, unknown> }>(
        adminUrl,
        `SELECT payload FROM auth.outbox WHERE key = $1 AND topic = 'auth.user.registered.v1'`,
        [userId],
      )
    )[0]?.payload;

  const me = async (accessToken: string) =>
    (
      await client.call<{ id: string; email: string; login: string; verified: boolean }>('GET', '/me', {
        token: accessToken,
      })
    ).body;

  it('redirects to Google with PKCE and a state bound to the browser, then creates a verified account', async () => {
    const ada: OAuthAccount = {
      subject: 'g-ada',
      email: 'Ada.Lovelace@gmail.com',
      name: 'Ada Lovelace',
      picture: 'https://lh3.googleusercontent.com/a/ada=s96-c',
    };
    providers.google.consentAs(ada);
    const started = await start('google');
    expect(started.response.status).toBe(302);
    const authorizeUrl = new URL(started.response.headers.get('location')!);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(providers.google.authorizationUrl);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: providers.google.clientId,
      redirect_uri: `${PUBLIC_URL}/api/auth/google/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    const state = authorizeUrl.searchParams.get('state');
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(started.setCookie).toContain(`agora_oauth_state=${state}`);
    expect(started.setCookie).toMatch(/HttpOnly/);
    expect(started.setCookie).toMatch(/SameSite=Lax/);
    expect(started.setCookie).toMatch(/Path=\/api\/auth\/google/);

    const result = await callback('google', await consent(authorizeUrl), started.stateCookie);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const verifier = providers.google.tokenRequests.at(-1)?.get('code_verifier');
    expect(verifier).toMatch(/^[\w-]{43}$/);

    const user = await me(result.body.accessToken as string);
    expect(user).toMatchObject({ email: 'ada.lovelace@gmail.com', login: 'ada.lovelace', verified: true });
    expect(await identitiesOf(user.id)).toEqual([{ provider: 'google', subject: 'g-ada' }]);
    const events = await queryRows<{ topic: string; payload: Record<string, unknown> }>(
      adminUrl,
      `SELECT topic, payload FROM auth.outbox WHERE key = $1 ORDER BY id`,
      [user.id],
    );
    expect(events.map((event) => event.topic)).toEqual(['auth.user.registered.v1', 'auth.user.verified.v1']);
    // The provider's name and picture go to the new profile (social-service builds it from this event).
    expect(events[0].payload).toMatchObject({
      displayName: 'Ada Lovelace',
      avatarUrl: 'https://lh3.googleusercontent.com/a/ada=s96-c',
    });

    // The same Google account later signs in to the same Agora account, even with a new address there.
    const again = await signInWith('google', { ...ada, email: 'ada@newmail.example' });
    expect(again.result.status).toBe(200);
    expect((await me(again.result.body.accessToken as string)).id).toBe(user.id);
    expect(await queryRows(adminUrl, `SELECT 1 FROM auth.oauth_flows`)).toEqual([]);
  });

  it('signs in with Yandex ID (OAuth authorization header, configured userinfo) and gives a free login', async () => {
    const taken = await client.signedIn('ivan');
    const attempt = await signInWith('yandex', {
      subject: '1000123',
      email: 'ivan@yandex.ru',
      login: 'ivan',
      name: 'Ivan Petrov',
      avatarId: '15298/enc-abc',
    });
    expect(attempt.authorizeUrl.searchParams.get('scope')).toBe('login:email login:info');
    expect(attempt.result.status).toBe(200);
    const user = await me(attempt.result.body.accessToken as string);
    expect(user.id).not.toBe(taken.id);
    expect(user).toMatchObject({ email: 'ivan@yandex.ru', verified: true });
    expect(user.login).toMatch(/^ivan-[0-9a-f]{6}$/);
    expect(await identitiesOf(user.id)).toEqual([{ provider: 'yandex', subject: '1000123' }]);
    expect(await registeredPayload(user.id)).toMatchObject({
      displayName: 'ivan',
      avatarUrl: 'https://avatars.yandex.net/get-yapic/15298/enc-abc/islands-200',
    });
  });

  it('keeps only an https picture and a printable name from the provider', async () => {
    const attempt = await signInWith('google', {
      subject: 'g-plain',
      email: 'plain.picture@gmail.com',
      name: '  Mallory\u202e \u0000Evil  ',
      picture: 'http://insecure.example/me.png',
    });
    expect(attempt.result.status).toBe(200);
    const user = await me(attempt.result.body.accessToken as string);
    expect(await registeredPayload(user.id)).toMatchObject({ displayName: 'Mallory Evil', avatarUrl: null });
    const bare = await signInWith('google', { subject: 'g-bare', email: 'bare@gmail.com' });
    const bareUser = await me(bare.result.body.accessToken as string);
    expect(await registeredPayload(bareUser.id)).toMatchObject({ displayName: null, avatarUrl: null });
  });

  describe('the web app (transport=cookie): 303 back into the app, never JSON', () => {
    it('sets the session cookies and returns to the page the sign-in started from', async () => {
      const attempt = await signInWith(
        'google',
        { subject: 'g-cookie', email: 'cookie.fan@gmail.com' },
        { transport: 'cookie', next: '/coffees?sort=-rating' },
      );
      expect(attempt.result.status).toBe(303);
      expect(attempt.result.headers.get('location')).toBe(`${PUBLIC_URL}/coffees?sort=-rating`);
      expect(attempt.result.headers.get('cache-control')).toBe('no-store');
      const cookies = attempt.result.headers.getSetCookie();
      expect(cookies.find((cookie) => cookie.startsWith('agora_access='))).toMatch(/HttpOnly/);
      expect(cookies.find((cookie) => cookie.startsWith('agora_refresh='))).toMatch(/HttpOnly/);
      expect(cookies.find((cookie) => cookie.startsWith('agora_csrf='))).toBeDefined();
      for (const name of ['agora_oauth_state=', 'agora_oauth_return=']) {
        expect(cookies.find((cookie) => cookie.startsWith(name))).toMatch(
          /Max-Age=0|Expires=Thu, 01 Jan 1970/,
        );
      }
      const signedIn = await client.call('GET', '/me', {
        headers: { cookie: sessionCookies(attempt.result.headers) },
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ email: 'cookie.fan@gmail.com', verified: true });

      // Without `next`, home; an unsafe `next` never starts.
      const home = await signInWith(
        'google',
        { subject: 'g-cookie', email: 'cookie.fan@gmail.com' },
        {
          transport: 'cookie',
        },
      );
      expect(home.result.headers.get('location')).toBe(`${PUBLIC_URL}/`);
      for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/\t/evil.example']) {
        const refused = await start('google', { transport: 'cookie', next });
        expect(refused.response.status, next).toBe(400);
      }
    });

    it("sends a refusal to the sign-in page with its code, and a start the app can't make there too", async () => {
      const denied = await signInWith('google', 'deny', { transport: 'cookie', next: '/orders' });
      expect(denied.result.status).toBe(303);
      expect(denied.result.headers.get('location')).toBe(
        `${PUBLIC_URL}/sign-in?oauth=OAUTH_DENIED&next=%2Forders`,
      );
      expect(sessionCookies(denied.result.headers)).toBe('');

      const unverified = await signInWith(
        'google',
        { subject: 'g-web-unverified', email: 'web.unverified@gmail.com', emailVerified: false },
        { transport: 'cookie' },
      );
      expect(unverified.result.headers.get('location')).toBe(
        `${PUBLIC_URL}/sign-in?oauth=PROVIDER_EMAIL_UNVERIFIED`,
      );

      // Another browser's callback (no state cookie, no return cookie) is not the app's: the problem stands.
      providers.google.consentAs({ subject: 'g-cookie', email: 'cookie.fan@gmail.com' });
      const started = await start('google', { transport: 'cookie' });
      const planted = await callback(
        'google',
        await consent(new URL(started.response.headers.get('location')!)),
        '',
      );
      expect(planted.status).toBe(403);
      expect(planted.body).toMatchObject({ code: 'OAUTH_STATE_INVALID' });

      const anonymousLink = await start('yandex', { intent: 'link', transport: 'cookie' });
      expect(anonymousLink.response.status).toBe(303);
      expect(anonymousLink.response.headers.get('location')).toBe(
        `${PUBLIC_URL}/sign-in?oauth=AUTHENTICATION_REQUIRED`,
      );
      expect(anonymousLink.setCookie).toBeUndefined();
    });

    it("sends ACCOUNT_LINK_REQUIRED to the page that asks for the account's password", async () => {
      const owner = await client.signedIn('webgrace');
      const attempt = await signInWith(
        'google',
        { subject: 'g-webgrace', email: 'webgrace@example.com' },
        { transport: 'cookie', next: '/orders' },
      );
      expect(attempt.result.status).toBe(303);
      const location = new URL(attempt.result.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(`${PUBLIC_URL}/sign-in/link`);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        provider: 'google',
        token: expect.stringMatching(/^[\w-]{43}$/) as string,
        next: '/orders',
      });
      expect(sessionCookies(attempt.result.headers)).toBe('');

      const linked = await client.call('POST', '/auth/link', {
        body: { linkToken: location.searchParams.get('token'), password: PASSWORD, transport: 'cookie' },
      });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ tokenType: 'Cookie' });
      const me = await client.call('GET', '/me', { headers: { cookie: sessionCookies(linked.headers) } });
      expect(me.body).toMatchObject({ id: owner.id });
      expect(await identitiesOf(owner.id)).toEqual([{ provider: 'google', subject: 'g-webgrace' }]);
    });
  });

  it('links to an existing account with the same e-mail only after its password, never by the e-mail alone', async () => {
    const owner = await client.signedIn('grace');
    const grace: OAuthAccount = { subject: 'g-grace', email: 'grace@example.com' };
    const first = await signInWith('google', grace);
    expect(first.result.status).toBe(409);
    expect(first.result.body).toMatchObject({ code: 'ACCOUNT_LINK_REQUIRED', email: 'grace@example.com' });
    expect(first.result.body.detail).toContain('POST /api/auth/link');
    expect(first.result.headers.get('cache-control')).toBe('no-store');
    expect(first.result.body).not.toHaveProperty('accessToken');
    expect(await identitiesOf(owner.id)).toEqual([]);
    const linkToken = first.result.body.linkToken as string;

    const wrong = await client.call('POST', '/auth/link', {
      body: { linkToken, password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await identitiesOf(owner.id)).toEqual([]);

    const linked = await client.call('POST', '/auth/link', { body: { linkToken, password: PASSWORD } });
    expect(linked.status).toBe(200);
    expect((await me(linked.body.accessToken as string)).id).toBe(owner.id);
    expect(await identitiesOf(owner.id)).toEqual([{ provider: 'google', subject: 'g-grace' }]);
    const replay = await client.call('POST', '/auth/link', { body: { linkToken, password: PASSWORD } });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ code: 'INVALID_LINK_TOKEN' });

    const later = await signInWith('google', grace);
    expect(later.result.status).toBe(200);
    expect((await me(later.result.body.accessToken as string)).id).toBe(owner.id);
  });

  it('links a provider account to the signed-in user who asks, and lists and unlinks it', async () => {
    const owner = await client.signedIn('linus');
    const anonymous = await start('yandex', { intent: 'link' });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.setCookie).toBeUndefined();

    const attempt = await signInWith(
      'yandex',
      { subject: '2000456', email: 'linus.t@yandex.ru' },
      { intent: 'link', token: owner.accessToken },
    );
    expect(attempt.result.status).toBe(200);
    expect((await me(attempt.result.body.accessToken as string)).id).toBe(owner.id);
    const listed = await client.call<{ provider: string; email: string }[]>('GET', '/me/identities', {
      token: owner.accessToken,
    });
    expect(listed.body).toEqual([
      { provider: 'yandex', email: 'linus.t@yandex.ru', linkedAt: expect.any(String) as string },
    ]);

    // The same Yandex account cannot also be linked to someone else.
    const other = await client.signedIn('other');
    const stolen = await signInWith(
      'yandex',
      { subject: '2000456', email: 'linus.t@yandex.ru' },
      { intent: 'link', token: other.accessToken },
    );
    expect(stolen.result.status).toBe(409);
    expect(stolen.result.body).toMatchObject({ code: 'IDENTITY_LINKED_ELSEWHERE' });

    const unlinked = await client.call('DELETE', '/me/identities/yandex', { token: owner.accessToken });
    expect(unlinked.status).toBe(204);
    expect(await identitiesOf(owner.id)).toEqual([]);
    const missing = await client.call('DELETE', '/me/identities/yandex', { token: owner.accessToken });
    expect(missing.status).toBe(404);
  });

  it("keeps a provider-only account's last way to sign in", async () => {
    const attempt = await signInWith('google', { subject: 'g-only', email: 'only.google@gmail.com' });
    const token = attempt.result.body.accessToken as string;
    const refused = await client.call('DELETE', '/me/identities/google', { token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LAST_SIGN_IN_METHOD' });
    // Without a password, password sign-in gets the usual answer.
    const password = await client.call('POST', '/authentication', {
      body: { login: 'only.google@gmail.com', password: PASSWORD },
    });
    expect(password.status).toBe(401);
  });

  it('refuses an address the provider did not verify, creating nothing', async () => {
    const attempt = await signInWith('google', {
      subject: 'g-unverified',
      email: 'unverified@gmail.com',
      emailVerified: false,
    });
    expect(attempt.result.status).toBe(403);
    expect(attempt.result.body).toMatchObject({ code: 'PROVIDER_EMAIL_UNVERIFIED' });
    const users = await queryRows(adminUrl, `SELECT 1 FROM auth.users WHERE email = 'unverified@gmail.com'`);
    expect(users).toEqual([]);
  });

  it('takes an unverified squatter registration away from its password (pre-account takeover)', async () => {
    const squatter = await client.register('squatted', 'squatters own passphrase');
    expect(squatter.status).toBe(201);
    const attempt = await signInWith('google', { subject: 'g-squatted', email: 'squatted@example.com' });
    expect(attempt.result.status).toBe(200);
    const user = await me(attempt.result.body.accessToken as string);
    expect(user).toMatchObject({ id: squatter.body.id, verified: true });
    const squatterSignIn = await client.call('POST', '/authentication', {
      body: { login: 'squatted', password: 'squatters own passphrase' },
    });
    expect(squatterSignIn.status).toBe(401);
  });

  describe('callbacks that must not sign anyone in', () => {
    const eve: OAuthAccount = { subject: 'g-eve', email: 'eve@gmail.com' };

    it('refuses a callback from another browser (no state cookie) and a replayed one', async () => {
      providers.google.consentAs(eve);
      const started = await start('google');
      const search = await consent(new URL(started.response.headers.get('location')!));
      const planted = await callback('google', search, '');
      expect(planted.status).toBe(403);
      expect(planted.body).toMatchObject({ code: 'OAUTH_STATE_INVALID' });
      const other = await callback('google', search, 'agora_oauth_state=someone-elses-state');
      expect(other.status).toBe(403);

      const first = await signInWith('google', eve);
      expect(first.result.status).toBe(200);
      const replayed = await callback('google', first.callbackQuery, first.stateCookie);
      expect(replayed.status).toBe(403);
      expect(replayed.body).toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    });

    it('refuses an expired flow', async () => {
      providers.google.consentAs(eve);
      const started = await start('google');
      const search = await consent(new URL(started.response.headers.get('location')!));
      await queryRows(adminUrl, `UPDATE auth.oauth_flows SET expires_at = now() - interval '1 second'`);
      const late = await callback('google', search, started.stateCookie);
      expect(late.status).toBe(403);
    });

    it('answers a forged code, a refusal and malformed callbacks with 4xx', async () => {
      providers.google.consentAs(eve);
      const started = await start('google');
      const search = new URLSearchParams(await consent(new URL(started.response.headers.get('location')!)));
      search.set('code', 'forged-code');
      const forged = await callback('google', `?${search.toString()}`, started.stateCookie);
      expect(forged.status).toBe(400);
      expect(forged.body).toMatchObject({ code: 'OAUTH_CODE_REJECTED' });

      const denied = await signInWith('google', 'deny');
      expect(denied.result.status).toBe(401);
      expect(denied.result.body).toMatchObject({ code: 'OAUTH_DENIED' });

      const empty = await callback('google', '', started.stateCookie);
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ code: 'OAUTH_CALLBACK_INVALID' });
      const unknownParameter = await callback('google', '?code=x&state=y&evil=1', started.stateCookie);
      expect(unknownParameter.status).toBe(400);
      const unknownProvider = await client.call('GET', '/auth/facebook');
      expect(unknownProvider.status).toBe(400);
      const badIntent = await client.call('GET', '/auth/google?intent=steal');
      expect(badIntent.status).toBe(400);
    });
  });
});
