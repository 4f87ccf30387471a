import type { Counter } from '@agora/rate-limit';
import { RateLimiter } from '@agora/rate-limit';
import { describe, expect, it, vi } from 'vitest';
import { AuthConfig } from '../auth.config.js';
import { AuthException } from '../auth.errors.js';
import { strictMock } from '@agora/testing';
import { LoginThrottle } from './login-throttle.js';

const config = Object.assign(new AuthConfig(), {
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: 5,
  LOGIN_MAX_FAILURES_PER_IP: 30,
  LOGIN_THROTTLE_WINDOW_SECONDS: 900,
});
const IP = '203.0.113.7';
const PAIR = `auth.login.account-ip:user:u1:${IP}`;
const ADDRESS = `auth.login.ip:${IP}`;

/** A limiter whose counters, after this attempt is counted, stand at the given values. */
function limiterAt(counts: { pair: number; address: number; remainingMs?: number }) {
  const counter = (count: number): Counter => ({ count, remainingMs: counts.remainingMs ?? 120_000 });
  const hit = vi.fn((key: string) =>
    Promise.resolve(counter(key === ADDRESS ? counts.address : counts.pair)),
  );
  const reset = vi.fn().mockResolvedValue(undefined);
  const refund = vi.fn().mockResolvedValue(undefined);
  const limiter = strictMock<RateLimiter>('RateLimiter', { hit, reset, refund });
  return { limiter, hit, reset, refund, throttle: new LoginThrottle(limiter, config) };
}

describe('LoginThrottle', () => {
  it('counts the attempt against the account at this address and against the address, before checking', async () => {
    const { throttle, hit } = limiterAt({ pair: 1, address: 1 });
    const check = vi.fn().mockResolvedValue(false);
    await expect(throttle.attempt({ userId: 'u1' }, IP, check)).resolves.toBe(false);
    expect(hit.mock.calls.map(([key]) => key).sort()).toEqual([PAIR, ADDRESS].sort());
    expect(hit).toHaveBeenCalledWith(PAIR, 900_000);
    expect(check).toHaveBeenCalledOnce();
  });

  it('gives the budget back when the password was right: the pair is reset, the address refunded', async () => {
    const { throttle, reset, refund } = limiterAt({ pair: 5, address: 30 });
    await expect(throttle.attempt({ userId: 'u1' }, IP, () => Promise.resolve(true))).resolves.toBe(true);
    expect(reset).toHaveBeenCalledWith(PAIR);
    expect(refund).toHaveBeenCalledWith(ADDRESS);
  });

  it('keeps a wrong password counted', async () => {
    // reset and refund are not given: the strict mock fails the test if either is called.
    const { limiter } = limiterAt({ pair: 3, address: 3 });
    const throttle = new LoginThrottle(
      strictMock<RateLimiter>('RateLimiter', { hit: limiter.hit.bind(limiter) }),
      config,
    );
    await expect(throttle.attempt({ userId: 'u1' }, IP, () => Promise.resolve(false))).resolves.toBe(false);
  });

  it.each([
    ['the account at this address', { pair: 6, address: 6 }],
    ['the address', { pair: 1, address: 31 }],
  ])(
    'refuses with 429 TOO_MANY_ATTEMPTS past the limit of %s, without checking the password',
    async (_, counts) => {
      const { throttle } = limiterAt({ ...counts, remainingMs: 61_500 });
      const check = vi.fn();
      const error = (await throttle
        .attempt({ userId: 'u1' }, IP, check)
        .catch((reason: unknown) => reason)) as AuthException;
      expect(error).toBeInstanceOf(AuthException);
      expect([error.code, error.status]).toEqual(['TOO_MANY_ATTEMPTS', 429]);
      expect(error.extras.headers).toEqual({ 'retry-after': '62' });
      expect(error.extras.extensions).toEqual({ retryAfter: 62 });
      expect(check).not.toHaveBeenCalled();
    },
  );

  it('counts an identifier that names no account by its normalized form', async () => {
    const { throttle, hit } = limiterAt({ pair: 1, address: 1 });
    await throttle.attempt({ unknownName: '  Ghost@Example.COM ' }, IP, () => Promise.resolve(false));
    expect(hit).toHaveBeenCalledWith(`auth.login.account-ip:name:ghost@example.com:${IP}`, 900_000);
  });
});
