import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { strictMock } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import type { SocialConfig } from '../social.config.js';
import type { FeedPostRow, FeedRepository } from './feed.repository.js';
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

function memoryTimeline(ids: string[], inDatabase: boolean): TimelineStore {
  return strictMock<TimelineStore>('TimelineStore', {
    inDatabase,
    page: (_user: string, before: string | null, limit: number) =>
      Promise.resolve(newestFirst(ids, before, limit)),
  });
}

const newestFirst = (ids: readonly string[], before: string | null, limit: number): string[] =>
  [...ids]
    .sort()
    .reverse()
    .filter((postId) => !before || postId < before)
    .slice(0, limit);

const row = (postId: string): FeedPostRow => ({
  id: postId,
  author_id: id(1),
  text: postId,
  mentions: [],
  tags: [],
  media_ids: [],
  item_kind: null,
  item_id: null,
  visibility: 'public',
  activity: null,
  milestone: null,
  likes_count: 0,
  comments_count: 0,
  version: 1,
  created_at: '1970-01-01T00:00:00.000Z',
  updated_at: '1970-01-01T00:00:00.000Z',
  author_login: 'a',
  author_display_name: 'a',
  author_avatar_media_id: null,
  liked: false,
});

/**
 * The feed's statement in memory: the timeline's page (given, or read from the "table") merged with the
 * heavy authors' posts, each shown unless hidden.
 */
function setup(timeline: string[], heavyPosts: string[], hidden: Set<string>, inDatabase = true) {
  const feed = strictMock<FeedRepository>('FeedRepository', {
    slice: (_user: string, given: readonly string[] | 'table', before: string | null, limit: number) => {
      const fromTimeline = given === 'table' ? newestFirst(timeline, before, limit) : given;
      const fromHeavy = newestFirst(heavyPosts, before, limit);
      const merged = newestFirst([...new Set([...fromTimeline, ...fromHeavy])], null, limit);
      return Promise.resolve({
        lastRead: new Date(),
        candidates: merged.map((postId) => ({ id: postId, post: hidden.has(postId) ? null : row(postId) })),
        exhausted: fromTimeline.length < limit && fromHeavy.length < limit,
      });
    },
  });
  return new FeedService(memoryTimeline(timeline, inDatabase), feed, config);
}

describe('FeedService', () => {
  it.each([true, false])(
    'pages the merged candidates by keyset (timeline in the database: %s)',
    async (inDatabase) => {
      const service = setup([id(10), id(8), id(5)], [id(9), id(6)], new Set(), inDatabase);
      const first = await service.page(reader, undefined, 3);
      expect(first.items.map((post) => post.id)).toEqual([id(10), id(9), id(8)]);
      expect(first.nextCursor).toBe(id(8));
      const second = await service.page(reader, first.nextCursor!, 3);
      expect(second.items.map((post) => post.id)).toEqual([id(6), id(5)]);
      expect(second.nextCursor).toBeNull();
    },
  );

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
    const service = new FeedService(timelines, feed, config);
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
