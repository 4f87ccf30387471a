import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Whose API the server speaks: Google's OpenID userinfo or Yandex ID's `/info`. */
export type OAuthDialect = 'google' | 'yandex';

/** The person who consents on the provider's page. */
export interface OAuthAccount {
  /** The provider's stable id (`sub` for Google, `id` for Yandex). */
  readonly subject: string;
  readonly email: string;
  /** Google's `email_verified`; Yandex has no such flag. */
  readonly emailVerified?: boolean;
  readonly name?: string;
  /** Yandex's `login`. */
  readonly login?: string;
  /** Google's `picture` URL. */
  readonly picture?: string;
  /** Yandex's `default_avatar_id` (the picture is https://avatars.yandex.net/get-yapic/<id>/islands-200). */
  readonly avatarId?: string;
}

export interface OAuthProviderServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly userInfoUrl: string;
  /** The consent screen's next answer: sign in as this account, or refuse (`access_denied`). */
  consentAs(account: OAuthAccount | 'deny'): void;
  /** Every token request's form, to check what the client sent (PKCE verifier, redirect URI). */
  readonly tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

interface IssuedCode {
  readonly account: OAuthAccount;
  readonly redirectUri: string;
  readonly codeChallenge: string;
}

/**
 * A local OAuth 2.0 authorization server speaking Google's or Yandex's protocol, for tests of the real
 * passport strategies: authorization endpoint (auto-consent as the chosen account, PKCE S256 required),
 * token endpoint (client secret, redirect URI, single-use code and code verifier checked) and userinfo
 * (bearer token in the header: `Bearer` for Google, `OAuth` for Yandex).
 */
export async function startOAuthProvider(dialect: OAuthDialect): Promise<OAuthProviderServer> {
  const clientId = `${dialect}-client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(16).toString('hex');
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, OAuthAccount>();
  const tokenRequests: URLSearchParams[] = [];
  let consent: OAuthAccount | 'deny' | undefined;

  const json = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const authorize = (url: URL, response: ServerResponse): void => {
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    if (query.get('client_id') !== clientId || !redirectUri) {
      json(response, 400, { error: 'invalid_client' });
      return;
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state) {
      back.searchParams.set('state', state);
    }
    if (
      query.get('response_type') !== 'code' ||
      !challenge ||
      query.get('code_challenge_method') !== 'S256'
    ) {
      back.searchParams.set('error', 'invalid_request');
    } else if (!consent || consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user refused');
    } else {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { account: consent, redirectUri, codeChallenge: challenge });
      back.searchParams.set('code', code);
      if (dialect === 'google') {
        back.searchParams.set('scope', query.get('scope') ?? '');
        back.searchParams.set('authuser', '0');
      } else {
        back.searchParams.set('cid', randomBytes(4).toString('hex'));
      }
    }
    response.writeHead(302, { location: back.toString() }).end();
  };

  const token = (form: URLSearchParams, request: IncomingMessage, response: ServerResponse): void => {
    tokenRequests.push(form);
    const basic = request.headers.authorization?.startsWith('Basic ')
      ? Buffer.from(request.headers.authorization.slice(6), 'base64').toString().split(':')
      : undefined;
    const [id, secret] = basic ?? [form.get('client_id'), form.get('client_secret')];
    if (id !== clientId || secret !== clientSecret) {
      json(response, 401, { error: 'invalid_client' });
      return;
    }
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !issued ||
      issued.redirectUri !== form.get('redirect_uri') ||
      issued.codeChallenge !== challenge
    ) {
      json(response, 400, { error: 'invalid_grant', error_description: 'Code is invalid or expired' });
      return;
    }
    const accessToken = randomBytes(24).toString('hex');
    accessTokens.set(accessToken, issued.account);
    json(response, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600 });
  };

  const userInfo = (request: IncomingMessage, response: ServerResponse): void => {
    const scheme = dialect === 'google' ? 'Bearer ' : 'OAuth ';
    const header = request.headers.authorization ?? '';
    const account = header.startsWith(scheme) ? accessTokens.get(header.slice(scheme.length)) : undefined;
    if (!account) {
      json(response, 401, { error: 'invalid_token' });
      return;
    }
    const [givenName, familyName] = (account.name ?? '').split(' ');
    json(
      response,
      200,
      dialect === 'google'
        ? {
            sub: account.subject,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name,
            given_name: givenName,
            family_name: familyName,
            ...(account.picture ? { picture: account.picture } : {}),
          }
        : {
            id: account.subject,
            login: account.login ?? account.email.split('@')[0],
            default_email: account.email,
            emails: [account.email],
            display_name: account.login ?? account.name,
            real_name: account.name,
            ...(account.avatarId ? { default_avatar_id: account.avatarId, is_avatar_empty: false } : {}),
          },
    );
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://provider.test');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && url.pathname === '/authorize') {
        authorize(url, response);
      } else if (request.method === 'POST' && url.pathname === '/token') {
        token(new URLSearchParams(Buffer.concat(chunks).toString()), request, response);
      } else if (request.method === 'GET' && (url.pathname === '/userinfo' || url.pathname === '/info')) {
        userInfo(request, response);
      } else {
        json(response, 404, { error: 'not_found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clientId,
    clientSecret,
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    userInfoUrl: dialect === 'google' ? `${base}/userinfo` : `${base}/info?format=json`,
    tokenRequests,
    consentAs(account) {
      consent = account;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
