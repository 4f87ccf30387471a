import { WebSessions } from '@agora/auth';
import { API_PREFIX } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthConfig } from '../auth.config.js';
import type { CookieSessionDto, TokenPairDto, TokenTransport } from './token-pair.dto.js';
import { TokenService, type IssuedSession } from './token.service.js';

/**
 * Web sessions: the token pair in httpOnly SameSite cookies, plus a readable CSRF cookie holding the
 * session's CSRF token (an HMAC of the session id), which every state-changing request repeats in a
 * header. Over https (PUBLIC_URL) the cookies are Secure and named `__Host-…` (`__Secure-…` for the
 * refresh cookie, whose Path is /api).
 */
@Injectable()
export class SessionCookies {
  constructor(
    private readonly config: AuthConfig,
    private readonly sessions: WebSessions,
    private readonly tokens: TokenService,
  ) {}

  /** The pair as the client asked for it: in the body, or in cookies with the CSRF token in the body. */
  deliver(
    reply: FastifyReply,
    session: IssuedSession,
    transport: TokenTransport = 'body',
  ): TokenPairDto | CookieSessionDto {
    return transport === 'cookie' ? this.set(reply, session) : session.pair;
  }

  set(reply: FastifyReply, { pair, sessionId }: IssuedSession): CookieSessionDto {
    const csrfToken = this.sessions.csrfTokenFor(sessionId);
    const names = this.sessions.cookies;
    const base = { secure: this.sessions.secure, path: '/' } as const;
    const refreshMaxAge = this.config.REFRESH_TOKEN_TTL_DAYS * 86_400;
    void reply
      .setCookie(names.access, pair.accessToken, {
        ...base,
        httpOnly: true,
        sameSite: 'lax',
        maxAge: pair.expiresIn,
      })
      .setCookie(names.refresh, pair.refreshToken, {
        ...base,
        path: API_PREFIX,
        httpOnly: true,
        sameSite: 'strict',
        maxAge: refreshMaxAge,
      })
      .setCookie(names.csrf, csrfToken, {
        ...base,
        httpOnly: false,
        sameSite: 'strict',
        maxAge: refreshMaxAge,
      });
    return { tokenType: 'Cookie', expiresIn: pair.expiresIn, csrfToken };
  }

  clear(reply: FastifyReply): void {
    const names = this.sessions.cookies;
    const secure = this.sessions.secure;
    void reply
      .clearCookie(names.access, { path: '/', secure })
      .clearCookie(names.refresh, { path: API_PREFIX, secure })
      .clearCookie(names.csrf, { path: '/', secure });
  }

  /**
   * The refresh token from the cookie, after checking the request's CSRF token against the cookie's
   * session; undefined when there is no cookie.
   */
  async refreshTokenOf(request: FastifyRequest): Promise<string | undefined> {
    const token = this.sessions.refreshTokenOf(request);
    if (token) {
      const sessionId = await this.tokens.sessionOf(token);
      // An unknown token ends in 401 (refresh) or nothing (logout); a known one needs its own CSRF token.
      if (sessionId) {
        this.sessions.assertCsrf(request, sessionId);
      }
    }
    return token;
  }
}
