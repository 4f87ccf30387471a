import { Topics } from '@agora/contracts';
import { modifyReturning, OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { AuthMail } from '../mail/auth-mail.js';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import { TokenService } from '../sessions/token.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { assertPasswordAcceptable } from '../users/password-policy.js';
import { UsersRepository } from '../users/users.repository.js';
import { PasswordResetEntity } from './password-reset.entity.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** Password recovery by e-mail: an expiring single-use token; a reset ends every sign-in. */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly dataSource: DataSource,
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
    const done = await this.dataSource.transaction(async (manager) => {
      const spent = await modifyReturning<{ user_id: string }>(
        manager,
        `UPDATE "auth"."password_resets" SET "used_at" = now()
          WHERE "token_hash" = $1 AND "used_at" IS NULL AND "expires_at" > now() RETURNING "user_id"`,
        [secretHash(token)],
      );
      const user = spent[0] ? await this.users.lockById(manager, spent[0].user_id) : null;
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
      await manager.delete(PasswordResetEntity, { userId: user.id });
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
    await this.dataSource.manager.insert(PasswordResetEntity, {
      id: uuidv7(),
      userId: user.id,
      tokenHash: secretHash(token),
      expiresAt: new Date(Date.now() + this.config.PASSWORD_RESET_TTL_MINUTES * 60_000),
      usedAt: null,
    });
    await this.mail.sendPasswordReset(user.email, token);
  }
}
