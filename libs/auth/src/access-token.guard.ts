import { ProblemException } from '@agora/http';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessTokenError, AccessTokenVerifier, type AuthenticatedUser } from './access-token.js';
import type { Role } from './roles.js';
import { ACCESS_COOKIE, assertCsrfToken, isStateChanging } from './web-session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by AccessTokenGuard on authenticated routes. */
    user?: AuthenticatedUser;
    /** Set by @fastify/cookie. */
    cookies: Record<string, string | undefined>;
  }
}

export const REQUIRED_ROLES = 'agora:required-roles';
export const RequiredRoles = (roles: readonly Role[]) => SetMetadata(REQUIRED_ROLES, roles);

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i;

function unauthorized(code: string, detail: string): ProblemException {
  return new ProblemException(401, {
    code,
    detail,
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${detail}"` },
  });
}

/**
 * Authenticates a request by its `Authorization: Bearer` access token or, for web clients, the httpOnly
 * access cookie, which then needs the CSRF header on state-changing requests; checks required roles.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.user = await this.authenticate(request);
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && roles.length > 0 && !roles.includes(request.user.role)) {
      throw new ProblemException(403, {
        code: 'FORBIDDEN_ROLE',
        detail: `This needs one of the roles: ${roles.join(', ')}`,
      });
    }
    return true;
  }

  /** Whether the request carries credentials at all (a bearer header or the access cookie). */
  static hasCredentials(request: FastifyRequest): boolean {
    return Boolean(request.headers.authorization ?? request.cookies?.[ACCESS_COOKIE]);
  }

  /** The request's user, as the guard finds it (401, or 403 without the CSRF token); for routes that need one only sometimes. */
  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser> {
    const header = request.headers.authorization;
    let token: string | undefined;
    if (header) {
      token = BEARER.exec(header)?.[1];
      if (!token) {
        throw unauthorized('INVALID_ACCESS_TOKEN', 'Authorization must be "Bearer <access token>"');
      }
    } else {
      token = request.cookies?.[ACCESS_COOKIE];
      if (token && isStateChanging(request.method)) {
        assertCsrfToken(request);
      }
    }
    if (!token) {
      throw unauthorized('AUTHENTICATION_REQUIRED', 'An access token is required');
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AccessTokenError) {
        throw unauthorized(
          error.reason === 'expired' ? 'ACCESS_TOKEN_EXPIRED' : 'INVALID_ACCESS_TOKEN',
          error.reason === 'expired' ? 'The access token has expired' : 'The access token is not valid',
        );
      }
      throw error;
    }
  }
}

/**
 * For public routes that show more to some users: a request with credentials is authenticated as by
 * AccessTokenGuard (bad credentials are still a 401); one without stays anonymous.
 */
@Injectable()
export class OptionalAccessTokenGuard implements CanActivate {
  constructor(private readonly guard: AccessTokenGuard) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (AccessTokenGuard.hasCredentials(request)) {
      request.user = await this.guard.authenticate(request);
    }
    return true;
  }
}
