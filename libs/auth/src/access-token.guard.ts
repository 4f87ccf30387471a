import { LOGGER } from '@agora/logging';
import {
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AccessTokenError, AccessTokenVerifier, type AuthenticatedUser } from './access-token.js';
import { AccessErrorCode, AccessException } from './auth.errors.js';
import { RevocationList } from './revocation/revocation-list.js';
import type { Role } from './roles.js';
import { isStateChanging, WebSessions } from './web-session.js';

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

function unauthorized(code: AccessErrorCode, detail: string): AccessException {
  return new AccessException(code, detail, {
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${detail}"` },
  });
}

/**
 * Authenticates a request by its `Authorization: Bearer` access token or, for web clients, the httpOnly
 * access cookie, which then needs the session's CSRF token on state-changing requests; refuses tokens
 * revoked before they expire (ended sessions, changed roles, deleted users); checks required roles.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
    private readonly revocations: RevocationList,
    private readonly sessions: WebSessions,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.user = await this.authenticate(request);
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && roles.length > 0 && !roles.includes(request.user.role)) {
      throw new AccessException(
        AccessErrorCode.FORBIDDEN_ROLE,
        `This needs one of the roles: ${roles.join(', ')}`,
      );
    }
    return true;
  }

  /** Whether the request carries credentials at all (a bearer header or the access cookie). */
  hasCredentials(request: FastifyRequest): boolean {
    return Boolean(request.headers.authorization ?? this.sessions.accessTokenOf(request));
  }

  /** The request's user, as the guard finds it (401, or 403 without the CSRF token); for routes that need one only sometimes. */
  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser> {
    const header = request.headers.authorization;
    let token: string | undefined;
    if (header) {
      token = BEARER.exec(header)?.[1];
      if (!token) {
        throw unauthorized(
          AccessErrorCode.INVALID_ACCESS_TOKEN,
          'Authorization must be "Bearer <access token>"',
        );
      }
    } else {
      token = this.sessions.accessTokenOf(request);
    }
    if (!token) {
      throw unauthorized(AccessErrorCode.AUTHENTICATION_REQUIRED, 'An access token is required');
    }
    const user = await this.authenticateToken(token);
    if (!header && isStateChanging(request.method)) {
      this.sessions.assertCsrf(request, user.sessionId);
    }
    return user;
  }

  /** The user of an access token however it came (a header, a cookie, a socket's handshake): 401 unless valid and live. */
  async authenticateToken(token: string): Promise<AuthenticatedUser> {
    const user = await this.verify(token);
    await this.assertNotRevoked(user);
    return user;
  }

  /** 401 when the user's session or token version was revoked since the token was issued. */
  async assertNotRevoked(user: AuthenticatedUser): Promise<void> {
    if (await this.isRevoked(user)) {
      throw unauthorized(AccessErrorCode.ACCESS_TOKEN_REVOKED, 'The session has ended; sign in again');
    }
  }

  private async verify(token: string): Promise<AuthenticatedUser> {
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AccessTokenError) {
        throw unauthorized(
          error.reason === 'expired'
            ? AccessErrorCode.ACCESS_TOKEN_EXPIRED
            : AccessErrorCode.INVALID_ACCESS_TOKEN,
          error.reason === 'expired' ? 'The access token has expired' : 'The access token is not valid',
        );
      }
      throw error;
    }
  }

  /** Fails closed: without an answer from the revocation store (Redis down) nobody is let in. */
  private async isRevoked(user: AuthenticatedUser): Promise<boolean> {
    try {
      return await this.revocations.isRevoked(user);
    } catch (error) {
      this.logger?.error({ err: error }, 'revocation list unavailable');
      throw new AccessException(
        AccessErrorCode.REVOCATION_CHECK_UNAVAILABLE,
        'Access tokens cannot be checked right now; try again shortly',
        {
          headers: { 'retry-after': '5' },
        },
      );
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
    if (this.guard.hasCredentials(request)) {
      request.user = await this.guard.authenticate(request);
    }
    return true;
  }
}
