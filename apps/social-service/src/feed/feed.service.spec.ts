import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { strictMock } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import type { PostsRepository } from '../posts/posts.repository.js';
import type { PostEntity } from '../posts/post.entity.js';
import type { SocialConfig } from '../social.config.js';
import type { FeedRepository } from './feed.repository.js';
import { FeedService } from './feed.service.js';
import type { TimelineEntry, TimelineStore } from './timeline-store.js';

/** Time-ordered ids: `id(3)` sorts after `id(2)`, as UUIDv7 text does. */
const id = (n: number) => `01a20000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const reader = { id: id(9000), role: 'user' } as AuthenticatedUser;
const config = {
  SOCIAL_FANOUT_MAX_FOLLOWERS: 3,
  SOCIAL_FEED_INACTIVE_DAYS: 30,
  SOCIAL_TIMELINE_CAP: 800,
} as SocialConfig;

function memoryTimeline(ids: string[]): TimelineStore {
  return strictMock<TimelineStore>('TimelineStore', {
    page: (_user: string, before: string | null, limit: number) =>
      Promise.resolve(
        [...ids]
          .sort()
          .reverse()
          .filter((postId) => !before || postId < before)
          .slice(0, limit),
      ),
  });
}

function setup(timeline: string[], heavyPosts: string[], hidden: Set<string>) {
  const posts = strictMock<PostsRepository>('PostsRepository', {
    recentIdsBy: (authors: readonly string[], before: string | null, limit: number) =>
      Promise.resolve(
        authors.length === 0
          ? []
          : [...heavyPosts]
              .sort()
              .reverse()
              .filter((postId) => !before || postId < before)
              .slice(0, limit),
      ),
    findFeedPosts: (_viewer: string, ids: readonly string[]) =>
      Promise.resolve(
        ids
          .filter((postId) => !hidden.has(postId))
          .map(
            (postId) =>
              ({
                id: postId,
                author: { id: id(1), login: 'a', displayName: 'a', avatarMediaId: null },
                text: postId,
                mentions: [],
                tags: [],
                mediaIds: [],
                itemKind: null,
                itemId: null,
                activity: null,
                visibility: 'public',
                likesCount: 0,
                commentsCount: 0,
                version: 1,
                createdAt: new Date(0),
                updatedAt: new Date(0),
              }) as unknown as PostEntity,
          ),
      ),
    likedBy: () => Promise.resolve(new Set<string>()),
  });
  const feed = strictMock<FeedRepository>('FeedRepository', {
    readerState: () => Promise.resolve({ lastRead: new Date(), heavy: heavyPosts.length > 0 ? [id(2)] : [] }),
  });
  return new FeedService(memoryTimeline(timeline), feed, posts, config);
}

describe('FeedService', () => {
  it("merges heavy authors' posts into the timeline's by id and pages by keyset", async () => {
    const service = setup([id(10), id(8), id(5)], [id(9), id(6)], new Set());
    const first = await service.page(reader, undefined, 3);
    expect(first.items.map((post) => post.id)).toEqual([id(10), id(9), id(8)]);
    expect(first.nextCursor).toBe(id(8));
    const second = await service.page(reader, first.nextCursor!, 3);
    expect(second.items.map((post) => post.id)).toEqual([id(6), id(5)]);
    expect(second.nextCursor).toBeNull();
  });

  it('skips hidden entries, reading further down until the page is full', async () => {
    const timeline = Array.from({ length: 60 }, (_, index) => id(100 + index));
    const hidden = new Set(timeline.slice(5));
    const service = setup(timeline, [], hidden);
    const page = await service.page(reader, undefined, 3);
    expect(page.items.map((post) => post.id)).toEqual([id(104), id(103), id(102)]);
    expect(page.nextCursor).toBe(id(102));
    const rest = await service.page(reader, page.nextCursor!, 3);
    expect(rest.items.map((post) => post.id)).toEqual([id(101), id(100)]);
    expect(rest.nextCursor).toBeNull();
  });

  it("pushes a heavy author's post to the author alone", async () => {
    const pushed: [readonly string[], TimelineEntry][] = [];
    const timelines = strictMock<TimelineStore>('TimelineStore', {
      push: (users: readonly string[], entry: TimelineEntry) => {
        pushed.push([users, entry]);
        return Promise.resolve();
      },
    });
    const feed = strictMock<FeedRepository>('FeedRepository', { followersCount: () => Promise.resolve(3) });
    const service = new FeedService(
      timelines,
      feed,
      strictMock<PostsRepository>('PostsRepository', {}),
      config,
    );
    const event = {
      id: id(1),
      topic: 'social.post.created.v1',
      key: id(7),
      occurredAt: '',
      payload: { postId: id(7), authorId: id(2) },
    } as unknown as EventEnvelope<'social.post.created.v1'>;
    await service.onPostCreated(event);
    expect(pushed).toEqual([[[id(2)], { postId: id(7), authorId: id(2) }]]);
  });
});
