import { applyDecorators, createParamDecorator, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessTokenGuard, OptionalAccessTokenGuard, RequiredRoles } from './access-token.guard.js';
import type { AuthenticatedUser } from './access-token.js';
import { AccessErrorCode, ApiAccessErrors, CREDENTIAL_ERROR_CODES } from './auth.errors.js';
import type { Role } from './roles.js';

/** The route needs a valid access token and, when roles are given, one of them; documents the guard's codes. */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    RequiredRoles(roles),
    UseGuards(AccessTokenGuard),
    // Either scheme (SECURITY_SCHEMES of @agora/http): the bearer token or the web session's cookie.
    ApiSecurity('bearer'),
    ApiSecurity('cookie'),
    ApiAccessErrors(...CREDENTIAL_ERROR_CODES, ...(roles.length > 0 ? [AccessErrorCode.FORBIDDEN_ROLE] : [])),
  );
}

/** The user of an `@Authenticated()` route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<FastifyRequest>().user;
    if (!user) {
      throw new Error('@CurrentUser() used on a route without @Authenticated()');
    }
    return user;
  },
);

/** The route is public, but a valid access token, when sent, identifies the caller (`@MaybeUser()`). */
export function OptionallyAuthenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(OptionalAccessTokenGuard),
    // Public: no credentials at all (`{}`), or either scheme to be known as the caller.
    ApiSecurity({}),
    ApiSecurity('bearer'),
    ApiSecurity('cookie'),
    ApiAccessErrors(...CREDENTIAL_ERROR_CODES),
  );
}

/** The caller of an `@OptionallyAuthenticated()` route, if a token was sent. */
export const MaybeUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().user,
);
