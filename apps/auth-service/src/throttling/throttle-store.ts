import { Redis } from 'ioredis';

export interface Counter {
  readonly count: number;
  /** Milliseconds until the window ends (0 when the counter is empty). */
  readonly remainingMs: number;
}

/** Fixed-window failure counters, shared by replicas through Redis or kept in one process's memory. */
export interface ThrottleStore {
  increment(key: string, windowMs: number): Promise<Counter>;
  get(key: string): Promise<Counter>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryThrottleStore implements ThrottleStore {
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

  get(key: string): Promise<Counter> {
    const now = Date.now();
    const current = this.counters.get(key);
    return Promise.resolve(
      current && current.endsAt > now
        ? { count: current.count, remainingMs: current.endsAt - now }
        : { count: 0, remainingMs: 0 },
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

export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'agora:auth:throttle:',
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async increment(key: string, windowMs: number): Promise<Counter> {
    const [count, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, windowMs)) as [
      number,
      number,
    ];
    return { count, remainingMs: Math.max(ttl, 0) };
  }

  async get(key: string): Promise<Counter> {
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .get(this.prefix + key)
      .pttl(this.prefix + key)
      .exec()) as [[Error | null, string | null], [Error | null, number]];
    return { count: Number(count ?? 0), remainingMs: Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
