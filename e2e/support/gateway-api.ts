import { contractChecker, eventually } from '@agora/testing';
import { expect } from 'vitest';
import type { IdentityClient, SignedInUser } from './identity-client.js';

/** A gateway answer as the suites check it. */
export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly headers: Headers;
}

/**
 * JSON calls through a gateway's `/api`, as a user (bearer token) or anonymous, keeping every answer so a
 * suite can check at its end that none was a 5xx. A string body goes as it is (raw JSON), anything else
 * JSON-encoded. Every answer is checked against the committed OpenAPI document (`ContractChecker`): one
 * that differs fails the call.
 */
export class GatewayApi {
  readonly answers: Answer[] = [];
  /** Answers unlike what the committed OpenAPI document says (each also fails its call). */
  readonly contractMismatches: string[] = [];

  constructor(private readonly gatewayUrl: () => string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    route: string,
    user?: Pick<SignedInUser, 'token'>,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${this.gatewayUrl()}/api${route}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const mismatches = contractChecker().mismatches(method, route, {
      status: response.status,
      contentType: response.headers.get('content-type'),
      headers: response.headers,
      text,
    });
    if (mismatches.length > 0) {
      this.contractMismatches.push(...mismatches);
      throw new Error(`the answer is not as openapi/agora.json documents it:\n${mismatches.join('\n')}`);
    }
    const answer = {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      headers: response.headers,
    };
    this.answers.push(answer as Answer);
    return answer;
  }

  /** A signed-in user (with the role) whose profile social-service has made public. */
  async socialUser(
    users: IdentityClient,
    login: string,
    role: 'user' | 'seller' | 'moderator' = 'user',
  ): Promise<SignedInUser> {
    const user = await users.withRole(login, role);
    await eventually(
      async () => ((await this.call('GET', `/profiles/${user.id}`)).status === 200 ? true : undefined),
      20_000,
      `the profile of ${login}`,
    );
    return user;
  }

  /** The answers that were server errors (a suite expects none). */
  serverErrors(): Answer[] {
    return this.answers.filter((answer) => answer.status >= 500);
  }
}

/** A problem+json answer with the status and (when given) the code. */
export function expectProblem(answer: Answer<unknown>, status: number, code?: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.contentType).toContain('application/problem+json');
  expect(answer.body).toHaveProperty('code', code ?? expect.any(String));
}
