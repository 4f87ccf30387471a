import { describe, expect, it } from 'vitest';
import { RateLimitException } from './rate-limit.errors.js';
import { MemoryRateLimitStore } from './rate-limit-store.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('lets exactly `limit` of parallel requests through, then answers 429 with Retry-After', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore());
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => limiter.consume('search:10.0.0.1', 4, 60_000)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    const problem = refused.reason as RateLimitException;
    expect(problem).toBeInstanceOf(RateLimitException);
    expect(problem.status).toBe(429);
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.extras.headers?.['retry-after']).toBe('60');
    expect(problem.extras.extensions).toEqual({ retryAfter: 60 });
    // Another key has its own budget.
    await expect(limiter.consume('search:10.0.0.2', 4, 60_000)).resolves.toMatchObject({ count: 1 });
  });

  it('opens a new window when the old one ends, and gives back refunded requests', async () => {
    const store = new MemoryRateLimitStore();
    const limiter = new RateLimiter(store);
    await limiter.consume('k', 1, 50);
    await expect(limiter.consume('k', 1, 50)).rejects.toThrow(RateLimitException);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await expect(limiter.consume('k', 1, 50)).resolves.toMatchObject({ count: 1 });
    await limiter.refund('k');
    await expect(limiter.consume('k', 1, 50)).resolves.toMatchObject({ count: 1 });
    await limiter.refund('k');
    await limiter.refund('k');
    expect((await limiter.peek('k')).count).toBe(0);
  });
});
