import { Topics, type SessionRevocationReason } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import { SigningKeyRing } from '../keys/signing-key-ring.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import type { TokenPairDto } from './token-pair.dto.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';
import { UnitOfWork } from '@agora/database';

/** A token pair and the sign-in (refresh-token family, the access token's `sid`) it belongs to. */
export interface IssuedSession {
  readonly pair: TokenPairDto;
  readonly sessionId: string;
}

type RefreshOutcome =
  | { readonly kind: 'rotated'; readonly session: IssuedSession }
  | { readonly kind: 'reused' | 'revoked' | 'expired' | 'unknown' };

const REFRESH_FAILURES = {
  reused: [AuthErrorCode.REFRESH_TOKEN_REUSED, 'This refresh token was already used; the session is revoked'],
  revoked: [AuthErrorCode.REFRESH_TOKEN_REVOKED, 'This session has ended; sign in again'],
  expired: [AuthErrorCode.REFRESH_TOKEN_EXPIRED, 'This session has expired; sign in again'],
  unknown: [AuthErrorCode.INVALID_REFRESH_TOKEN, 'The refresh token is not valid'],
} as const satisfies Record<string, readonly [AuthErrorCode, string]>;

/** Clocks of the services may differ a little; revocation entries outlive the tokens by this much. */
const CLOCK_SKEW_MS = 5_000;

/**
 * Access tokens (ES256, short-lived) and refresh tokens (opaque, hashed, single use, rotated within a
 * family whose absolute lifetime rotation never extends). Ending a family writes
 * `auth.session.revoked.v1` in the same transaction, so every service refuses its access tokens too.
 *
 * Locks, always in this order: the user row (refresh: shared; password and role changes, deletion:
 * exclusive), then the family (a transaction-scoped advisory lock), then token rows. A refresh and a
 * logout of one family run one after the other, so a logout also ends a token issued in the same instant.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly keys: SigningKeyRing,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly config: AuthConfig,
  ) {}

  /**
   * A new sign-in: a new family, for the user as the row stands now (share-locked, so a role change or
   * deletion under way is waited for; a user deleted meanwhile gets no sign-in).
   */
  async issue(user: UserEntity): Promise<IssuedSession> {
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const session = await this.transactions.run(async (manager) => {
      const current = await this.users.shareLockById(manager, user.id);
      return current ? this.pairFor(manager, current, uuidv7(), expiresAt) : undefined;
    });
    if (!session) {
      throw new AuthException(AuthErrorCode.INVALID_CREDENTIALS, 'The login or password is not right');
    }
    return session;
  }

  /**
   * Exchanges a refresh token for a new pair. The token is marked used by one conditional UPDATE under the
   * family's lock, so of parallel requests exactly one wins; presenting a used token revokes the family.
   */
  async refresh(token: string): Promise<IssuedSession> {
    const tokenHash = secretHash(token);
    const outcome = await this.transactions.run(async (manager): Promise<RefreshOutcome> => {
      const owner = await this.refreshTokens.familyOfHash(tokenHash, manager);
      if (!owner) {
        return { kind: 'unknown' };
      }
      const user = await this.users.shareLockById(manager, owner.userId);
      await this.refreshTokens.lockFamily(manager, owner.familyId);
      const current = await this.refreshTokens.spend(manager, tokenHash);
      if (current) {
        if (!user || !user.verified) {
          await this.endFamily(manager, owner.userId, current.familyId, 'account-unverified');
          return { kind: 'revoked' };
        }
        return {
          kind: 'rotated',
          session: await this.pairFor(manager, user, current.familyId, current.expiresAt),
        };
      }
      const known = await this.refreshTokens.findByHash(manager, tokenHash);
      if (!known) {
        return { kind: 'unknown' };
      }
      if (known.revokedAt) {
        return { kind: 'revoked' };
      }
      if (known.usedAt) {
        await this.endFamily(manager, known.userId, known.familyId, 'refresh-token-reused');
        return { kind: 'reused' };
      }
      return { kind: 'expired' };
    });
    if (outcome.kind !== 'rotated') {
      const [code, detail] = REFRESH_FAILURES[outcome.kind];
      throw new AuthException(code, detail);
    }
    return outcome.session;
  }

  /** The sign-in a refresh token belongs to (for the CSRF token of a cookie session), if the token is known. */
  async sessionOf(token: string): Promise<string | undefined> {
    return (await this.refreshTokens.familyOfHash(secretHash(token)))?.familyId;
  }

  /** Ends the sign-in the refresh token belongs to; an unknown token changes nothing. */
  async revokeByToken(token: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const owner = await this.refreshTokens.familyOfHash(secretHash(token), manager);
      if (owner) {
        await this.refreshTokens.lockFamily(manager, owner.familyId);
        await this.endFamily(manager, owner.userId, owner.familyId, 'logout');
      }
    });
  }

  /**
   * Ends every sign-in of the user, or all but `keepFamilyId`, announcing them as revoked. The caller holds
   * the user row exclusively, so no refresh of the user is under way.
   */
  async revokeAllOfUser(
    manager: EntityManager,
    userId: string,
    reason: SessionRevocationReason,
    keepFamilyId?: string,
  ): Promise<void> {
    const ended = await this.refreshTokens.revokeAllOfUser(manager, userId, keepFamilyId);
    await this.announce(manager, userId, ended, reason);
  }

  /** When every access token signed now has expired (for revocation entries in other services). */
  accessTokensExpireBy(): string {
    return new Date(Date.now() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000 + CLOCK_SKEW_MS).toISOString();
  }

  private async endFamily(
    manager: EntityManager,
    userId: string,
    familyId: string,
    reason: SessionRevocationReason,
  ): Promise<void> {
    if ((await this.refreshTokens.revokeFamily(manager, familyId)) > 0) {
      await this.announce(manager, userId, [familyId], reason);
    }
  }

  private async announce(
    manager: EntityManager,
    userId: string,
    sessionIds: string[],
    reason: SessionRevocationReason,
  ): Promise<void> {
    if (sessionIds.length === 0) {
      return;
    }
    await this.outbox.add(manager, Topics.SessionRevoked, userId, {
      userId,
      sessionIds,
      reason,
      revokedAt: new Date().toISOString(),
      accessTokensExpireBy: this.accessTokensExpireBy(),
    });
  }

  private async pairFor(
    manager: EntityManager,
    user: UserEntity,
    familyId: string,
    expiresAt: Date,
  ): Promise<IssuedSession> {
    const refreshToken = newOpaqueToken();
    await this.refreshTokens.insert(manager, {
      id: uuidv7(),
      familyId,
      userId: user.id,
      tokenHash: secretHash(refreshToken),
      expiresAt,
    });
    const accessToken = await this.keys.sign({
      userId: user.id,
      role: user.role,
      sessionId: familyId,
      tokenVersion: user.tokenVersion,
    });
    return {
      sessionId: familyId,
      pair: {
        accessToken,
        refreshToken,
        tokenType: 'Bearer',
        expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      },
    };
  }
}
