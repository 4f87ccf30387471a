import { AuthErrorCode, AuthException } from '../auth.errors.js';

/**
 * ASVS 5.0 6.2: at least 8 characters (15 recommended, 128 allowed), any characters, no composition rules,
 * not one of the most common passwords, not the account's own e-mail or login.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1234567890 1234567 111111 123123 abc123 password1
   1q2w3e4r 1q2w3e4r5t qwertyuiop 000000 iloveyou 1qaz2wsx 123qwe 654321 666666 555555 7777777 987654321
   123321 11111111 88888888 12341234 00000000 qwe123 zxcvbnm asdfghjkl 1234qwer 112233 121212 princess
   sunshine football baseball welcome welcome1 admin admin123 administrator letmein monkey dragon master
   superman batman trustno1 passw0rd p@ssw0rd password123 password12 qwerty12 qazwsx michael shadow
   jessica ashley mustang access starwars whatever freedom charlie aa123456 a123456 a1b2c3d4 q1w2e3r4
   zaq12wsx 1password changeme secret letmein1 iloveyou1 computer internet samsung google yandex agora
   agora123 marketplace coffee123 привет123 пароль йцукен йцукен123 qwertyйцукен`
    .split(/\s+/)
    .filter(Boolean),
);

export interface PasswordContext {
  readonly email?: string;
  readonly login?: string;
}

export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) {
    problems.push('password is one of the most common passwords');
  }
  const own = [context.email, context.email?.split('@')[0], context.login].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  if (own.some((value) => lowered === value.toLowerCase())) {
    problems.push('password must not be your e-mail or login');
  }
  return problems;
}

/** 400 naming every reason, in the shape of validation errors. */
export function assertPasswordAcceptable(
  password: string,
  context: PasswordContext = {},
  field = 'password',
): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new AuthException(AuthErrorCode.WEAK_PASSWORD, problems.join('; '), {
      errors: [{ field, messages: problems }],
    });
  }
}
