import { ServiceConfig } from '@agora/config';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AccessErrorCode, AccessException } from './auth.errors.js';

/** Names of a web session's cookies (httpOnly SameSite cookies instead of tokens in bodies). */
export interface SessionCookieNames {
  /** The access token; httpOnly, Path=/. */
  readonly access: string;
  /** The refresh token; httpOnly, Path=/api (so it cannot take the `__Host-` prefix). */
  readonly refresh: string;
  /** The CSRF token, readable by the page's script, which echoes it in CSRF_HEADER. */
  readonly csrf: string;
}

/** Over plain http (development): no prefixes, no Secure flag. */
export const PLAIN_SESSION_COOKIES: SessionCookieNames = {
  access: 'agora_access',
  refresh: 'agora_refresh',
  csrf: 'agora_csrf',
};

/**
 * Over https: `__Host-` (Secure, Path=/, no Domain: a sibling subdomain cannot plant or overwrite them)
 * and `__Secure-` for the refresh cookie, whose Path is /api.
 */
export const SECURE_SESSION_COOKIES: SessionCookieNames = {
  access: '__Host-agora_access',
  refresh: '__Secure-agora_refresh',
  csrf: '__Host-agora_csrf',
};

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Whether clients reach the platform over https (then cookies are Secure and prefixed). */
export function isHttpsUrl(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === 'https:';
}

/** Two secrets compared in constant time; false when either is missing. */
export function csrfTokenMatches(
  expected: string | undefined,
  header: string | string[] | undefined,
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!expected || !value) {
    return false;
  }
  const left = Buffer.from(expected);
  const right = Buffer.from(value);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The CSRF token of a session: HMAC-SHA256(secret, session id), base64url. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`agora-csrf:${sessionId}`).digest('base64url');
}

/**
 * Web sessions as every service sees them: the cookie names (from PUBLIC_URL) and the CSRF token bound to
 * the session. A state-changing request authenticated by cookie must send, in `X-CSRF-Token`, the HMAC of
 * its own session id under CSRF_SECRET; a cookie planted by someone else cannot match it.
 */
@Injectable()
export class WebSessions {
  readonly secure: boolean;
  readonly cookies: SessionCookieNames;
  private readonly secret: string;

  constructor(config: ServiceConfig) {
    this.secure = isHttpsUrl(config.PUBLIC_URL);
    this.cookies = this.secure ? SECURE_SESSION_COOKIES : PLAIN_SESSION_COOKIES;
    this.secret = config.CSRF_SECRET;
  }

  csrfTokenFor(sessionId: string): string {
    return csrfTokenFor(this.secret, sessionId);
  }

  accessTokenOf(request: FastifyRequest): string | undefined {
    return request.cookies?.[this.cookies.access];
  }

  refreshTokenOf(request: FastifyRequest): string | undefined {
    return request.cookies?.[this.cookies.refresh];
  }

  /** 403 unless the request's X-CSRF-Token is the token of `sessionId`. */
  assertCsrf(request: FastifyRequest, sessionId: string): void {
    if (!csrfTokenMatches(this.csrfTokenFor(sessionId), request.headers[CSRF_HEADER])) {
      throw new AccessException(
        AccessErrorCode.CSRF_TOKEN_MISMATCH,
        `Cookie sessions must send their CSRF token (the ${this.cookies.csrf} cookie) in the ${CSRF_HEADER} header`,
      );
    }
  }
}
