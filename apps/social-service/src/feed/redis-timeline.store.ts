import { Redis } from 'ioredis';
import type { TimelineEntry, TimelineStore } from './timeline-store.js';

/**
 * Timelines as Redis sorted sets under `<REDIS_KEY_PREFIX>social:timeline:<userId>`. Every member has score
 * 0 and is a post id: members of equal score sort by their bytes, and UUIDv7 text sorts by time, so
 * `ZRANGE … BYLEX REV` pages newest first by keyset (`(<cursor>`), and trimming the lowest ranks drops
 * the oldest posts.
 */
export class RedisTimelineStore implements TimelineStore {
  readonly inDatabase = false;
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly cap: number,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 2_000 });
  }

  async push(userIds: readonly string[], entry: TimelineEntry): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.zadd(this.key(userId), 0, entry.postId);
      pipeline.zremrangebyrank(this.key(userId), 0, -(this.cap + 1));
    }
    await this.run(pipeline);
  }

  async merge(userId: string, entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    await this.run(
      this.redis
        .multi()
        .zadd(this.key(userId), ...entries.flatMap((entry) => [0, entry.postId]))
        .zremrangebyrank(this.key(userId), 0, -(this.cap + 1)),
    );
  }

  async replace(userId: string, entries: readonly TimelineEntry[]): Promise<void> {
    const transaction = this.redis.multi().del(this.key(userId));
    if (entries.length > 0) {
      transaction
        .zadd(this.key(userId), ...entries.flatMap((entry) => [0, entry.postId]))
        .zremrangebyrank(this.key(userId), 0, -(this.cap + 1));
    }
    await this.run(transaction);
  }

  async removePost(postId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.zrem(this.key(userId), postId);
    }
    await this.run(pipeline);
  }

  async removeAuthor(userId: string, _authorId: string, postIds: readonly string[]): Promise<void> {
    if (postIds.length > 0) {
      await this.redis.zrem(this.key(userId), ...postIds);
    }
  }

  page(userId: string, before: string | null, limit: number): Promise<string[]> {
    return this.redis.zrange(
      this.key(userId),
      before ? `(${before}` : '+',
      '-',
      'BYLEX',
      'REV',
      'LIMIT',
      0,
      limit,
    );
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(userId: string): string {
    return `${this.keyPrefix}social:timeline:${userId}`;
  }

  /** Runs a pipeline or transaction and fails when any of its commands failed. */
  private async run(batch: { exec(): Promise<[Error | null, unknown][] | null> }): Promise<void> {
    const results = await batch.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) {
      throw failed[0];
    }
  }
}
