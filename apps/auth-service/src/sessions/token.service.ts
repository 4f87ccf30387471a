import { modifyReturning } from '@agora/database';
import { ProblemException } from '@agora/http';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import { SigningKeyRing } from '../keys/signing-key-ring.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import type { TokenPairDto } from './token-pair.dto.js';

type RefreshOutcome =
  | { readonly kind: 'rotated'; readonly pair: TokenPairDto }
  | { readonly kind: 'reused' | 'revoked' | 'expired' | 'unknown' };

const REFRESH_FAILURES = {
  reused: {
    code: 'REFRESH_TOKEN_REUSED',
    detail: 'This refresh token was already used; the session is revoked',
  },
  revoked: { code: 'REFRESH_TOKEN_REVOKED', detail: 'This session has ended; sign in again' },
  expired: { code: 'REFRESH_TOKEN_EXPIRED', detail: 'This session has expired; sign in again' },
  unknown: { code: 'INVALID_REFRESH_TOKEN', detail: 'The refresh token is not valid' },
} as const;

/**
 * Access tokens (ES256, short-lived) and refresh tokens (opaque, hashed, single use, rotated within a
 * family whose absolute lifetime rotation never extends).
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeyRing,
    private readonly users: UsersRepository,
    private readonly config: AuthConfig,
  ) {}

  /** A new sign-in: a new family. */
  issue(user: UserEntity): Promise<TokenPairDto> {
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    return this.dataSource.transaction((manager) => this.pairFor(manager, user, uuidv7(), expiresAt));
  }

  /**
   * Exchanges a refresh token for a new pair. The token is marked used by one conditional UPDATE, so of
   * two parallel requests exactly one wins; presenting a used token revokes its whole family.
   */
  async refresh(token: string): Promise<TokenPairDto> {
    const tokenHash = secretHash(token);
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const spent = await modifyReturning<Pick<RefreshTokenEntity, 'familyId' | 'userId' | 'expiresAt'>>(
        manager,
        `UPDATE "auth"."refresh_tokens" SET "used_at" = now()
          WHERE "token_hash" = $1 AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now()
          RETURNING "family_id" AS "familyId", "user_id" AS "userId", "expires_at" AS "expiresAt"`,
        [tokenHash],
      );
      const current = spent[0];
      if (current) {
        const user = await this.users.findById(current.userId, manager);
        if (!user || !user.verified) {
          await this.revokeFamily(manager, current.familyId);
          return { kind: 'revoked' };
        }
        return {
          kind: 'rotated',
          pair: await this.pairFor(manager, user, current.familyId, current.expiresAt),
        };
      }
      const known = await manager.findOneBy(RefreshTokenEntity, { tokenHash });
      if (!known) {
        return { kind: 'unknown' };
      }
      if (known.revokedAt) {
        return { kind: 'revoked' };
      }
      if (known.usedAt) {
        await this.revokeFamily(manager, known.familyId);
        return { kind: 'reused' };
      }
      return { kind: 'expired' };
    });
    if (outcome.kind !== 'rotated') {
      throw new ProblemException(401, REFRESH_FAILURES[outcome.kind]);
    }
    return outcome.pair;
  }

  /** Ends the sign-in the refresh token belongs to; an unknown token changes nothing. */
  async revokeByToken(token: string): Promise<void> {
    const known = await this.dataSource.manager.findOneBy(RefreshTokenEntity, {
      tokenHash: secretHash(token),
    });
    if (known) {
      await this.revokeFamily(this.dataSource.manager, known.familyId);
    }
  }

  /** Ends every sign-in of the user (password reset, deletion), or all but `keepFamilyId`. */
  async revokeAllOfUser(manager: EntityManager, userId: string, keepFamilyId?: string): Promise<void> {
    await manager.query(
      `UPDATE "auth"."refresh_tokens" SET "revoked_at" = now()
        WHERE "user_id" = $1 AND "revoked_at" IS NULL AND "family_id" IS DISTINCT FROM $2`,
      [userId, keepFamilyId ?? null],
    );
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async pairFor(
    manager: EntityManager,
    user: UserEntity,
    familyId: string,
    expiresAt: Date,
  ): Promise<TokenPairDto> {
    const refreshToken = newOpaqueToken();
    await manager.insert(RefreshTokenEntity, {
      id: uuidv7(),
      familyId,
      userId: user.id,
      tokenHash: secretHash(refreshToken),
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    const accessToken = await this.keys.sign({ userId: user.id, role: user.role, sessionId: familyId });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
