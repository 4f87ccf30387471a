import { AuthTestClient, eventually, type JsonResponse, type SmtpInbox } from '@agora/testing';
import { expect } from 'vitest';

export const PASSWORD = 'correct horse battery';

/** The admin a platform creates at start from ADMIN_EMAIL (see {@link adminEnv}). */
export const TEST_ADMIN = {
  email: 'root@example.com',
  login: 'root',
  password: 'agora admin passphrase',
} as const;

/** The platform env that creates TEST_ADMIN at start and mails through the test's SMTP inbox. */
export function adminEnv(inbox: SmtpInbox): Record<string, string> {
  return {
    SMTP_URL: inbox.url,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_LOGIN: TEST_ADMIN.login,
    ADMIN_PASSWORD: TEST_ADMIN.password,
  };
}

/** A signed-in account with its access token. */
export interface SignedInUser {
  readonly id: string;
  readonly login: string;
  readonly token: string;
}

/** The claims of an access token (not verified: the services do that). */
export function claimsOf(accessToken: string): { sub: string; sid: string; role: string; ver?: number } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
    sid: string;
    role: string;
    ver?: number;
  };
}

export interface Session {
  readonly id: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** One authenticated route of each service that verifies access tokens, as a client reaches it. */
const PROBES = {
  auth: { method: 'GET', path: '/me' },
  social: { method: 'PATCH', path: '/profiles/me', body: { displayName: 'Probe' } },
  catalog: { method: 'GET', path: '/drafts' },
  media: { method: 'GET', path: '/media' },
} as const;
export type ProbedService = keyof typeof PROBES;

/**
 * A client of the identity routes through the gateway (`<gateway>/api`), with the platform's inbox: accounts
 * as a client makes them (register, verify with the mailed code, sign in), the admin from ADMIN_EMAIL, and
 * users with a role the admin gives them.
 */
export class IdentityClient extends AuthTestClient {
  constructor(gatewayUrl: string, inbox: SmtpInbox) {
    super(`${gatewayUrl}/api`, inbox);
  }

  /** TEST_ADMIN, signed in (the platform must run with {@link adminEnv}). */
  async admin(): Promise<SignedInUser> {
    const session = await this.signIn(TEST_ADMIN.login, TEST_ADMIN.password);
    return { id: session.id, login: TEST_ADMIN.login, token: session.accessToken };
  }

  /** A verified account with the role (user when absent), signed in after the role was set. */
  async withRole(
    login: string,
    role: 'user' | 'seller' | 'moderator' | 'admin' = 'user',
  ): Promise<SignedInUser> {
    const account = await this.signedIn(login);
    if (role === 'user') {
      return { id: account.id, login, token: account.accessToken };
    }
    const admin = await this.admin();
    const changed = await this.call('PUT', `/users/${account.id}/role`, {
      body: { role },
      token: admin.token,
    });
    if (changed.status !== 200) {
      throw new Error(`role of ${login}: ${changed.status} ${JSON.stringify(changed.body)}`);
    }
    return { id: account.id, login, token: (await this.signIn(login)).accessToken };
  }

  async signIn(login: string, password = PASSWORD): Promise<Session> {
    const reply = await this.call<{ accessToken: string; refreshToken: string }>('POST', '/authentication', {
      body: { login, password },
    });
    expect(reply.status).toBe(200);
    return { id: claimsOf(reply.body.accessToken).sub, ...reply.body };
  }

  async refresh(refreshToken: string): Promise<JsonResponse<{ accessToken: string; refreshToken: string }>> {
    return this.call('POST', '/refresh', { body: { refreshToken } });
  }

  /** The status of each service's probe route with the token. */
  async probe(accessToken: string): Promise<Record<ProbedService, { status: number; code?: string }>> {
    const entries = await Promise.all(
      Object.entries(PROBES).map(async ([service, probe]) => {
        const reply = await this.call<{ code?: string }>(probe.method, probe.path, {
          token: accessToken,
          ...('body' in probe ? { body: probe.body } : {}),
        });
        return [service, { status: reply.status, code: reply.body.code }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<ProbedService, { status: number; code?: string }>;
  }

  /** Every service accepts the token (social may still be building the profile from the event). */
  async expectAccepted(accessToken: string): Promise<void> {
    await eventually(
      async () => {
        const statuses = await this.probe(accessToken);
        return Object.values(statuses).every((answer) => answer.status === 200) ? true : undefined;
      },
      10_000,
      'every service to accept the token',
    );
  }

  /** Every service refuses the token as revoked within `withinMs`; returns how long it took. */
  async expectRevokedEverywhere(accessToken: string, withinMs = 5_000): Promise<number> {
    const started = Date.now();
    let last: Record<ProbedService, { status: number; code?: string }> | undefined;
    while (Date.now() - started < withinMs) {
      last = await this.probe(accessToken);
      if (Object.values(last).every((answer) => answer.code === 'ACCESS_TOKEN_REVOKED')) {
        for (const answer of Object.values(last)) {
          expect(answer.status).toBe(401);
        }
        return Date.now() - started;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the token still works after ${withinMs} ms: ${JSON.stringify(last)}`);
  }
}
