import type { EntityManager } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { AuthConfig } from '../auth.config.js';
import { secretHash } from '../secrets/opaque-token.js';
import { strictMock } from '@agora/testing';
import type { VerificationCodeEntity } from './verification-code.entity.js';
import { VerificationCodes } from './verification-codes.js';
import { VerificationCodesRepository } from './verification-codes.repository.js';

const USER = '0190a0a0-0000-7000-8000-000000000001';
const manager = strictMock<EntityManager>('manager');
const config = Object.assign(new AuthConfig(), {
  VERIFICATION_MAX_ATTEMPTS: 3,
  VERIFICATION_CODE_TTL_MINUTES: 15,
});

function stored(code: string, overrides: Partial<VerificationCodeEntity> = {}): VerificationCodeEntity {
  return {
    userId: USER,
    codeHash: secretHash(`${USER}:${code}`),
    expiresAt: new Date(Date.now() + 60_000),
    attempts: 0,
    createdAt: new Date(),
    ...overrides,
  };
}

function codesWith(row: VerificationCodeEntity | null, members: Partial<VerificationCodesRepository> = {}) {
  const repository = strictMock<VerificationCodesRepository>('VerificationCodesRepository', {
    lockByUserId: vi.fn().mockResolvedValue(row),
    ...members,
  });
  return { repository, codes: new VerificationCodes(config, repository) };
}

describe('VerificationCodes.check', () => {
  it('answers none when the user has no live code, and changes nothing', async () => {
    const { codes } = codesWith(null);
    await expect(codes.check(manager, USER, '123456')).resolves.toBe('none');
  });

  it('consumes a right code within its time and attempts', async () => {
    const remove = vi.fn().mockResolvedValue(undefined);
    const { codes } = codesWith(stored('123456', { attempts: 2 }), { delete: remove });
    await expect(codes.check(manager, USER, '123456')).resolves.toBe('valid');
    expect(remove).toHaveBeenCalledWith(manager, USER);
  });

  it('counts a wrong guess, and the guess that uses the last attempt answers exhausted', async () => {
    const countWrongGuess = vi.fn().mockResolvedValue(undefined);
    const first = codesWith(stored('123456', { attempts: 0 }), { countWrongGuess });
    await expect(first.codes.check(manager, USER, '654321')).resolves.toBe('wrong');
    const last = codesWith(stored('123456', { attempts: 2 }), { countWrongGuess });
    await expect(last.codes.check(manager, USER, '654321')).resolves.toBe('exhausted');
    expect(countWrongGuess).toHaveBeenCalledTimes(2);
  });

  it('refuses even the right code once the attempts are spent, without counting more', async () => {
    const { codes } = codesWith(stored('123456', { attempts: 3 }));
    await expect(codes.check(manager, USER, '123456')).resolves.toBe('exhausted');
  });

  it('refuses an expired code, right or wrong, without counting the guess', async () => {
    const expired = stored('123456', { expiresAt: new Date(Date.now() - 1) });
    await expect(codesWith(expired).codes.check(manager, USER, '123456')).resolves.toBe('expired');
    await expect(codesWith(expired).codes.check(manager, USER, '000000')).resolves.toBe('expired');
  });
});

describe('VerificationCodes.issue', () => {
  it('replaces the live code with a new six-digit one expiring after VERIFICATION_CODE_TTL_MINUTES', async () => {
    const replace = vi.fn().mockResolvedValue(undefined);
    const { codes } = codesWith(null, { replace });
    const before = Date.now();
    const code = await codes.issue(manager, USER);
    expect(code).toMatch(/^\d{6}$/);
    const [, written] = replace.mock.calls[0] as [EntityManager, VerificationCodeEntity];
    expect(written.codeHash).toBe(secretHash(`${USER}:${code}`));
    expect(written.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(written.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });
});
