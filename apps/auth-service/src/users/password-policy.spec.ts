import { describe, expect, it } from 'vitest';
import { AuthException } from '../auth.errors.js';
import { assertPasswordAcceptable, passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it('takes any characters from 8 to 128, counted as code points', () => {
    expect(passwordProblems('correct horse')).toEqual([]);
    expect(passwordProblems('пароль-из-слов')).toEqual([]);
    expect(passwordProblems('😀😀😀😀😀😀😀😀')).toEqual([]);
    expect(passwordProblems('😀😀😀😀😀😀😀')).toEqual(['password must be at least 8 characters']);
    expect(passwordProblems('x'.repeat(128))).toEqual([]);
    expect(passwordProblems('x'.repeat(129))).toEqual(['password must be at most 128 characters']);
  });

  it('refuses the most common passwords, whatever their case', () => {
    expect(passwordProblems('Password123')).toEqual(['password is one of the most common passwords']);
    expect(passwordProblems('ЙЦУКЕН123')).toEqual(['password is one of the most common passwords']);
  });

  it("refuses the account's own e-mail, its local part, or login, whatever their case", () => {
    const context = { email: 'anna.karenina@example.com', login: 'Anna_K_1877' };
    const own = ['password must not be your e-mail or login'];
    expect(passwordProblems('ANNA.KARENINA@example.com', context)).toEqual(own);
    expect(passwordProblems('Anna.Karenina', context)).toEqual(own);
    expect(passwordProblems('anna_k_1877', context)).toEqual(own);
    expect(passwordProblems('anna.karenina@example', context)).toEqual([]);
  });

  it('answers every problem at once as WEAK_PASSWORD on the named field', () => {
    const error = (() => {
      try {
        assertPasswordAcceptable('anna', { login: 'anna' }, 'newPassword');
        return undefined;
      } catch (caught) {
        return caught;
      }
    })() as AuthException;
    expect(error).toBeInstanceOf(AuthException);
    expect([error.code, error.status]).toEqual(['WEAK_PASSWORD', 400]);
    expect(error.extras.errors).toEqual([
      {
        field: 'newPassword',
        messages: ['password must be at least 8 characters', 'password must not be your e-mail or login'],
      },
    ]);
    expect(() => assertPasswordAcceptable('a long and unusual phrase')).not.toThrow();
  });
});
