import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import type { OutboxWriter } from '@agora/database';
import type { EntityManager } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { AuthException } from '../auth.errors.js';
import type { TokenService } from '../sessions/token.service.js';
import { inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import type { LoginThrottle } from '../throttling/login-throttle.js';
import type { PasswordHasher } from '../users/password-hasher.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';
import { AccountsService } from './accounts.service.js';

const manager = strictMock<EntityManager>('manager');
const admin: AuthenticatedUser = { id: 'admin-1', role: 'admin', sessionId: 's1', tokenVersion: 0 };
const EXPIRE_BY = '2026-11-30T10:15:00.000Z';

const account = (overrides: Partial<UserEntity> = {}): UserEntity =>
  ({
    id: 'user-7',
    email: 'boris@example.com',
    login: 'boris',
    passwordHash: 'hash',
    verified: true,
    role: 'user',
    tokenVersion: 2,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...overrides,
  }) as UserEntity;

function serviceWith(mocks: { users: Partial<UsersRepository>; outbox?: Partial<OutboxWriter> }) {
  return new AccountsService(
    inlineUnitOfWork(manager),
    strictMock<UsersRepository>('UsersRepository', mocks.users),
    strictMock<OutboxWriter>('OutboxWriter', mocks.outbox),
    strictMock<PasswordHasher>('PasswordHasher'),
    strictMock<TokenService>('TokenService', { accessTokensExpireBy: () => EXPIRE_BY }),
    strictMock<LoginThrottle>('LoginThrottle'),
  );
}

const saving = () => vi.fn((_manager: EntityManager, user: UserEntity) => Promise.resolve(user));

const refusal = (promise: Promise<unknown>) => rejectionOf(promise, AuthException);

describe('AccountsService role changes', () => {
  it("raises the user's token version and announces the change, naming the admin", async () => {
    const add = vi.fn().mockResolvedValue(undefined);
    const save = saving();
    const service = serviceWith({
      users: { lockById: vi.fn().mockResolvedValue(account()), save },
      outbox: { add },
    });
    await expect(service.changeRole(admin, 'user-7', 'seller')).resolves.toMatchObject({ role: 'seller' });
    expect(save).toHaveBeenCalledWith(manager, expect.objectContaining({ role: 'seller', tokenVersion: 3 }));
    expect(add).toHaveBeenCalledOnce();
    expect(add).toHaveBeenCalledWith(manager, Topics.UserRoleChanged, 'user-7', {
      userId: 'user-7',
      role: 'seller',
      previousRole: 'user',
      changedBy: 'admin-1',
      changedAt: expect.any(String) as string,
      tokenVersion: 3,
      accessTokensExpireBy: EXPIRE_BY,
    });
  });

  it('leaves the version and the events alone when the role is already the one asked for', async () => {
    const save = saving();
    // No outbox member: announcing anything fails the test.
    const service = serviceWith({
      users: { lockById: vi.fn().mockResolvedValue(account({ role: 'seller' })), save },
    });
    await expect(service.changeRole(admin, 'user-7', 'seller')).resolves.toMatchObject({ role: 'seller' });
    expect(save).toHaveBeenCalledWith(manager, expect.objectContaining({ tokenVersion: 2 }));
  });

  it('refuses an admin changing their own role with OWN_ROLE_CHANGE, saving nothing', async () => {
    const service = serviceWith({
      users: { lockById: vi.fn().mockResolvedValue(account({ id: 'admin-1', role: 'admin' })) },
    });
    const error = await refusal(service.changeRole(admin, 'admin-1', 'user'));
    expect([error.code, error.status]).toEqual(['OWN_ROLE_CHANGE', 409]);
  });

  it('lets an admin send their own current role in an edit (nothing changes)', async () => {
    const service = serviceWith({
      users: {
        lockById: vi.fn().mockResolvedValue(account({ id: 'admin-1', role: 'admin' })),
        findTakenFields: vi.fn().mockResolvedValue([]),
        save: saving(),
      },
    });
    await expect(service.updateByAdmin(admin, 'admin-1', { role: 'admin' })).resolves.toMatchObject({
      role: 'admin',
    });
  });

  it('answers USER_NOT_FOUND for an account that is gone', async () => {
    const service = serviceWith({ users: { lockById: vi.fn().mockResolvedValue(null) } });
    const error = await refusal(service.changeRole(admin, 'user-404', 'seller'));
    expect([error.code, error.status]).toEqual(['USER_NOT_FOUND', 404]);
  });
});
