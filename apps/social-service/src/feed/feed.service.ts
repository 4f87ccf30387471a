import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { PoisonMessageError } from '@agora/messaging';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SocialConfig } from '../social.config.js';
import { toFeedPostDto, type FeedPageDto } from './feed.dto.js';
import { FeedRepository, type FeedPostRow, type FeedSlice } from './feed.repository.js';
import { TIMELINE_STORE, type TimelineStore } from './timeline-store.js';

/** Followers handled per fan-out step. */
const FANOUT_CHUNK = 1000;
/** Posts of a newly followed author merged into the follower's timeline. */
const MERGE_ON_FOLLOW = 100;
/** A reader's activity is written at most this often. */
const TOUCH_EVERY_MS = 60_000;
/** Rounds of reading past hidden posts before a short page is answered with a cursor. */
const MAX_ROUNDS = 5;

const DAY_MS = 86_400_000;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function requireFields<T extends object>(topic: string, payload: unknown, fields: readonly (keyof T)[]): T {
  const candidate = payload as Record<string, unknown> | null;
  const missing = fields.filter((field) => !isText(candidate?.[field as string]));
  if (missing.length > 0) {
    throw new PoisonMessageError(`${topic} payload lacks ${missing.join(', ')}`);
  }
  return payload as T;
}

/**
 * The home feed: fan-out on write into capped per-user timelines, hybrid for heavy authors (merged at read
 * time), rebuilt from the database for readers back after SOCIAL_FEED_INACTIVE_DAYS, filtered at read
 * time (blocks, mutes, unfollows, deletions and visibility apply at once, before the events catch up).
 */
@Injectable()
export class FeedService implements OnApplicationShutdown {
  constructor(
    @Inject(TIMELINE_STORE) private readonly timelines: TimelineStore,
    private readonly feed: FeedRepository,
    private readonly config: SocialConfig,
  ) {}

  /**
   * A page of the reader's home feed. Each round is one statement (after the timeline's page from Redis,
   * when timelines live there) that merges the heavy authors in and loads the visible posts; a reader back
   * after the inactivity threshold gets the timeline rebuilt first and the round read again.
   */
  async page(user: AuthenticatedUser, cursor: string | undefined, limit: number): Promise<FeedPageDto> {
    const shown: FeedPostRow[] = [];
    let before = cursor ?? null;
    let exhausted = false;
    let lastRead: Date | null | undefined;
    // One more than the page first (enough when nothing is hidden, the usual case), twice as many each round after.
    let batch = limit + 1;
    for (let round = 0; round < MAX_ROUNDS && shown.length <= limit && !exhausted; round += 1, batch *= 2) {
      let slice = await this.slice(user.id, before, batch);
      if (lastRead === undefined) {
        lastRead = slice.lastRead;
        if (await this.ensureTimeline(user.id, lastRead)) {
          slice = await this.slice(user.id, before, batch);
        }
      }
      exhausted = slice.exhausted;
      for (const candidate of slice.candidates) {
        before = candidate.id;
        if (candidate.post) {
          shown.push(candidate.post);
          if (shown.length > limit) {
            break;
          }
        }
      }
      if (slice.candidates.length === 0) {
        exhausted = true;
      }
    }
    const items = shown.slice(0, limit);
    const nextCursor =
      shown.length > limit
        ? (items.at(-1)?.id ?? null)
        : exhausted
          ? null
          : (before ?? items.at(-1)?.id ?? null);
    return { items: items.map(toFeedPostDto), limit, nextCursor };
  }

  /** A new post reaches its author's timeline and, unless the author is heavy, active followers' ones. */
  async onPostCreated(event: EventEnvelope<'social.post.created.v1'>): Promise<void> {
    const { postId, authorId } = requireFields<typeof event.payload>(event.topic, event.payload, [
      'postId',
      'authorId',
    ]);
    const entry = { postId, authorId };
    await this.timelines.push([authorId], entry);
    if ((await this.feed.followersCount(authorId)) >= this.config.SOCIAL_FANOUT_MAX_FOLLOWERS) {
      return;
    }
    const since = new Date(Date.now() - this.config.SOCIAL_FEED_INACTIVE_DAYS * DAY_MS);
    for (let after: string | null = null; ;) {
      const followers = await this.feed.activeFollowerIds(authorId, since, after, FANOUT_CHUNK);
      await this.timelines.push(followers, entry);
      if (followers.length < FANOUT_CHUNK) {
        return;
      }
      after = followers.at(-1)!;
    }
  }

  /** A deleted post leaves every timeline it was pushed to. */
  async onPostDeleted(event: EventEnvelope<'social.post.deleted.v1'>): Promise<void> {
    const { postId, authorId } = requireFields<typeof event.payload>(event.topic, event.payload, [
      'postId',
      'authorId',
    ]);
    await this.timelines.removePost(postId, [authorId]);
    for (let after: string | null = null; ;) {
      const followers = await this.feed.followerIds(authorId, after, FANOUT_CHUNK);
      await this.timelines.removePost(postId, followers);
      if (followers.length < FANOUT_CHUNK) {
        return;
      }
      after = followers.at(-1)!;
    }
  }

  /** A new follow merges the author's recent posts into an active follower's timeline. */
  async onFollowCreated(event: EventEnvelope<'social.follow.created.v1'>): Promise<void> {
    const { followerId, followeeId } = requireFields<typeof event.payload>(event.topic, event.payload, [
      'followerId',
      'followeeId',
    ]);
    if (
      !(await this.isActiveReader(followerId)) ||
      (await this.feed.followersCount(followeeId)) >= this.config.SOCIAL_FANOUT_MAX_FOLLOWERS
    ) {
      return;
    }
    await this.timelines.merge(followerId, await this.feed.recentEntriesOf(followeeId, MERGE_ON_FOLLOW));
  }

  /** An unfollow (or a rejected request, or a block) takes the author's posts out of the timeline. */
  async onFollowDeleted(event: EventEnvelope<'social.follow.deleted.v1'>): Promise<void> {
    const { followerId, followeeId } = requireFields<typeof event.payload>(event.topic, event.payload, [
      'followerId',
      'followeeId',
    ]);
    await this.unmerge(followerId, followeeId);
  }

  /** A block takes each one's posts out of the other's timeline. */
  async onBlockCreated(event: EventEnvelope<'social.block.created.v1'>): Promise<void> {
    const { blockerId, blockedId } = requireFields<typeof event.payload>(event.topic, event.payload, [
      'blockerId',
      'blockedId',
    ]);
    await this.unmerge(blockerId, blockedId);
    await this.unmerge(blockedId, blockerId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.timelines.close();
  }

  private async unmerge(userId: string, authorId: string): Promise<void> {
    const recent = await this.feed.recentEntriesOf(authorId, this.config.SOCIAL_TIMELINE_CAP);
    await this.timelines.removeAuthor(
      userId,
      authorId,
      recent.map((entry) => entry.postId),
    );
  }

  private async isActiveReader(userId: string): Promise<boolean> {
    const lastRead = await this.feed.lastRead(userId);
    return !!lastRead && Date.now() - lastRead.getTime() < this.config.SOCIAL_FEED_INACTIVE_DAYS * DAY_MS;
  }

  /** One round's candidates: the timeline's page read in the feed's statement, or from the store first. */
  private async slice(userId: string, before: string | null, batch: number): Promise<FeedSlice> {
    const timeline = this.timelines.inDatabase ? 'table' : await this.timelines.page(userId, before, batch);
    return this.feed.slice(userId, timeline, before, batch, this.config.SOCIAL_FANOUT_MAX_FOLLOWERS);
  }

  /**
   * Marks the reader active (at most once a minute); a reader back after the inactivity threshold (or
   * reading for the first time) gets the timeline rebuilt from the database, and true is returned. The
   * reader is marked active first, so a post committed after the rebuild's query is fanned out to them.
   */
  private async ensureTimeline(userId: string, lastRead: Date | null): Promise<boolean> {
    const idle = lastRead ? Date.now() - lastRead.getTime() : Infinity;
    if (idle >= TOUCH_EVERY_MS) {
      await this.feed.touch(userId);
    }
    if (idle >= this.config.SOCIAL_FEED_INACTIVE_DAYS * DAY_MS) {
      await this.timelines.replace(
        userId,
        await this.feed.rebuildEntries(userId, this.config.SOCIAL_TIMELINE_CAP),
      );
      return true;
    }
    return false;
  }
}
