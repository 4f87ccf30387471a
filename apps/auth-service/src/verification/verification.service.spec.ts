import { Topics } from '@agora/contracts';
import type { OutboxWriter } from '@agora/database';
import type { EntityManager } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { AuthException } from '../auth.errors.js';
import type { AuthMail } from '../mail/auth-mail.js';
import { inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { CodeCheck, VerificationCodes } from './verification-codes.js';
import { VerificationService } from './verification.service.js';

const manager = strictMock<EntityManager>('manager');
const transactions = inlineUnitOfWork(manager);

const user = (overrides: Partial<UserEntity> = {}): UserEntity =>
  ({
    id: '0190a0a0-0000-7000-8000-000000000002',
    email: 'anna@example.com',
    login: 'anna',
    verified: false,
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...overrides,
  }) as UserEntity;

function serviceWith(mocks: {
  users?: Partial<UsersRepository>;
  codes?: Partial<VerificationCodes>;
  outbox?: Partial<OutboxWriter>;
  mail?: Partial<AuthMail>;
}) {
  return new VerificationService(
    transactions,
    strictMock<UsersRepository>('UsersRepository', mocks.users),
    strictMock<VerificationCodes>('VerificationCodes', mocks.codes),
    strictMock<OutboxWriter>('OutboxWriter', mocks.outbox),
    strictMock<AuthMail>('AuthMail', mocks.mail),
  );
}

const refusal = (promise: Promise<unknown>) => rejectionOf(promise, AuthException);

describe('VerificationService.verify', () => {
  it('answers an unknown address exactly as a wrong code, checking no code', async () => {
    const service = serviceWith({ users: { findByEmail: vi.fn().mockResolvedValue(null) } });
    const error = await refusal(service.verify('nobody@example.com', '123456'));
    expect([error.code, error.status, error.detail]).toEqual([
      'INVALID_VERIFICATION_CODE',
      400,
      'The e-mail or code is not right',
    ]);
  });

  it('answers an already verified address exactly as a wrong code, even with the right one', async () => {
    const service = serviceWith({
      users: { findByEmail: vi.fn().mockResolvedValue(user({ verified: true })) },
    });
    const error = await refusal(service.verify('anna@example.com', '123456'));
    expect([error.code, error.detail]).toEqual([
      'INVALID_VERIFICATION_CODE',
      'The e-mail or code is not right',
    ]);
  });

  it.each<[Exclude<CodeCheck, 'valid'>, string]>([
    ['wrong', 'INVALID_VERIFICATION_CODE'],
    ['none', 'INVALID_VERIFICATION_CODE'],
    ['expired', 'VERIFICATION_CODE_EXPIRED'],
    ['exhausted', 'VERIFICATION_ATTEMPTS_EXHAUSTED'],
  ])('refuses a %s code with %s after its transaction commits the counted guess', async (check, code) => {
    const unitOfWork = inlineUnitOfWork(manager);
    const run = vi.spyOn(unitOfWork, 'run');
    const service = new VerificationService(
      unitOfWork,
      strictMock<UsersRepository>('UsersRepository', { findByEmail: vi.fn().mockResolvedValue(user()) }),
      strictMock<VerificationCodes>('VerificationCodes', { check: vi.fn().mockResolvedValue(check) }),
      strictMock<OutboxWriter>('OutboxWriter'),
      strictMock<AuthMail>('AuthMail'),
    );
    const error = await refusal(service.verify('anna@example.com', '000000'));
    expect(error.code).toBe(code);
    // The refusal is thrown outside the transaction, so the counted attempt is not rolled back.
    await expect(run.mock.results[0].value).resolves.toEqual({ check });
  });

  it('marks the account verified and announces it in the same transaction', async () => {
    const locked = user();
    const save = vi.fn((_manager: EntityManager, saved: UserEntity) => Promise.resolve(saved));
    const add = vi.fn().mockResolvedValue(undefined);
    const service = serviceWith({
      users: {
        findByEmail: vi.fn().mockResolvedValue(user()),
        lockById: vi.fn().mockResolvedValue(locked),
        save,
      },
      codes: { check: vi.fn().mockResolvedValue('valid') },
      outbox: { add },
    });
    await expect(service.verify('anna@example.com', '123456')).resolves.toMatchObject({ verified: true });
    expect(save).toHaveBeenCalledWith(manager, expect.objectContaining({ verified: true }));
    expect(add).toHaveBeenCalledWith(manager, Topics.UserVerified, locked.id, {
      userId: locked.id,
      verifiedAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('answers a wrong code when the account was deleted between the check and the lock', async () => {
    const service = serviceWith({
      users: { findByEmail: vi.fn().mockResolvedValue(user()), lockById: vi.fn().mockResolvedValue(null) },
      codes: { check: vi.fn().mockResolvedValue('valid') },
    });
    expect((await refusal(service.verify('anna@example.com', '123456'))).code).toBe(
      'INVALID_VERIFICATION_CODE',
    );
  });
});

describe('VerificationService.resend', () => {
  it('sends a fresh code to an unverified account', async () => {
    const send = vi.fn().mockResolvedValue(undefined);
    const service = serviceWith({
      users: { findByEmail: vi.fn().mockResolvedValue(user()) },
      codes: { issue: vi.fn().mockResolvedValue('424242') },
      mail: { sendVerificationCode: send },
    });
    await service.resend('anna@example.com');
    expect(send).toHaveBeenCalledWith('anna@example.com', 'anna', '424242');
  });

  it('does nothing, and says nothing, for verified or unknown addresses', async () => {
    for (const found of [user({ verified: true }), null]) {
      const service = serviceWith({ users: { findByEmail: vi.fn().mockResolvedValue(found) } });
      await expect(service.resend('anna@example.com')).resolves.toBeUndefined();
    }
  });
});
