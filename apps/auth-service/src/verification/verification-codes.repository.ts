import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VerificationCodeEntity } from './verification-code.entity.js';

/** The only code that touches the verification codes table. */
@Injectable()
export class VerificationCodesRepository {
  /** Writes the user's one live code, replacing any earlier one. */
  async replace(
    manager: EntityManager,
    code: Pick<VerificationCodeEntity, 'userId' | 'codeHash' | 'expiresAt'>,
  ): Promise<void> {
    await manager.upsert(VerificationCodeEntity, { ...code, attempts: 0, createdAt: new Date() }, ['userId']);
  }

  /** The user's code, locked for the rest of the transaction. */
  lockByUserId(manager: EntityManager, userId: string): Promise<VerificationCodeEntity | null> {
    return manager.findOne(VerificationCodeEntity, {
      where: { userId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async countWrongGuess(manager: EntityManager, userId: string): Promise<void> {
    await manager.increment(VerificationCodeEntity, { userId }, 'attempts', 1);
  }

  async delete(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(VerificationCodeEntity, { userId });
  }
}
