import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isRole, type Role } from './roles.js';

/** Access tokens are ES256 JWTs; verifiers accept nothing else (no `none`, no HMAC with a public key). */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';

/** What a verified access token says about its bearer. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly role: Role;
  /** The refresh-token family (sign-in session) the token was issued for (`sid`). */
  readonly sessionId: string;
  /**
   * The user's token version when the token was issued (`ver`, 0 when absent); a role change raises it,
   * and tokens below the version a service has heard of are revoked.
   */
  readonly tokenVersion: number;
  /** When the token expires (`exp`, epoch milliseconds); long-lived connections end then. */
  readonly expiresAt?: number;
}

export interface AccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
}

export type AccessTokenFailure = 'missing' | 'expired' | 'invalid';

export class AccessTokenError extends Error {
  constructor(
    readonly reason: AccessTokenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

/** Verified tokens remembered per process (a client sends its token with every request). */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Verifies access tokens locally against auth-service's public keys (a JWKS): signature with the pinned
 * algorithm, issuer, audience, expiry, and the claims Agora puts in.
 *
 * A token that passed is remembered until it expires (the last VERIFIED_CACHE_SIZE of them): the same
 * bytes verify the same way, and the ECDSA check is most of what an authenticated request costs a
 * service. Expiry is checked on every use; revocation is not this class's business (the guard checks it
 * on every request). A key auth-service stops publishing still admits the tokens it signed until they
 * expire, as it does for every service that fetched the JWKS before.
 */
export class AccessTokenVerifier {
  private readonly verified = new Map<string, AuthenticatedUser>();

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: AccessTokenOptions,
  ) {}

  async verify(token: string): Promise<AuthenticatedUser> {
    const known = this.verified.get(token);
    if (known) {
      if ((known.expiresAt ?? 0) > Date.now()) {
        return known;
      }
      this.verified.delete(token);
    }
    const user = await this.verifyAfresh(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // Maps keep insertion order: the first key is the oldest.
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, user);
    return user;
  }

  private async verifyAfresh(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const role = payload.role;
      const sessionId = payload.sid;
      const version = payload.ver ?? 0;
      if (
        typeof payload.sub !== 'string' ||
        typeof role !== 'string' ||
        !isRole(role) ||
        typeof sessionId !== 'string' ||
        typeof version !== 'number' ||
        !Number.isSafeInteger(version) ||
        version < 0
      ) {
        throw new AccessTokenError('invalid', 'access token lacks sub, role or sid, or has a bad ver');
      }
      return {
        id: payload.sub,
        role,
        sessionId,
        tokenVersion: version,
        expiresAt: (payload.exp ?? 0) * 1000,
      };
    } catch (error) {
      if (error instanceof AccessTokenError) {
        throw error;
      }
      if (error instanceof errors.JWTExpired) {
        throw new AccessTokenError('expired', 'access token expired');
      }
      throw new AccessTokenError('invalid', error instanceof Error ? error.message : 'invalid access token');
    }
  }
}
