import { AuthTestClient, eventually, type JsonResponse, type SmtpInbox } from '@agora/testing';
import { expect } from 'vitest';

export const PASSWORD = 'correct horse battery';

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

/** A client of the identity routes through the gateway (`<gateway>/api`), with the platform's inbox. */
export class IdentityClient extends AuthTestClient {
  constructor(gatewayUrl: string, inbox: SmtpInbox) {
    super(`${gatewayUrl}/api`, inbox);
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
