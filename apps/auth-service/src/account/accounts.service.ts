import type { AuthenticatedUser, Role } from '@agora/auth';
import { Topics, type UserDeletionReason } from '@agora/contracts';
import { OutboxWriter, uniqueViolation } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokenService } from '../sessions/token.service.js';
import { LoginThrottle } from '../throttling/login-throttle.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { assertPasswordAcceptable } from '../users/password-policy.js';
import { toUserDto, type UserDto, type UserPageDto } from '../users/user.dto.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { PatchUserDto, UpdateOwnAccountDto } from './account.dto.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';
import { UnitOfWork } from '@agora/database';

const notFound = (id: string): AuthException =>
  new AuthException(AuthErrorCode.USER_NOT_FOUND, `No user ${id}`);

/**
 * Reads and changes accounts (by their owners and by admins). Every change writes its event to the outbox
 * in the same transaction: updated, verified, role-changed, deleted.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) {
      throw notFound(id);
    }
    return toUserDto(user);
  }

  async list(query: ParsedListQuery): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return mapPage(page, toUserDto);
  }

  /**
   * The owner's own changes: login, and the password with the current one as proof. A wrong current
   * password counts as a failed sign-in of the account from this address (and is refused with 429 while
   * that budget is spent); a new password ends every other sign-in.
   */
  async updateOwn(caller: AuthenticatedUser, dto: UpdateOwnAccountDto, ip: string): Promise<UserDto> {
    return this.change(caller.id, async (manager, user) => {
      if (dto.newPassword !== undefined) {
        const proven = await this.throttle.attempt({ userId: user.id }, ip, () =>
          this.hasher.verify(user.passwordHash, dto.currentPassword ?? ''),
        );
        if (!proven) {
          throw new AuthException(AuthErrorCode.WRONG_CURRENT_PASSWORD, 'currentPassword is not right', {
            errors: [{ field: 'currentPassword', messages: ['currentPassword is not right'] }],
          });
        }
        assertPasswordAcceptable(dto.newPassword, user, 'newPassword');
        user.passwordHash = await this.hasher.hash(dto.newPassword);
        // Other sign-ins end, in every service; this one goes on.
        await this.tokens.revokeAllOfUser(manager, user.id, 'password-changed', caller.sessionId);
      }
      if (dto.login !== undefined) {
        await this.assertFree(manager, user, user.email, dto.login);
        user.login = dto.login;
      }
    });
  }

  /** An admin's change of any editable fields (PUT sends all of them, PATCH some). */
  async updateByAdmin(admin: AuthenticatedUser, id: string, dto: PatchUserDto): Promise<UserDto> {
    return this.change(id, async (manager, user) => {
      await this.assertFree(manager, user, dto.email ?? user.email, dto.login ?? user.login);
      if (dto.email !== undefined) {
        user.email = dto.email;
      }
      if (dto.login !== undefined) {
        user.login = dto.login;
      }
      if (dto.verified === true && !user.verified) {
        user.verified = true;
        await this.outbox.add(manager, Topics.UserVerified, user.id, {
          userId: user.id,
          verifiedAt: new Date().toISOString(),
        });
      } else if (dto.verified === false && user.verified) {
        // Unverified accounts cannot sign in: their sign-ins end, in every service.
        user.verified = false;
        await this.tokens.revokeAllOfUser(manager, user.id, 'account-unverified');
      }
      if (dto.role !== undefined) {
        this.assertNotOwnRole(admin, user, dto.role);
        await this.applyRole(manager, admin.id, user, dto.role);
      }
    });
  }

  async changeRole(admin: AuthenticatedUser, id: string, role: Role): Promise<UserDto> {
    return this.change(id, (manager, user) => {
      this.assertNotOwnRole(admin, user, role);
      return this.applyRole(manager, admin.id, user, role);
    });
  }

  /**
   * A role change another service decided (order-service: an approved seller application, a suspended
   * seller), inside its consumer's transaction: the user's role goes from `from` to `to` by the same change
   * as an admin's (token version, `auth.user.role-changed.v1` naming `changedBy`). Nothing happens when the
   * user is gone or no longer holds `from` (an admin changed it meanwhile). Returns the user when changed.
   */
  async changeRoleFrom(
    manager: EntityManager,
    userId: string,
    from: Role,
    to: Role,
    changedBy: string,
  ): Promise<UserEntity | null> {
    const user = await this.users.lockById(manager, userId);
    if (!user || user.role !== from) {
      return null;
    }
    await this.applyRole(manager, changedBy, user, to);
    return this.users.save(manager, user);
  }

  async delete(id: string, reason: UserDeletionReason): Promise<void> {
    const deleted = await this.transactions.run(async (manager) => {
      const user = await this.users.lockById(manager, id);
      if (!user) {
        return false;
      }
      await this.users.remove(manager, user);
      // Every service drops the user's data and refuses the user's access tokens from now on.
      await this.outbox.add(manager, Topics.UserDeleted, id, {
        userId: id,
        reason,
        deletedAt: new Date().toISOString(),
        accessTokensExpireBy: this.tokens.accessTokensExpireBy(),
      });
      return true;
    });
    if (!deleted) {
      throw notFound(id);
    }
  }

  /**
   * Locks the user, applies `edit`, saves, and emits `auth.user.updated.v1` (with the verified flag) when
   * e-mail, login or verification changed.
   */
  private async change(
    id: string,
    edit: (manager: EntityManager, user: UserEntity) => Promise<void>,
  ): Promise<UserDto> {
    try {
      const saved = await this.transactions.run(async (manager) => {
        const user = await this.users.lockById(manager, id);
        if (!user) {
          throw notFound(id);
        }
        const before = { email: user.email, login: user.login, verified: user.verified };
        await edit(manager, user);
        const saved = await this.users.save(manager, user);
        if (
          saved.email !== before.email ||
          saved.login !== before.login ||
          saved.verified !== before.verified
        ) {
          await this.outbox.add(manager, Topics.UserUpdated, saved.id, {
            userId: saved.id,
            email: saved.email,
            login: saved.login,
            verified: saved.verified,
            updatedAt: saved.updatedAt.toISOString(),
          });
        }
        return saved;
      });
      return toUserDto(saved);
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new AuthException(AuthErrorCode.ACCOUNT_CONFLICT, 'E-mail or login taken meanwhile');
      }
      throw error;
    }
  }

  private async assertFree(
    manager: EntityManager,
    user: UserEntity,
    email: string,
    login: string,
  ): Promise<void> {
    const taken = await this.users.findTakenFields(email, login, user.id, manager);
    if (taken.length > 0) {
      throw new AuthException(
        taken.includes('email') ? AuthErrorCode.EMAIL_TAKEN : AuthErrorCode.LOGIN_TAKEN,
        `Already in use: ${taken.join(', ')}`,
        { errors: taken.map((field) => ({ field, messages: [`${field} is already in use`] })) },
      );
    }
  }

  /** Admins change other users' roles only (setting the role they have changes nothing, so it passes). */
  private assertNotOwnRole(admin: AuthenticatedUser, user: UserEntity, role: Role): void {
    if (user.id === admin.id && user.role !== role) {
      throw new AuthException(
        AuthErrorCode.OWN_ROLE_CHANGE,
        'Admins cannot change their own role; ask another admin',
      );
    }
  }

  /** Sets the role (when it differs), raising the token version, with its event naming `changedBy`. */
  private async applyRole(
    manager: EntityManager,
    changedBy: string,
    user: UserEntity,
    role: Role,
  ): Promise<void> {
    if (user.role === role) {
      return;
    }
    const previousRole = user.role;
    user.role = role;
    // Access tokens carrying the old role (a lower `ver`) are refused by every service; the user's refresh
    // token goes on and brings the new role.
    user.tokenVersion += 1;
    await this.outbox.add(manager, Topics.UserRoleChanged, user.id, {
      userId: user.id,
      role,
      previousRole,
      changedBy,
      changedAt: new Date().toISOString(),
      tokenVersion: user.tokenVersion,
      accessTokensExpireBy: this.tokens.accessTokensExpireBy(),
    });
  }
}
