import type { AuthenticatedUser } from '@agora/auth';
import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository.js';
import { UnitOfWork } from '@agora/database';
import { IdentitiesRepository } from './identities.repository.js';
import type { IdentityDto } from './oauth.dto.js';
import type { OAuthProviderName } from './oauth-provider.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** A user's own linked Google and Yandex accounts. */
@Injectable()
export class IdentitiesService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly identities: IdentitiesRepository,
    private readonly users: UsersRepository,
  ) {}

  async list(user: AuthenticatedUser): Promise<IdentityDto[]> {
    const identities = await this.identities.listOfUser(user.id);
    return identities.map((identity) => ({
      provider: identity.provider,
      email: identity.email,
      linkedAt: identity.createdAt.toISOString(),
    }));
  }

  /** Unlinks, unless it is the account's last way to sign in (no password, no other provider). */
  async unlink(caller: AuthenticatedUser, provider: OAuthProviderName): Promise<void> {
    const userId = caller.id;
    await this.transactions.run(async (manager) => {
      const user = await this.users.lockById(manager, userId);
      const identities = await this.identities.listOfUser(userId, manager);
      if (!user || !identities.some((identity) => identity.provider === provider)) {
        throw new AuthException(
          AuthErrorCode.IDENTITY_NOT_FOUND,
          `No ${provider} account is linked to this account`,
        );
      }
      if (!user.passwordHash && identities.length === 1) {
        throw new AuthException(
          AuthErrorCode.LAST_SIGN_IN_METHOD,
          `${provider} is this account's only way to sign in; set a password first (POST /password/recovery)`,
        );
      }
      await this.identities.delete(manager, userId, provider);
    });
  }
}
