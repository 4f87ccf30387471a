/** A post in a home timeline. Post ids are UUIDv7: ordering them orders posts by time. */
export interface TimelineEntry {
  readonly postId: string;
  readonly authorId: string;
}

/**
 * Per-user home timelines, newest first, capped at SOCIAL_TIMELINE_CAP entries each: Redis sorted sets
 * when REDIS_URL is set, the `timeline_entries` table otherwise. Every operation is idempotent, so an event
 * applied twice changes nothing.
 */
export interface TimelineStore {
  /**
   * Whether timelines live in the service's own database (`timeline_entries`): a feed read then reads its
   * page of them in the same statement as the posts, instead of calling `page` first.
   */
  readonly inDatabase: boolean;
  /** Adds the entry to each user's timeline. */
  push(userIds: readonly string[], entry: TimelineEntry): Promise<void>;
  /** Adds entries to one user's timeline (a new follow merges the author's recent posts). */
  merge(userId: string, entries: readonly TimelineEntry[]): Promise<void>;
  /** Replaces one user's timeline at once (a rebuild). */
  replace(userId: string, entries: readonly TimelineEntry[]): Promise<void>;
  /** Takes the post out of these users' timelines (the table store takes it out of every timeline). */
  removePost(postId: string, userIds: readonly string[]): Promise<void>;
  /** Takes the author's posts (`postIds`, the author's recent ones) out of one user's timeline. */
  removeAuthor(userId: string, authorId: string, postIds: readonly string[]): Promise<void>;
  /** Post ids newest first, older than `before` when given. */
  page(userId: string, before: string | null, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

export const TIMELINE_STORE = Symbol('social.timeline-store');
