import type { DataSource } from 'typeorm';
import type { TimelineEntry, TimelineStore } from './timeline-store.js';

/**
 * Timelines in `social.timeline_entries` (no Redis): one row per user and post, newest first by post id
 * (UUIDv7), trimmed to `cap` rows per user after each addition.
 */
export class TableTimelineStore implements TimelineStore {
  readonly inDatabase = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cap: number,
  ) {}

  async push(userIds: readonly string[], entry: TimelineEntry): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    await this.dataSource.query(
      `INSERT INTO "social"."timeline_entries" ("user_id", "post_id", "author_id")
       SELECT "user_id", $2, $3 FROM unnest($1::uuid[]) AS "targets" ("user_id")
       ON CONFLICT DO NOTHING`,
      [userIds, entry.postId, entry.authorId],
    );
    await this.trim(userIds);
  }

  async merge(userId: string, entries: readonly TimelineEntry[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    await this.insertMany(userId, entries);
    await this.trim([userId]);
  }

  async replace(userId: string, entries: readonly TimelineEntry[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM "social"."timeline_entries" WHERE "user_id" = $1`, [userId]);
      if (entries.length > 0) {
        await manager.query(
          `INSERT INTO "social"."timeline_entries" ("user_id", "post_id", "author_id")
           SELECT $1, "post_id", "author_id" FROM unnest($2::uuid[], $3::uuid[]) AS "entries" ("post_id", "author_id")
            ORDER BY "post_id" DESC LIMIT $4
           ON CONFLICT DO NOTHING`,
          [userId, entries.map((entry) => entry.postId), entries.map((entry) => entry.authorId), this.cap],
        );
      }
    });
  }

  async removePost(postId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "social"."timeline_entries" WHERE "post_id" = $1`, [postId]);
  }

  async removeAuthor(userId: string, authorId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "social"."timeline_entries" WHERE "user_id" = $1 AND "author_id" = $2`,
      [userId, authorId],
    );
  }

  async page(userId: string, before: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ post_id: string }[]>(
      `SELECT "post_id" FROM "social"."timeline_entries"
        WHERE "user_id" = $1 AND ($2::uuid IS NULL OR "post_id" < $2)
        ORDER BY "post_id" DESC LIMIT $3`,
      [userId, before, limit],
    );
    return rows.map((row) => row.post_id);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async insertMany(userId: string, entries: readonly TimelineEntry[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "social"."timeline_entries" ("user_id", "post_id", "author_id")
       SELECT $1, "post_id", "author_id" FROM unnest($2::uuid[], $3::uuid[]) AS "entries" ("post_id", "author_id")
       ON CONFLICT DO NOTHING`,
      [userId, entries.map((entry) => entry.postId), entries.map((entry) => entry.authorId)],
    );
  }

  /** Drops each user's entries past the cap (the oldest). */
  private async trim(userIds: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "social"."timeline_entries" AS "entry"
        USING (
          SELECT "targets"."user_id",
                 (SELECT "kept"."post_id" FROM "social"."timeline_entries" "kept"
                   WHERE "kept"."user_id" = "targets"."user_id"
                   ORDER BY "kept"."post_id" DESC OFFSET $2 LIMIT 1) AS "edge"
            FROM unnest($1::uuid[]) AS "targets" ("user_id")
        ) AS "cut"
        WHERE "entry"."user_id" = "cut"."user_id" AND "cut"."edge" IS NOT NULL AND "entry"."post_id" <= "cut"."edge"`,
      [userIds, this.cap],
    );
  }
}
