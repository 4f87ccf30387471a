import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** The codes of route rate limits. */
export const RATE_LIMIT_ERRORS = {
  RATE_LIMITED: { status: 429, description: 'the budget of the window is spent; see Retry-After' },
} as const satisfies ErrorCatalog;

export type RateLimitErrorCode = keyof typeof RATE_LIMIT_ERRORS;
export const RateLimitErrorCode = codesOf(RATE_LIMIT_ERRORS);

export class RateLimitException extends DomainException<RateLimitErrorCode> {
  override readonly name = 'RateLimitException';

  constructor(code: RateLimitErrorCode, detail: string, extras?: ProblemExtras) {
    super(RATE_LIMIT_ERRORS, code, detail, extras);
  }
}

export const ApiRateLimitErrors = (...codes: RateLimitErrorCode[]) => ApiErrors(RATE_LIMIT_ERRORS, ...codes);
