import { modifyReturning } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity.js';

/** The sign-in (family) and owner a refresh token belongs to. */
export interface TokenFamily {
  readonly familyId: string;
  readonly userId: string;
}

/** The only code that touches the refresh tokens table. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async familyOfHash(
    tokenHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TokenFamily | undefined> {
    const rows: TokenFamily[] = await manager.query(
      `SELECT "family_id" AS "familyId", "user_id" AS "userId" FROM "auth"."refresh_tokens" WHERE "token_hash" = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  findByHash(manager: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return manager.findOneBy(RefreshTokenEntity, { tokenHash });
  }

  /** Serializes refreshes and logouts of one family until the transaction ends. */
  async lockFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('auth.refresh-family:' || $1, 0))`, [
      familyId,
    ]);
  }

  /**
   * Marks the token used if it is live (unused, unrevoked, unexpired), by one conditional UPDATE: of
   * parallel requests exactly one gets its family and expiry back.
   */
  async spend(
    manager: EntityManager,
    tokenHash: string,
  ): Promise<Pick<RefreshTokenEntity, 'familyId' | 'expiresAt'> | undefined> {
    const spent = await modifyReturning<Pick<RefreshTokenEntity, 'familyId' | 'expiresAt'>>(
      manager,
      `UPDATE "auth"."refresh_tokens" SET "used_at" = now()
        WHERE "token_hash" = $1 AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now()
        RETURNING "family_id" AS "familyId", "expires_at" AS "expiresAt"`,
      [tokenHash],
    );
    return spent[0];
  }

  /** Revokes the family's live tokens; returns how many there were. */
  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const ended = await modifyReturning<{ id: string }>(
      manager,
      `UPDATE "auth"."refresh_tokens" SET "revoked_at" = now()
        WHERE "family_id" = $1 AND "revoked_at" IS NULL RETURNING "id"`,
      [familyId],
    );
    return ended.length;
  }

  /** Revokes every live token of the user, except those of `keepFamilyId`; returns the families ended. */
  async revokeAllOfUser(manager: EntityManager, userId: string, keepFamilyId?: string): Promise<string[]> {
    const ended = await modifyReturning<{ familyId: string }>(
      manager,
      `UPDATE "auth"."refresh_tokens" SET "revoked_at" = now()
        WHERE "user_id" = $1 AND "revoked_at" IS NULL AND "family_id" IS DISTINCT FROM $2
        RETURNING "family_id" AS "familyId"`,
      [userId, keepFamilyId ?? null],
    );
    return [...new Set(ended.map((row) => row.familyId))];
  }

  async insert(
    manager: EntityManager,
    token: Pick<RefreshTokenEntity, 'id' | 'familyId' | 'userId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await manager.insert(RefreshTokenEntity, { ...token, usedAt: null, revokedAt: null });
  }
}
