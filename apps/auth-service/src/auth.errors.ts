import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code auth-service answers with, and its status: the one place they are defined. */
export const AUTH_ERRORS = {
  // Registration and account edits
  WEAK_PASSWORD: { status: 400, description: 'the password does not meet the policy; `errors` says why' },
  EMAIL_TAKEN: { status: 409, description: 'another account has this e-mail address' },
  LOGIN_TAKEN: { status: 409, description: 'another account has this login' },
  ACCOUNT_CONFLICT: { status: 409, description: 'the e-mail or login was taken meanwhile; retry' },
  WRONG_CURRENT_PASSWORD: { status: 400, description: 'currentPassword is not right' },
  USER_NOT_FOUND: { status: 404, description: 'no user with this id' },
  OWN_ROLE_CHANGE: { status: 409, description: 'admins cannot change their own role' },
  // Verification and recovery
  INVALID_VERIFICATION_CODE: { status: 400, description: 'the e-mail or code is not right' },
  VERIFICATION_CODE_EXPIRED: { status: 400, description: 'the code has expired; request a new one' },
  VERIFICATION_ATTEMPTS_EXHAUSTED: { status: 400, description: 'too many wrong codes; request a new one' },
  INVALID_RESET_TOKEN: { status: 400, description: 'the reset token is unknown, used or expired' },
  // Sessions
  INVALID_CREDENTIALS: { status: 401, description: 'the login or password is not right' },
  EMAIL_NOT_VERIFIED: { status: 403, description: 'the account has not confirmed its e-mail address' },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    description: 'too many failed sign-ins for the account or from the address; see Retry-After',
  },
  REFRESH_TOKEN_REQUIRED: { status: 400, description: 'no refresh token in the body or the session cookies' },
  INVALID_REFRESH_TOKEN: { status: 401, description: 'the refresh token is not valid' },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    description: 'the refresh token was already used; the session is revoked',
  },
  REFRESH_TOKEN_REVOKED: { status: 401, description: 'the session has ended' },
  REFRESH_TOKEN_EXPIRED: { status: 401, description: 'the session has expired' },
  // Sign-in with a provider
  PROVIDER_NOT_CONFIGURED: { status: 404, description: 'sign-in with this provider is not set up here' },
  OAUTH_CALLBACK_INVALID: { status: 400, description: 'the callback lacks the code (or error) and state' },
  OAUTH_STATE_INVALID: { status: 403, description: 'the sign-in state does not match; start again' },
  OAUTH_DENIED: { status: 401, description: 'the sign-in was cancelled at the provider' },
  OAUTH_CODE_REJECTED: { status: 400, description: 'the provider refused the authorization code' },
  OAUTH_PROVIDER_UNAVAILABLE: { status: 502, description: 'the provider could not complete the sign-in' },
  PROVIDER_EMAIL_UNVERIFIED: { status: 403, description: 'the provider did not confirm an e-mail address' },
  ACCOUNT_LINK_REQUIRED: {
    status: 409,
    description: 'an account has this e-mail; sign in to it and link the provider with `linkToken`',
  },
  INVALID_LINK_TOKEN: { status: 400, description: 'the link token is unknown, used or expired' },
  IDENTITY_LINKED_ELSEWHERE: {
    status: 409,
    description: 'this provider account is linked to another account',
  },
  PROVIDER_ALREADY_LINKED: { status: 409, description: 'another account of this provider is linked already' },
  IDENTITY_NOT_FOUND: { status: 404, description: 'no account of this provider is linked' },
  LAST_SIGN_IN_METHOD: {
    status: 409,
    description: 'the provider is the only way to sign in; set a password first',
  },
} as const satisfies ErrorCatalog;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;
export const AuthErrorCode = codesOf(AUTH_ERRORS);

export class AuthException extends DomainException<AuthErrorCode> {
  override readonly name = 'AuthException';

  constructor(code: AuthErrorCode, detail: string, extras?: ProblemExtras) {
    super(AUTH_ERRORS, code, detail, extras);
  }
}

/** The codes an auth route can answer with, for its OpenAPI responses. */
export const ApiAuthErrors = (...codes: AuthErrorCode[]) => ApiErrors(AUTH_ERRORS, ...codes);
