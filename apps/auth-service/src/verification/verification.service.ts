import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { AuthErrorCode, AuthException } from '../auth.errors.js';
import { AuthMail } from '../mail/auth-mail.js';
import { UsersRepository } from '../users/users.repository.js';
import { VerificationCodes, type CodeCheck } from './verification-codes.js';
import type { VerifiedDto } from './verification.dto.js';
import { UnitOfWork } from '@agora/database';

const FAILURES: Record<Exclude<CodeCheck, 'valid'>, readonly [AuthErrorCode, string]> = {
  none: [AuthErrorCode.INVALID_VERIFICATION_CODE, 'The e-mail or code is not right'],
  wrong: [AuthErrorCode.INVALID_VERIFICATION_CODE, 'The e-mail or code is not right'],
  expired: [AuthErrorCode.VERIFICATION_CODE_EXPIRED, 'The code has expired; request a new one'],
  exhausted: [AuthErrorCode.VERIFICATION_ATTEMPTS_EXHAUSTED, 'Too many wrong codes; request a new one'],
};

const failure = (check: Exclude<CodeCheck, 'valid'>): AuthException => new AuthException(...FAILURES[check]);

const VERIFIED: VerifiedDto = {
  verified: true,
  detail: 'The address is confirmed; sign in with POST /api/authentication',
};

@Injectable()
export class VerificationService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly codes: VerificationCodes,
    private readonly outbox: OutboxWriter,
    private readonly mail: AuthMail,
  ) {}

  /**
   * Marks the account verified when the code is right, and emits `auth.user.verified.v1`. Answers no
   * account data, and an unknown or already verified address exactly as a wrong code, so the route tells
   * nobody who has an account (a used link, opened again, is a wrong code too).
   */
  async verify(email: string, code: string): Promise<VerifiedDto> {
    const user = await this.users.findByEmail(email);
    if (!user || user.verified) {
      throw failure('wrong');
    }
    // A wrong guess must be counted even though the request fails: decide inside, throw after commit.
    const outcome = await this.transactions.run(async (manager) => {
      const check = await this.codes.check(manager, user.id, code);
      if (check !== 'valid') {
        return { check } as const;
      }
      const locked = await this.users.lockById(manager, user.id);
      if (!locked) {
        return { check: 'none' } as const;
      }
      locked.verified = true;
      const saved = await this.users.save(manager, locked);
      await this.outbox.add(manager, Topics.UserVerified, saved.id, {
        userId: saved.id,
        verifiedAt: saved.updatedAt.toISOString(),
      });
      return { check } as const;
    });
    if (outcome.check !== 'valid') {
      throw failure(outcome.check);
    }
    return VERIFIED;
  }

  /** Sends a fresh code (cancelling the old) to an unverified account; says nothing about others. */
  async resend(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.verified) {
      return;
    }
    const code = await this.transactions.run((manager) => this.codes.issue(manager, user.id));
    await this.mail.sendVerificationCode(user.email, user.login, code);
  }
}
