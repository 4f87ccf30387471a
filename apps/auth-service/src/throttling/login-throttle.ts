import { RateLimiter, retryAfterExtras } from '@agora/rate-limit';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../auth.config.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** Whose password is being tried: an account (by id), or an identifier that names none. */
export type ThrottledAccount = { readonly userId: string } | { readonly unknownName: string };

/**
 * Slows password guessing (ASVS 6.3.1) without handing attackers a lock-out switch. Failures are counted
 * per account *and* IP address (the login and the e-mail of one account share one budget; an identifier
 * that names no account is counted by its normalized form), and per IP address, so a flood against an
 * account from one address blocks that address, never the owner signing in from elsewhere. Sign-in,
 * `POST /auth/link` and `PATCH /me`'s current password all spend the same budget.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AuthConfig,
  ) {}

  /**
   * Runs a password check as one attempt: counted before the check (so of N parallel guesses exactly the
   * allowed number is tried), refused with 429 past a limit, and given back when the password was right.
   */
  async attempt(account: ThrottledAccount, ip: string, check: () => Promise<boolean>): Promise<boolean> {
    const windowMs = this.config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000;
    const pairKey = `auth.login.account-ip:${this.accountKey(account)}:${ip}`;
    const ipKey = `auth.login.ip:${ip}`;
    const [pair, address] = await Promise.all([
      this.limiter.hit(pairKey, windowMs),
      this.limiter.hit(ipKey, windowMs),
    ]);
    const waitMs = Math.max(
      pair.count > this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP ? pair.remainingMs : 0,
      address.count > this.config.LOGIN_MAX_FAILURES_PER_IP ? address.remainingMs : 0,
    );
    if (waitMs > 0) {
      const { retryAfter, ...extras } = retryAfterExtras(waitMs);
      throw new AuthException(
        AuthErrorCode.TOO_MANY_ATTEMPTS,
        `Too many failed sign-ins; try again in ${retryAfter} s`,
        extras,
      );
    }
    const valid = await check();
    if (valid) {
      await Promise.all([this.limiter.reset(pairKey), this.limiter.refund(ipKey)]);
    }
    return valid;
  }

  private accountKey(account: ThrottledAccount): string {
    return 'userId' in account
      ? `user:${account.userId}`
      : `name:${account.unknownName.trim().toLowerCase()}`;
  }
}
