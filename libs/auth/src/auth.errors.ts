import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** The codes of authenticating a request (the access-token guard, CSRF, revocation), in every service. */
export const ACCESS_ERRORS = {
  AUTHENTICATION_REQUIRED: { status: 401, description: 'the route needs an access token' },
  INVALID_ACCESS_TOKEN: {
    status: 401,
    description: 'the access token (or Authorization header) is not valid',
  },
  ACCESS_TOKEN_EXPIRED: { status: 401, description: 'the access token has expired; refresh it' },
  ACCESS_TOKEN_REVOKED: { status: 401, description: 'the session of the access token has ended' },
  FORBIDDEN_ROLE: { status: 403, description: 'the route needs another role' },
  CSRF_TOKEN_MISMATCH: {
    status: 403,
    description: 'a cookie session did not send its CSRF token in X-CSRF-Token',
  },
  REVOCATION_CHECK_UNAVAILABLE: {
    status: 503,
    description: 'access tokens cannot be checked right now; see Retry-After',
  },
} as const satisfies ErrorCatalog;

export type AccessErrorCode = keyof typeof ACCESS_ERRORS;
export const AccessErrorCode = codesOf(ACCESS_ERRORS);

export class AccessException extends DomainException<AccessErrorCode> {
  override readonly name = 'AccessException';

  constructor(code: AccessErrorCode, detail: string, extras?: ProblemExtras) {
    super(ACCESS_ERRORS, code, detail, extras);
  }
}

/** The codes of request authentication a route can answer with, for its OpenAPI responses. */
export const ApiAccessErrors = (...codes: AccessErrorCode[]) => ApiErrors(ACCESS_ERRORS, ...codes);

/** What the access-token guard can answer on a route that takes credentials (without role checks). */
export const CREDENTIAL_ERROR_CODES: readonly AccessErrorCode[] = [
  'AUTHENTICATION_REQUIRED',
  'INVALID_ACCESS_TOKEN',
  'ACCESS_TOKEN_EXPIRED',
  'ACCESS_TOKEN_REVOKED',
  'CSRF_TOKEN_MISMATCH',
  'REVOCATION_CHECK_UNAVAILABLE',
];
