import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { AuthConfig } from '../auth.config.js';
import { AuthMail } from '../mail/auth-mail.js';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import { TokenService } from '../sessions/token.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { assertPasswordAcceptable } from '../users/password-policy.js';
import { UsersRepository } from '../users/users.repository.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { UnitOfWork } from '@agora/database';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** Password recovery by e-mail: an expiring single-use token; a reset ends every sign-in. */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly outbox: OutboxWriter,
    private readonly mail: AuthMail,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Starts a reset. Returns before any lookup, so neither the answer nor its timing tells whether the
   * address has an account; the work goes on in the background.
   */
  request(email: string): void {
    void this.sendResetToken(email).catch((error: unknown) =>
      this.logger.error({ err: error }, 'password reset request failed'),
    );
  }

  async reset(token: string, password: string): Promise<void> {
    const done = await this.transactions.run(async (manager) => {
      const userId = await this.resets.spend(manager, secretHash(token));
      const user = userId ? await this.users.lockById(manager, userId) : null;
      if (!user) {
        return false;
      }
      assertPasswordAcceptable(password, user);
      user.passwordHash = await this.hasher.hash(password);
      if (!user.verified) {
        // The mail reached its owner: the address is proven.
        user.verified = true;
        await this.outbox.add(manager, Topics.UserVerified, user.id, {
          userId: user.id,
          verifiedAt: new Date().toISOString(),
        });
      }
      await this.users.save(manager, user);
      await this.resets.deleteOfUser(manager, user.id);
      await this.tokens.revokeAllOfUser(manager, user.id, 'password-reset');
      return true;
    });
    if (!done) {
      throw new AuthException(
        AuthErrorCode.INVALID_RESET_TOKEN,
        'The reset token is unknown, used or expired; request a new one',
      );
    }
  }

  private async sendResetToken(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      return;
    }
    const token = newOpaqueToken();
    await this.resets.insert({
      id: uuidv7(),
      userId: user.id,
      tokenHash: secretHash(token),
      expiresAt: new Date(Date.now() + this.config.PASSWORD_RESET_TTL_MINUTES * 60_000),
    });
    await this.mail.sendPasswordReset(user.email, token);
  }
}
