import { modifyReturning } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PasswordResetEntity } from './password-reset.entity.js';

/** The only code that touches the password resets table. */
@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(reset: Pick<PasswordResetEntity, 'id' | 'userId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.dataSource.manager.insert(PasswordResetEntity, { ...reset, usedAt: null });
  }

  /** Marks a live token used, by one conditional UPDATE; returns its user, or undefined. */
  async spend(manager: EntityManager, tokenHash: string): Promise<string | undefined> {
    const spent = await modifyReturning<{ user_id: string }>(
      manager,
      `UPDATE "auth"."password_resets" SET "used_at" = now()
        WHERE "token_hash" = $1 AND "used_at" IS NULL AND "expires_at" > now() RETURNING "user_id"`,
      [tokenHash],
    );
    return spent[0]?.user_id;
  }

  async deleteOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(PasswordResetEntity, { userId });
  }
}
