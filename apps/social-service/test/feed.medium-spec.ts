import { eventually } from '@agora/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface FeedPage {
  items: { id: string; text: string; author: { userId: string } }[];
  nextCursor: string | null;
}

const CAP = 10;
const HEAVY = 3;
const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The home feed on both timeline stores (a table without REDIS_URL, Redis sorted sets with it): fan-out
 * on write, capped timelines, keyset pages, merge on follow, removal on unfollow, block and delete, mutes,
 * heavy authors merged at read time, and a rebuild for readers back from a long pause.
 */
const STORES: { store: string; env: Record<string, string> }[] = [
  { store: 'table', env: {} },
  { store: 'redis', env: { REDIS_URL, REDIS_KEY_PREFIX: `test-feed-${process.pid}:` } },
];

describe.each(STORES)('home feed on the $store timeline store', ({ store, env }) => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let redis: Redis | undefined;

  /** What the store holds for the user, newest first. */
  const timeline = async (user: SocialUser): Promise<string[]> => {
    if (redis) {
      return redis.zrange(`${env.REDIS_KEY_PREFIX}social:timeline:${user.id}`, '+', '-', 'BYLEX', 'REV');
    }
    const rows = await social.query<{ post_id: string }>(
      `SELECT post_id FROM social.timeline_entries WHERE user_id = $1 ORDER BY post_id DESC`,
      [user.id],
    );
    return rows.map((row) => row.post_id);
  };
  const feed = async (user: SocialUser, query = '') => {
    const answer = await social.call<FeedPage>('GET', `/feed${query}`, user);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const feedIds = async (user: SocialUser) => (await feed(user, '?limit=100')).items.map((item) => item.id);
  const post = async (author: SocialUser, text: string) => {
    const created = await social.call<{ id: string }>('POST', '/posts', author, { text });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const follow = async (follower: SocialUser, author: SocialUser) =>
    expect((await social.call('PUT', `/me/following/${author.id}`, follower)).status).toBe(200);
  const until = (what: string, check: () => Promise<boolean>) =>
    eventually(async () => ((await check()) ? true : undefined), 15_000, what);

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, `fd${store[0]}`, {
      SOCIAL_TIMELINE_CAP: String(CAP),
      SOCIAL_FANOUT_MAX_FOLLOWERS: String(HEAVY),
      ...env,
    });
    redis = env.REDIS_URL ? new Redis(env.REDIS_URL) : undefined;
  }, 120_000);

  afterAll(async () => {
    await social?.close();
    if (redis) {
      const keys = await redis.keys(`${env.REDIS_KEY_PREFIX}*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      await redis.quit();
    }
  });

  it('fans posts out into a capped timeline and pages it newest first by keyset', async () => {
    const author = await social.user('author');
    const reader = await social.user('reader');
    await follow(reader, author);
    expect((await feed(reader)).items).toEqual([]);
    const own = await post(reader, 'my own');
    const posted: string[] = [];
    for (let index = 0; index < CAP + 3; index += 1) {
      posted.push(await post(author, `post ${index}`));
    }
    const newest = posted.at(-1)!;
    await until('the newest post in the timeline', async () => (await timeline(reader)).includes(newest));
    const held = await timeline(reader);
    expect(held).toHaveLength(CAP);
    expect(held).toEqual(posted.slice(-CAP).reverse());
    expect(held).not.toContain(own);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: FeedPage = await feed(reader, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (!cursor) {
        break;
      }
    }
    expect(seen).toEqual(posted.slice(-CAP).reverse());
    // A feed item is the post as GET /posts/:id shows it, its timestamps written by PostgreSQL included.
    const [newestItem] = (await feed(reader, '?limit=1')).items;
    const shown = await social.call<Record<string, unknown>>('GET', `/posts/${newest}`, reader);
    expect(shown.status).toBe(200);
    expect(newestItem).toEqual(shown.body);
    expect(shown.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await social.call('GET', '/feed?limit=0', reader)).status).toBe(400);
    expect((await social.call('GET', '/feed?cursor=nope', reader)).status).toBe(400);
    expect((await social.call('GET', '/feed')).status).toBe(401);
  });

  it('merges an author on follow and takes them out on unfollow, block and mute', async () => {
    const reader = await social.user('merger');
    const author = await social.user('merged');
    const earlier = [await post(author, 'old one'), await post(author, 'old two')];
    await feed(reader);
    await follow(reader, author);
    await until('the merge', async () => {
      const held = await timeline(reader);
      return earlier.every((id) => held.includes(id));
    });
    expect(await feedIds(reader)).toEqual([...earlier].reverse());

    expect((await social.call('DELETE', `/me/following/${author.id}`, reader)).status).toBe(204);
    expect(await feedIds(reader)).toEqual([]);
    await until('the unmerge', async () => (await timeline(reader)).length === 0);

    await follow(reader, author);
    await until('the merge again', async () => (await timeline(reader)).length === 2);
    expect((await social.call('PUT', `/me/mutes/${author.id}`, reader)).status).toBe(204);
    expect(await feedIds(reader)).toEqual([]);
    expect((await social.call('DELETE', `/me/mutes/${author.id}`, reader)).status).toBe(204);
    expect(await feedIds(reader)).toHaveLength(2);

    expect((await social.call('PUT', `/me/blocks/${reader.id}`, author)).status).toBe(204);
    expect(await feedIds(reader)).toEqual([]);
    await until('the block to empty the timeline', async () => (await timeline(reader)).length === 0);
  });

  it('takes a deleted post out of every timeline', async () => {
    const author = await social.user('deleter');
    const readers = [await social.user('first'), await social.user('second')];
    for (const reader of readers) {
      await feed(reader);
      await follow(reader, author);
    }
    const doomed = await post(author, 'soon gone');
    for (const reader of readers) {
      await until('the fan-out', async () => (await timeline(reader)).includes(doomed));
    }
    expect((await social.call('DELETE', `/posts/${doomed}`, author)).status).toBe(204);
    for (const reader of [...readers, author]) {
      expect(await feedIds(reader)).not.toContain(doomed);
      await until('the removal', async () => !(await timeline(reader)).includes(doomed));
    }
  });

  it('merges heavy authors at read time instead of fanning them out', async () => {
    const star = await social.user('star');
    const fans = [await social.user('fan1'), await social.user('fan2'), await social.user('fan3')];
    for (const fan of fans) {
      await feed(fan);
      await follow(fan, star);
    }
    const light = await social.user('light');
    await follow(fans[0], light);
    const starPost = await post(star, 'to my many fans');
    const lightPost = await post(light, 'to my one fan');
    await until('the light author fan-out', async () => (await timeline(fans[0])).includes(lightPost));
    await until("the star's own timeline", async () => (await timeline(star)).includes(starPost));
    expect(await timeline(fans[0])).not.toContain(starPost);
    expect(await feedIds(fans[0])).toEqual([lightPost, starPost]);
    expect(await feedIds(fans[2])).toEqual([starPost]);
  });

  it('skips readers away past the threshold and rebuilds their timeline when they come back', async () => {
    const author = await social.user('writer');
    const active = await social.user('active');
    const away = await social.user('away');
    for (const reader of [active, away]) {
      await feed(reader);
      await follow(reader, author);
    }
    await social.query(
      `UPDATE social.feed_readers SET last_read_at = now() - interval '40 days' WHERE user_id = $1`,
      [away.id],
    );
    const missed = await post(author, 'while you were away');
    await until('the fan-out to the active reader', async () => (await timeline(active)).includes(missed));
    expect(await timeline(away)).not.toContain(missed);
    expect(await feedIds(away)).toEqual([missed]);
    expect(await timeline(away)).toEqual([missed]);
  });
});
