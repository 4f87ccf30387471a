import { ACCESS_COOKIE, assertCsrfToken, CSRF_COOKIE, REFRESH_COOKIE } from '@agora/auth';
import { API_PREFIX } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthConfig } from '../auth.config.js';
import { newOpaqueToken } from '../secrets/opaque-token.js';
import type { CookieSessionDto, TokenPairDto, TokenTransport } from './token-pair.dto.js';

/**
 * Web sessions: the token pair in httpOnly SameSite cookies, plus a readable CSRF cookie whose value every
 * state-changing request repeats in a header (double submit).
 */
@Injectable()
export class SessionCookies {
  constructor(private readonly config: AuthConfig) {}

  /** The pair as the client asked for it: in the body, or in cookies with a CSRF token in the body. */
  deliver(
    reply: FastifyReply,
    pair: TokenPairDto,
    transport: TokenTransport = 'body',
  ): TokenPairDto | CookieSessionDto {
    return transport === 'cookie' ? this.set(reply, pair) : pair;
  }

  set(reply: FastifyReply, pair: TokenPairDto): CookieSessionDto {
    const csrfToken = newOpaqueToken();
    const base = { secure: this.config.COOKIE_SECURE, path: '/' } as const;
    const refreshMaxAge = this.config.REFRESH_TOKEN_TTL_DAYS * 86_400;
    void reply
      .setCookie(ACCESS_COOKIE, pair.accessToken, {
        ...base,
        httpOnly: true,
        sameSite: 'lax',
        maxAge: pair.expiresIn,
      })
      .setCookie(REFRESH_COOKIE, pair.refreshToken, {
        ...base,
        path: API_PREFIX,
        httpOnly: true,
        sameSite: 'strict',
        maxAge: refreshMaxAge,
      })
      .setCookie(CSRF_COOKIE, csrfToken, {
        ...base,
        httpOnly: false,
        sameSite: 'strict',
        maxAge: refreshMaxAge,
      });
    return { tokenType: 'Cookie', expiresIn: pair.expiresIn, csrfToken };
  }

  clear(reply: FastifyReply): void {
    void reply
      .clearCookie(ACCESS_COOKIE, { path: '/' })
      .clearCookie(REFRESH_COOKIE, { path: API_PREFIX })
      .clearCookie(CSRF_COOKIE, { path: '/' });
  }

  /** The refresh token from the cookie, after the CSRF check; undefined when there is no cookie. */
  refreshTokenOf(request: FastifyRequest): string | undefined {
    const token = request.cookies[REFRESH_COOKIE];
    if (token) {
      assertCsrfToken(request);
    }
    return token;
  }
}
