import { Injectable } from '@nestjs/common';
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { secretHash } from '../secrets/opaque-token.js';
import { VerificationCodesRepository } from './verification-codes.repository.js';

export type CodeCheck = 'valid' | 'wrong' | 'expired' | 'exhausted' | 'none';

const hashCode = (userId: string, code: string): string => secretHash(`${userId}:${code}`);

/** Six-digit e-mail codes: one live code per user, expiring, with a limited number of guesses. */
@Injectable()
export class VerificationCodes {
  constructor(
    private readonly config: AuthConfig,
    private readonly codes: VerificationCodesRepository,
  ) {}

  /** Creates a new code for the user (cancelling any earlier one) and returns it for the mail. */
  async issue(manager: EntityManager, userId: string): Promise<string> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    await this.codes.replace(manager, {
      userId,
      codeHash: hashCode(userId, code),
      expiresAt: new Date(Date.now() + this.config.VERIFICATION_CODE_TTL_MINUTES * 60_000),
    });
    return code;
  }

  /** Checks a guess under a row lock; a wrong guess counts, a valid code is consumed. */
  async check(manager: EntityManager, userId: string, code: string): Promise<CodeCheck> {
    const row = await this.codes.lockByUserId(manager, userId);
    if (!row) {
      return 'none';
    }
    if (row.attempts >= this.config.VERIFICATION_MAX_ATTEMPTS) {
      return 'exhausted';
    }
    if (row.expiresAt.getTime() <= Date.now()) {
      return 'expired';
    }
    const expected = Buffer.from(row.codeHash, 'hex');
    const actual = Buffer.from(hashCode(userId, code), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      await this.codes.countWrongGuess(manager, userId);
      return row.attempts + 1 >= this.config.VERIFICATION_MAX_ATTEMPTS ? 'exhausted' : 'wrong';
    }
    await this.codes.delete(manager, userId);
    return 'valid';
  }
}
