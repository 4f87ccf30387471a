import { LOGGER, ProblemException } from '@agora/http';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleStore } from './throttle-store.js';

/**
 * Slows password guessing (ASVS 6.3.1) without handing attackers a lock-out switch: failures are counted
 * per account *and* IP address, and per IP address, so a flood against an account from one address
 * blocks that address, never the owner signing in from elsewhere.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly store: ThrottleStore;

  constructor(
    private readonly config: AuthConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.store = config.REDIS_URL ? new RedisThrottleStore(config.REDIS_URL) : new MemoryThrottleStore();
    logger.info({ store: config.REDIS_URL ? 'redis' : 'memory' }, 'login throttle ready');
  }

  /** Throws 429 with Retry-After when this address may not try this account (or any) right now. */
  async assertAllowed(account: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([
      this.store.get(this.pairKey(account, ip)),
      this.store.get(this.ipKey(ip)),
    ]);
    const blocked = [
      pair.count >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP ? pair.remainingMs : 0,
      address.count >= this.config.LOGIN_MAX_FAILURES_PER_IP ? address.remainingMs : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ProblemException(429, {
        code: 'TOO_MANY_ATTEMPTS',
        detail: `Too many failed sign-ins; try again in ${retryAfter} s`,
        extensions: { retryAfter },
        headers: { 'retry-after': String(retryAfter) },
      });
    }
  }

  async recordFailure(account: string, ip: string): Promise<void> {
    const windowMs = this.config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000;
    await Promise.all([
      this.store.increment(this.pairKey(account, ip), windowMs),
      this.store.increment(this.ipKey(ip), windowMs),
    ]);
  }

  async recordSuccess(account: string, ip: string): Promise<void> {
    await this.store.reset(this.pairKey(account, ip));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  private pairKey(account: string, ip: string): string {
    return `account:${account.trim().toLowerCase()}:ip:${ip}`;
  }

  private ipKey(ip: string): string {
    return `ip:${ip}`;
  }
}
