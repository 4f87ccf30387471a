import { Redis } from 'ioredis';

/** A fixed-window counter as it stands after an operation. */
export interface Counter {
  readonly count: number;
  /** Milliseconds until the window ends (0 when the counter is empty). */
  readonly remainingMs: number;
}

/**
 * Fixed-window counters by key: the first increment opens a window of `windowMs`, later ones count
 * within it, and the counter vanishes when the window ends. Shared by replicas through Redis, or kept
 * in one process's memory.
 */
export interface RateLimitStore {
  /** Adds one (atomically, so parallel requests each see their own count). */
  increment(key: string, windowMs: number): Promise<Counter>;
  /** Takes one back (never below zero, never extends the window). */
  decrement(key: string): Promise<void>;
  get(key: string): Promise<Counter>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

const EMPTY: Counter = { count: 0, remainingMs: 0 };

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, { count: number; endsAt: number }>();

  increment(key: string, windowMs: number): Promise<Counter> {
    const now = Date.now();
    const current = this.counters.get(key);
    const next =
      current && current.endsAt > now
        ? { count: current.count + 1, endsAt: current.endsAt }
        : { count: 1, endsAt: now + windowMs };
    this.counters.set(key, next);
    if (this.counters.size > 100_000) {
      this.sweep(now);
    }
    return Promise.resolve({ count: next.count, remainingMs: next.endsAt - now });
  }

  decrement(key: string): Promise<void> {
    const current = this.counters.get(key);
    if (current && current.count > 0) {
      current.count -= 1;
    }
    return Promise.resolve();
  }

  get(key: string): Promise<Counter> {
    const now = Date.now();
    const current = this.counters.get(key);
    return Promise.resolve(
      current && current.endsAt > now ? { count: current.count, remainingMs: current.endsAt - now } : EMPTY,
    );
  }

  reset(key: string): Promise<void> {
    this.counters.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.counters.clear();
    return Promise.resolve();
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.endsAt <= now) {
        this.counters.delete(key);
      }
    }
  }
}

const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const DECREMENT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** Counters live under `<REDIS_KEY_PREFIX>rate:<rule name>:<subject>`, e.g. `agora:rate:auth.recovery.ip:10.0.0.7`. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, keyPrefix = 'agora:') {
    this.prefix = `${keyPrefix}rate:`;
    this.redis = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      commandTimeout: 2_000,
    });
  }

  async increment(key: string, windowMs: number): Promise<Counter> {
    const [count, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, windowMs)) as [
      number,
      number,
    ];
    return { count, remainingMs: Math.max(ttl, 0) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.eval(DECREMENT, 1, this.prefix + key);
  }

  async get(key: string): Promise<Counter> {
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .get(this.prefix + key)
      .pttl(this.prefix + key)
      .exec()) as [[Error | null, string | null], [Error | null, number]];
    return count === null ? EMPTY : { count: Number(count), remainingMs: Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** Redis when a URL is given (replicas share the counters), else this process's memory. */
export function createRateLimitStore(redisUrl: string | undefined, keyPrefix?: string): RateLimitStore {
  return redisUrl ? new RedisRateLimitStore(redisUrl, keyPrefix) : new MemoryRateLimitStore();
}
