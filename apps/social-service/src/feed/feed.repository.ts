import type { PostVisibility } from '@agora/contracts';
import { poolOf } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { inHomeFeedOf, visibleTo } from '../posts/post-visibility.js';
import type { PostActivity } from '../posts/post.entity.js';
import type { TimelineEntry } from './timeline-store.js';

/** A post a feed read shows, with its author's summary and whether the reader likes it. */
export interface FeedPostRow {
  readonly id: string;
  readonly author_id: string;
  readonly text: string;
  readonly mentions: string[];
  readonly tags: string[];
  readonly media_ids: string[];
  readonly item_kind: string | null;
  readonly item_id: string | null;
  readonly visibility: PostVisibility;
  readonly activity: PostActivity | null;
  readonly milestone: number | null;
  readonly likes_count: number;
  readonly comments_count: number;
  readonly version: number;
  /** ISO 8601 in UTC to the millisecond, as `Date#toISOString` writes it (see isoText). */
  readonly created_at: string;
  readonly updated_at: string;
  readonly author_login: string;
  readonly author_display_name: string;
  readonly author_avatar_media_id: string | null;
  readonly liked: boolean;
}

/** One round of a feed read (FeedRepository.slice). */
export interface FeedSlice {
  /** When the reader last read their feed; null when never. */
  readonly lastRead: Date | null;
  /** Post ids newest first, each with the post when the reader may see it, null when hidden or deleted. */
  readonly candidates: { readonly id: string; readonly post: FeedPostRow | null }[];
  /** Whether the timeline and the heavy authors both ran out before the round's limit. */
  readonly exhausted: boolean;
}

type SliceRow = {
  last_read_at: string | null;
  timeline_count: number;
  heavy_count: number;
  candidate: string | null;
} & (FeedPostRow | { [K in keyof FeedPostRow]: null });

/**
 * A timestamptz as the text `Date#toISOString` gives (UTC, milliseconds truncated as a JS Date truncates
 * PostgreSQL's microseconds): the page's rows carry three timestamps each, and turning them into Dates in Node
 * and back into text was the feed's largest cost after the socket writes.
 */
const isoText = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Above every post id: the cursor of a first page. */
const NEWEST = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * One round of a feed read ($1 reader, $2 before, $3 limit; $4 the timeline's page when read from Redis);
 * see FeedRepository.slice. The heavy-author threshold (a validated integer from the configuration) is
 * written into the text: the plan each connection keeps for the named statement then knows how few
 * profiles reach it, and starts from them.
 */
function sliceText(timeline: string, heavyThreshold: number): string {
  return `
  WITH "timeline" AS (${timeline}),
  "heavy_authors" AS MATERIALIZED (
    SELECT "id" FROM "social"."profiles" WHERE "followers_count" >= ${heavyThreshold}),
  "heavy" AS (
    SELECT "recent"."id" FROM "heavy_authors"
      JOIN "social"."follows" "follow" ON "follow"."follower_id" = $1::uuid
       AND "follow"."followee_id" = "heavy_authors"."id" AND "follow"."status" = 'active'
      CROSS JOIN LATERAL (
        SELECT "heavy_post"."id" FROM "social"."posts" "heavy_post"
         WHERE "heavy_post"."author_id" = "heavy_authors"."id" AND "heavy_post"."id" < $2::uuid
         ORDER BY "heavy_post"."id" DESC LIMIT $3) "recent"
     ORDER BY "recent"."id" DESC LIMIT $3),
  "merged" AS (SELECT "id" FROM "timeline" UNION SELECT "id" FROM "heavy" ORDER BY "id" DESC LIMIT $3)
  SELECT ${isoText('"reader"."last_read_at"')} AS "last_read_at", "reader"."timeline_count", "reader"."heavy_count",
         "merged"."id" AS "candidate", "shown".*
    FROM (SELECT (SELECT "last_read_at" FROM "social"."feed_readers" WHERE "user_id" = $1::uuid) AS "last_read_at",
                 (SELECT count(*) FROM "timeline")::int AS "timeline_count",
                 (SELECT count(*) FROM "heavy")::int AS "heavy_count") "reader"
    LEFT JOIN "merged" ON true
    LEFT JOIN LATERAL (
      SELECT "post"."id", "post"."author_id", "post"."text", "post"."mentions", "post"."tags",
             "post"."media_ids", "post"."item_kind", "post"."item_id", "post"."visibility",
             "post"."activity", "post"."milestone", "post"."likes_count", "post"."comments_count", "post"."version",
             ${isoText('"post"."created_at"')} AS "created_at", ${isoText('"post"."updated_at"')} AS "updated_at",
             "author"."login" AS "author_login",
             "author"."display_name" AS "author_display_name",
             "author"."avatar_media_id" AS "author_avatar_media_id",
             EXISTS (SELECT 1 FROM "social"."post_likes" "like"
                      WHERE "like"."post_id" = "post"."id" AND "like"."user_id" = $1::uuid) AS "liked"
        FROM "social"."posts" "post"
        JOIN "social"."profiles" "author" ON "author"."id" = "post"."author_id"
       WHERE "post"."id" = "merged"."id" AND ${visibleTo('post', '$1::uuid')}
         AND ${inHomeFeedOf('post', '$1::uuid')}
    ) "shown" ON true
   ORDER BY "merged"."id" DESC`;
}

const TIMELINE_FROM_TABLE = `SELECT "post_id" AS "id" FROM "social"."timeline_entries"
  WHERE "user_id" = $1::uuid AND "post_id" < $2::uuid ORDER BY "post_id" DESC LIMIT $3`;
/** The timeline's page read from Redis first: below $2 already, and $3 long at most. */
const TIMELINE_FROM_IDS = `SELECT "id" FROM unnest($4::uuid[]) AS "ids" ("id")`;

const sliceStatements = new Map<string, { name: string; text: string }>();

function sliceStatement(inTable: boolean, heavyThreshold: number): { name: string; text: string } {
  if (!Number.isSafeInteger(heavyThreshold)) {
    throw new Error(`heavy-author threshold ${heavyThreshold} is not an integer`);
  }
  const name = `social.feed.slice.${inTable ? 'table' : 'ids'}.${heavyThreshold}`;
  let statement = sliceStatements.get(name);
  if (!statement) {
    statement = { name, text: sliceText(inTable ? TIMELINE_FROM_TABLE : TIMELINE_FROM_IDS, heavyThreshold) };
    sliceStatements.set(name, statement);
  }
  return statement;
}

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
   * One round of a feed read, in one statement: the `limit` newest post ids older than `before` of the
   * reader's timeline (`timeline`: ids already read from the store, or `'table'` to read
   * `timeline_entries` here) merged with those of the heavy authors the reader follows (followers_count ≥
   * `heavyThreshold`, read per author from the (author_id, id) index, `limit` each at most), each with its
   * post and author when the reader may see it in their feed now (visibility, blocks, follows and mutes as
   * they stand, deleted posts gone), and whether the reader likes it; and when the reader last read.
   */
  async slice(
    userId: string,
    timeline: readonly string[] | 'table',
    before: string | null,
    limit: number,
    heavyThreshold: number,
  ): Promise<FeedSlice> {
    const inTable = timeline === 'table';
    const { rows } = await this.pool().query<SliceRow>({
      ...sliceStatement(inTable, heavyThreshold),
      values: inTable ? [userId, before ?? NEWEST, limit] : [userId, before ?? NEWEST, limit, timeline],
    });
    const [first] = rows;
    return {
      lastRead: first.last_read_at === null ? null : new Date(first.last_read_at),
      candidates: rows
        .filter((row) => row.candidate !== null)
        .map((row) => ({ id: row.candidate!, post: row.id === null ? null : row })),
      exhausted: first.timeline_count < limit && first.heavy_count < limit,
    };
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

  /**
   * The pg pool under the DataSource: the feed's statement is named, so each connection plans it once (it
   * joins a dozen relations, and planning it costs several times running it).
   */
  private pool(): pg.Pool {
    return poolOf(this.dataSource);
  }
}
