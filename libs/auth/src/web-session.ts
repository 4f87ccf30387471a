import { ProblemException } from '@agora/http';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

/** Cookie names of web sessions (httpOnly SameSite cookies instead of tokens in bodies). */
export const ACCESS_COOKIE = 'agora_access';
export const REFRESH_COOKIE = 'agora_refresh';
/** Readable by the page's script, which echoes it in CSRF_HEADER (double submit). */
export const CSRF_COOKIE = 'agora_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Double submit: the header must repeat the cookie; compared in constant time. */
export function csrfTokenMatches(cookie: string | undefined, header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!cookie || !value) {
    return false;
  }
  const expected = Buffer.from(cookie);
  const actual = Buffer.from(value);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A request authenticated by a session cookie must pass the double-submit check, else 403. */
export function assertCsrfToken(request: FastifyRequest): void {
  if (!csrfTokenMatches(request.cookies[CSRF_COOKIE], request.headers[CSRF_HEADER])) {
    throw new ProblemException(403, {
      code: 'CSRF_TOKEN_MISMATCH',
      detail: `Cookie sessions must send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`,
    });
  }
}
