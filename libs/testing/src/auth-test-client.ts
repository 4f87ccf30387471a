import type { SmtpInbox } from './smtp-inbox.js';

export interface JsonResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** A small HTTP client for auth-service tests: JSON in and out, optional bearer token and client address. */
export class AuthTestClient {
  constructor(
    readonly baseUrl: string,
    private readonly inbox: SmtpInbox,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; ip?: string; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.ip ? { 'x-forwarded-for': options.ip } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  register(login: string, password = 'correct horse battery') {
    return this.call<{ id: string }>('POST', '/registration', {
      body: { email: `${login}@example.com`, login, password },
    });
  }

  /** The six-digit code from the newest verification mail to the address. */
  async verificationCode(email: string, after = 0): Promise<string> {
    const mail = await this.inbox.next(
      email,
      (message) =>
        message.subject.startsWith('Your Agora code') && this.inbox.messages.indexOf(message) >= after,
    );
    return /verification code is (\d{6})/.exec(mail.text)![1];
  }

  /** Registers, verifies with the mailed code and signs in. */
  async signedIn(login: string, password = 'correct horse battery') {
    const registered = await this.register(login, password);
    const email = `${login}@example.com`;
    const code = await this.verificationCode(email);
    await this.call('POST', '/verification', { body: { email, code } });
    const tokens = await this.call<{ accessToken: string; refreshToken: string }>('POST', '/authentication', {
      body: { login, password },
    });
    return { id: registered.body.id, ...tokens.body };
  }
}
