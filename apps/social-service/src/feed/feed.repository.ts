import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimelineEntry } from './timeline-store.js';

/**
 * The feed's reads of the graph and posts, and its readers' activity (`feed_readers`): who gets a post
 * fanned out, whose posts are merged at read time, what a rebuild puts in a timeline.
 */
@Injectable()
export class FeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** When the user last read the feed; null when never. */
  async lastRead(userId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ last_read_at: Date }[]>(
      `SELECT "last_read_at" FROM "social"."feed_readers" WHERE "user_id" = $1`,
      [userId],
    );
    return row?.last_read_at ?? null;
  }

  async touch(userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "social"."feed_readers" ("user_id", "last_read_at") VALUES ($1, now())
       ON CONFLICT ("user_id") DO UPDATE SET "last_read_at" = now()`,
      [userId],
    );
  }

  async followersCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ followers_count: number }[]>(
      `SELECT "followers_count" FROM "social"."profiles" WHERE "id" = $1`,
      [userId],
    );
    return row?.followers_count ?? 0;
  }

  /** Followers of `authorId` (accepted) who read their feed since `since`, in id order after `after`. */
  async activeFollowerIds(
    authorId: string,
    since: Date,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<{ follower_id: string }[]>(
      `SELECT "follow"."follower_id" FROM "social"."follows" "follow"
         JOIN "social"."feed_readers" "reader" ON "reader"."user_id" = "follow"."follower_id"
        WHERE "follow"."followee_id" = $1 AND "follow"."status" = 'active' AND "reader"."last_read_at" >= $2
          AND ($3::uuid IS NULL OR "follow"."follower_id" > $3)
        ORDER BY "follow"."follower_id" LIMIT $4`,
      [authorId, since, after, limit],
    );
    return rows.map((row) => row.follower_id);
  }

  /** Every follower of `authorId` (accepted), in id order after `after`. */
  async followerIds(authorId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ follower_id: string }[]>(
      `SELECT "follower_id" FROM "social"."follows"
        WHERE "followee_id" = $1 AND "status" = 'active' AND ($2::uuid IS NULL OR "follower_id" > $2)
        ORDER BY "follower_id" LIMIT $3`,
      [authorId, after, limit],
    );
    return rows.map((row) => row.follower_id);
  }

  /**
   * What a feed read needs to know of its reader, in one round trip: when they last read (null when
   * never), and whom they follow (accepted) with at least `threshold` followers (merged at read time).
   */
  async readerState(userId: string, threshold: number): Promise<{ lastRead: Date | null; heavy: string[] }> {
    const [row] = await this.dataSource.query<{ last_read_at: Date | null; heavy: string[] }[]>(
      `SELECT (SELECT "last_read_at" FROM "social"."feed_readers" WHERE "user_id" = $1) AS "last_read_at",
              ARRAY(SELECT "follow"."followee_id" FROM "social"."follows" "follow"
                      JOIN "social"."profiles" "author" ON "author"."id" = "follow"."followee_id"
                     WHERE "follow"."follower_id" = $1 AND "follow"."status" = 'active'
                       AND "author"."followers_count" >= $2) AS "heavy"`,
      [userId, threshold],
    );
    return { lastRead: row.last_read_at, heavy: row.heavy };
  }

  /** What a rebuilt timeline holds: the newest posts of the user and of everyone they follow. */
  async rebuildEntries(userId: string, limit: number): Promise<TimelineEntry[]> {
    const rows = await this.dataSource.query<{ id: string; author_id: string }[]>(
      `SELECT "post"."id", "post"."author_id" FROM "social"."posts" "post"
        WHERE "post"."author_id" = $1
           OR "post"."author_id" IN (SELECT "followee_id" FROM "social"."follows"
                                      WHERE "follower_id" = $1 AND "status" = 'active')
        ORDER BY "post"."id" DESC LIMIT $2`,
      [userId, limit],
    );
    return rows.map((row) => ({ postId: row.id, authorId: row.author_id }));
  }

  /** The author's newest posts, newest first. */
  async recentEntriesOf(authorId: string, limit: number): Promise<TimelineEntry[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT "id" FROM "social"."posts" WHERE "author_id" = $1 ORDER BY "id" DESC LIMIT $2`,
      [authorId, limit],
    );
    return rows.map((row) => ({ postId: row.id, authorId }));
  }
}
