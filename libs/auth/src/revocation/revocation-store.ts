import { Redis } from 'ioredis';

/** What a revocation check needs of an access token. */
export interface RevocableToken {
  readonly userId: string;
  readonly sessionId: string;
  readonly tokenVersion: number;
}

/**
 * Revoked sessions and per-user minimum token versions, each kept until the last access token it can
 * concern has expired. In memory for one process, in Redis for a service's replicas (with Kafka consumer
 * groups only one replica of a service receives each revocation event).
 */
export interface RevocationStore {
  revokeSessions(sessionIds: readonly string[], untilMs: number): Promise<void>;
  /** Tokens of the user with `ver` below `minVersion` are revoked (raises, never lowers). */
  revokeTokensBelow(userId: string, minVersion: number, untilMs: number): Promise<void>;
  isRevoked(token: RevocableToken): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryRevocationStore implements RevocationStore {
  private readonly sessions = new Map<string, number>();
  private readonly users = new Map<string, { minVersion: number; until: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), sweepIntervalMs);
    this.sweeper.unref();
  }

  revokeSessions(sessionIds: readonly string[], untilMs: number): Promise<void> {
    if (untilMs <= Date.now()) {
      return Promise.resolve();
    }
    for (const id of sessionIds) {
      this.sessions.set(id, Math.max(untilMs, this.sessions.get(id) ?? 0));
    }
    return Promise.resolve();
  }

  revokeTokensBelow(userId: string, minVersion: number, untilMs: number): Promise<void> {
    if (untilMs <= Date.now()) {
      return Promise.resolve();
    }
    const current = this.users.get(userId);
    this.users.set(userId, {
      minVersion: Math.max(minVersion, current?.minVersion ?? 0),
      until: Math.max(untilMs, current?.until ?? 0),
    });
    return Promise.resolve();
  }

  isRevoked(token: RevocableToken): Promise<boolean> {
    const now = Date.now();
    const session = this.sessions.get(token.sessionId);
    const user = this.users.get(token.userId);
    return Promise.resolve(
      (session !== undefined && session > now) ||
        (user !== undefined && user.until > now && token.tokenVersion < user.minVersion),
    );
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.sessions.clear();
    this.users.clear();
    return Promise.resolve();
  }

  private sweep(now: number): void {
    for (const [id, until] of this.sessions) {
      if (until <= now) {
        this.sessions.delete(id);
      }
    }
    for (const [id, entry] of this.users) {
      if (entry.until <= now) {
        this.users.delete(id);
      }
    }
  }
}

const RAISE_MIN_VERSION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Entries live under `<REDIS_KEY_PREFIX>revoked:`: `session:<sid>`, and `user:<id>` holding the minimum
 * token version; each expires when the last token it concerns does.
 */
export class RedisRevocationStore implements RevocationStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, keyPrefix = 'agora:') {
    this.prefix = `${keyPrefix}revoked:`;
    this.redis = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      commandTimeout: 2_000,
    });
  }

  async revokeSessions(sessionIds: readonly string[], untilMs: number): Promise<void> {
    const ttl = untilMs - Date.now();
    if (ttl <= 0 || sessionIds.length === 0) {
      return;
    }
    const batch = this.redis.multi();
    for (const id of sessionIds) {
      batch.set(`${this.prefix}session:${id}`, '1', 'PX', ttl);
    }
    const results = await batch.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) {
      throw failed[0];
    }
  }

  async revokeTokensBelow(userId: string, minVersion: number, untilMs: number): Promise<void> {
    const ttl = untilMs - Date.now();
    if (ttl <= 0) {
      return;
    }
    await this.redis.eval(RAISE_MIN_VERSION, 1, `${this.prefix}user:${userId}`, minVersion, ttl);
  }

  async isRevoked(token: RevocableToken): Promise<boolean> {
    const [session, minVersion] = await this.redis.mget(
      `${this.prefix}session:${token.sessionId}`,
      `${this.prefix}user:${token.userId}`,
    );
    return session !== null || (minVersion !== null && token.tokenVersion < Number(minVersion));
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** Redis when a URL is given (a service's replicas share the list), else this process's memory. */
export function createRevocationStore(redisUrl: string | undefined, keyPrefix?: string): RevocationStore {
  return redisUrl ? new RedisRevocationStore(redisUrl, keyPrefix) : new MemoryRevocationStore();
}
