import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code social-service answers with, and its status: the one place they are defined. */
export const SOCIAL_ERRORS = {
  PROFILE_NOT_FOUND: { status: 404, description: 'no public profile for this user' },
} as const satisfies ErrorCatalog;

export type SocialErrorCode = keyof typeof SOCIAL_ERRORS;
export const SocialErrorCode = codesOf(SOCIAL_ERRORS);

export class SocialException extends DomainException<SocialErrorCode> {
  constructor(code: SocialErrorCode, detail: string, extras?: ProblemExtras) {
    super(SOCIAL_ERRORS, code, detail, extras);
  }
}

/** The codes a social route can answer with, for its OpenAPI responses. */
export const ApiSocialErrors = (...codes: SocialErrorCode[]) => ApiErrors(SOCIAL_ERRORS, ...codes);
