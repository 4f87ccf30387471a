import { Topics } from '@agora/contracts';
import { OutboxWriter, uniqueViolation } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { AuthMail } from '../mail/auth-mail.js';
import { VerificationCodes } from '../verification/verification-codes.js';
import { PasswordHasher } from './password-hasher.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { toRegisteredUserDto, type RegisteredUserDto, type RegistrationDto } from './registration.dto.js';
import { UsersRepository, type TakenField } from './users.repository.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';
import { UnitOfWork } from '@agora/database';

const TAKEN_MESSAGES: Record<TakenField, string> = {
  email: 'An account with this e-mail already exists',
  login: 'This login is taken',
};

function takenProblem(fields: readonly TakenField[]): AuthException {
  return new AuthException(
    fields.includes('email') ? AuthErrorCode.EMAIL_TAKEN : AuthErrorCode.LOGIN_TAKEN,
    fields.map((field) => TAKEN_MESSAGES[field]).join('; '),
    { errors: fields.map((field) => ({ field, messages: [TAKEN_MESSAGES[field]] })) },
  );
}

function uniqueViolationField(error: unknown): TakenField | undefined {
  const constraint = uniqueViolation(error);
  if (!constraint) {
    return undefined;
  }
  return constraint === 'users_login_key' ? 'login' : 'email';
}

@Injectable()
export class RegistrationService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly hasher: PasswordHasher,
    private readonly codes: VerificationCodes,
    private readonly mail: AuthMail,
  ) {}

  /**
   * Stores the user, a verification code and the `auth.user.registered.v1` event in one transaction, then
   * mails the code.
   */
  async register(dto: RegistrationDto): Promise<RegisteredUserDto> {
    assertPasswordAcceptable(dto.password, dto);
    const taken = await this.users.findTakenFields(dto.email, dto.login);
    if (taken.length > 0) {
      throw takenProblem(taken);
    }
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const { user, code } = await this.transactions.run(async (manager) => {
        const created = await this.users.insert(manager, {
          email: dto.email,
          login: dto.login,
          passwordHash,
        });
        await this.outbox.add(manager, Topics.UserRegistered, created.id, {
          userId: created.id,
          email: created.email,
          login: created.login,
          registeredAt: created.createdAt.toISOString(),
        });
        return { user: created, code: await this.codes.issue(manager, created.id) };
      });
      await this.mail.sendVerificationCode(user.email, user.login, code);
      return toRegisteredUserDto(user);
    } catch (error) {
      // Two registrations racing past the check: the unique index decides, the loser gets a 409.
      const field = uniqueViolationField(error);
      if (field) {
        throw takenProblem([field]);
      }
      throw error;
    }
  }
}
