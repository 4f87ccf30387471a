import { Injectable } from '@nestjs/common';
import { LoginThrottle } from '../throttling/login-throttle.js';
import { PasswordHasher } from '../users/password-hasher.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** One answer for an unknown account and a wrong password, so the response reveals neither. */
const invalidCredentials = (): AuthException =>
  new AuthException(AuthErrorCode.INVALID_CREDENTIALS, 'The login or password is not right');

/** Checks a login and password, throttled per account and address; upgrades old hashes on success. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async authenticate(login: string, password: string, ip: string): Promise<UserEntity> {
    const user = await this.users.findBySignInName(login);
    const valid = await this.throttle.attempt(user ? { userId: user.id } : { unknownName: login }, ip, () =>
      this.hasher.verify(user?.passwordHash ?? null, password),
    );
    if (!user || !valid) {
      throw invalidCredentials();
    }
    if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
    }
    if (!user.verified) {
      throw new AuthException(
        AuthErrorCode.EMAIL_NOT_VERIFIED,
        'Confirm your e-mail first: POST /api/verification with the code from the mail',
      );
    }
    return user;
  }
}
