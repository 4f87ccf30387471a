import { eventually } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Profile {
  followersCount: number;
  followingCount: number;
  postsCount: number;
  private: boolean;
}
interface Related {
  items: { user: { userId: string; login: string }; since: string }[];
  total: number;
  nextCursor: string | null;
}
interface Post {
  id: string;
  text: string;
  mentions: string[];
  tags: string[];
  mediaIds: string[];
  item: { kind: string; id: string } | null;
  visibility: string;
  likesCount: number;
  commentsCount: number;
  likedByMe: boolean;
  edited: boolean;
  version: number;
}

/**
 * The follow graph and posts on real PostgreSQL behind real auth tokens: idempotent follows with right
 * counts, private accounts' requests, blocks and mutes, and posts with their rules (owned photos, known
 * items, visibility, edits with history, one-level comments). Bad input is a 4xx problem with a code.
 */
describe('social-service: follow graph and posts', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let anna: SocialUser;
  let boris: SocialUser;
  let clara: SocialUser;

  const profile = async (user: SocialUser) =>
    (await social.call<Profile>('GET', `/profiles/${user.id}`)).body;
  const counts = async (user: SocialUser) => {
    const { followersCount, followingCount, postsCount } = await profile(user);
    return { followers: followersCount, following: followingCount, posts: postsCount };
  };
  const relationship = async (viewer: SocialUser, user: SocialUser) =>
    (await social.call<Record<string, unknown>>('GET', `/me/relationships/${user.id}`, viewer)).body;
  const post = async (author: SocialUser, body: Record<string, unknown>) => {
    const created = await social.call<Post>('POST', '/posts', author, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'sg');
    anna = await social.user('anna');
    boris = await social.user('boris');
    clara = await social.user('clara');
  }, 120_000);

  afterAll(() => social?.close());

  const eventuallyGone = (user: SocialUser) =>
    eventually(
      async () => ((await social.call('GET', `/profiles/${user.id}`)).status === 404 ? true : undefined),
      15_000,
      'the deletion',
    );

  it('follows and unfollows idempotently, with counts and lists on both profiles', async () => {
    for (let round = 0; round < 2; round += 1) {
      const followed = await social.call('PUT', `/me/following/${boris.id}`, anna);
      expect(followed).toMatchObject({ status: 200, body: { userId: boris.id, status: 'active' } });
    }
    expect(await counts(anna)).toMatchObject({ following: 1, followers: 0 });
    expect(await counts(boris)).toMatchObject({ following: 0, followers: 1 });
    expect(await relationship(anna, boris)).toEqual({
      userId: boris.id,
      following: 'active',
      followedBy: false,
      blocking: false,
      blockedBy: false,
      muting: false,
    });
    expect(await relationship(boris, anna)).toMatchObject({ following: 'none', followedBy: true });
    const followers = await social.call<Related>('GET', `/profiles/${boris.id}/followers`);
    expect(followers.body.items.map((item) => item.user.userId)).toEqual([anna.id]);
    const following = await social.call<Related>(
      'GET',
      `/profiles/${anna.id}/following?sort=createdAt&limit=1`,
    );
    expect(following.body.items.map((item) => item.user.login)).toEqual([boris.login]);
    const badQuery = await social.call('GET', `/profiles/${anna.id}/following?sort=login`);
    expect(badQuery).toMatchObject({ status: 400, body: { code: 'INVALID_LIST_QUERY' } });

    for (let round = 0; round < 2; round += 1) {
      expect((await social.call('DELETE', `/me/following/${boris.id}`, anna)).status).toBe(204);
    }
    expect(await counts(anna)).toMatchObject({ following: 0 });
    expect(await counts(boris)).toMatchObject({ followers: 0 });
    const events = await social.query<{ topic: string }>(
      `SELECT topic FROM social.outbox WHERE key = $1 AND topic LIKE 'social.follow.%' ORDER BY id`,
      [anna.id],
    );
    expect(events.map((event) => event.topic)).toEqual([
      'social.follow.created.v1',
      'social.follow.deleted.v1',
    ]);
  });

  it('refuses following oneself, unknown users and calls without a token', async () => {
    expect(await social.call('PUT', `/me/following/${anna.id}`, anna)).toMatchObject({
      status: 422,
      body: { code: 'CANNOT_FOLLOW_SELF' },
    });
    expect(
      await social.call('PUT', '/me/following/0195f6a0-0000-7000-8000-000000000000', anna),
    ).toMatchObject({
      status: 404,
      body: { code: 'PROFILE_NOT_FOUND' },
    });
    expect((await social.call('PUT', `/me/following/not-a-uuid`, anna)).status).toBe(400);
    expect((await social.call('PUT', `/me/following/${boris.id}`)).status).toBe(401);
    expect(
      await social.call('GET', '/me/relationships/0195f6a0-0000-7000-8000-000000000000', anna),
    ).toMatchObject({ status: 404, body: { code: 'PROFILE_NOT_FOUND' } });
    expect((await social.call('GET', '/me/relationships/not-a-uuid', anna)).status).toBe(400);
    expect((await social.call('GET', `/me/relationships/${boris.id}`)).status).toBe(401);
  });

  it('makes follows of a private account requests, which its owner accepts or rejects', async () => {
    const owner = await social.user('private');
    const patched = await social.call<Profile>('PATCH', '/profiles/me', owner, {
      private: true,
      bio: 'Only friends',
    });
    expect(patched).toMatchObject({ status: 200, body: { private: true } });
    expect(await social.call('PUT', `/me/following/${owner.id}`, anna)).toMatchObject({
      body: { status: 'pending' },
    });
    expect(await social.call('PUT', `/me/following/${owner.id}`, boris)).toMatchObject({
      body: { status: 'pending' },
    });
    expect(await counts(owner)).toMatchObject({ followers: 0 });
    expect(await relationship(anna, owner)).toMatchObject({ following: 'pending' });
    // A private account's lists and posts are for its followers.
    expect(await social.call('GET', `/profiles/${owner.id}/followers`, anna)).toMatchObject({
      status: 403,
      body: { code: 'PRIVATE_ACCOUNT' },
    });
    const requests = await social.call<Related>('GET', '/me/follow-requests', owner);
    expect(requests.body.items.map((item) => item.user.userId).sort()).toEqual([anna.id, boris.id].sort());

    expect((await social.call('POST', `/me/follow-requests/${anna.id}/accept`, owner)).status).toBe(204);
    expect((await social.call('DELETE', `/me/follow-requests/${boris.id}`, owner)).status).toBe(204);
    expect(await social.call('POST', `/me/follow-requests/${boris.id}/accept`, owner)).toMatchObject({
      status: 404,
      body: { code: 'FOLLOW_REQUEST_NOT_FOUND' },
    });
    expect(await counts(owner)).toMatchObject({ followers: 1 });
    expect(await relationship(anna, owner)).toMatchObject({ following: 'active' });
    expect(await relationship(boris, owner)).toMatchObject({ following: 'none' });
    expect((await social.call('GET', `/profiles/${owner.id}/followers`, anna)).status).toBe(200);
    expect((await social.call('GET', `/profiles/${owner.id}/followers`, boris)).status).toBe(403);
    expect((await social.call('GET', '/me/follow-requests', owner)).body).toMatchObject({ total: 0 });
  });

  it('blocks end follows both ways and hide each from the other; mutes are listed', async () => {
    const dora = await social.user('dora');
    const eve = await social.user('eve');
    await social.call('PUT', `/me/following/${eve.id}`, dora);
    await social.call('PUT', `/me/following/${dora.id}`, eve);
    const shown = await post(dora, { text: 'before the block' });
    expect(await counts(dora)).toMatchObject({ followers: 1, following: 1 });

    expect((await social.call('PUT', `/me/blocks/${eve.id}`, dora)).status).toBe(204);
    expect((await social.call('PUT', `/me/blocks/${eve.id}`, dora)).status).toBe(204);
    expect(await counts(dora)).toMatchObject({ followers: 0, following: 0 });
    expect(await counts(eve)).toMatchObject({ followers: 0, following: 0 });
    expect(await relationship(dora, eve)).toMatchObject({
      following: 'none',
      followedBy: false,
      blocking: true,
      blockedBy: false,
    });
    expect(await relationship(eve, dora)).toMatchObject({ blocking: false, blockedBy: true });
    expect(await social.call('PUT', `/me/following/${dora.id}`, eve)).toMatchObject({
      status: 403,
      body: { code: 'BLOCKED' },
    });
    expect(await social.call('GET', `/posts/${shown.id}`, eve)).toMatchObject({
      status: 404,
      body: { code: 'POST_NOT_FOUND' },
    });
    expect((await social.call('GET', `/profiles/${dora.id}/posts`, eve)).status).toBe(404);
    expect((await social.call('POST', `/posts/${shown.id}/comments`, eve, { text: 'hi' })).status).toBe(404);
    expect((await social.call('PUT', `/posts/${shown.id}/like`, eve)).status).toBe(404);
    const blocks = await social.call<Related>('GET', '/me/blocks', dora);
    expect(blocks.body.items.map((item) => item.user.userId)).toEqual([eve.id]);

    expect((await social.call('DELETE', `/me/blocks/${eve.id}`, dora)).status).toBe(204);
    expect((await social.call('GET', `/posts/${shown.id}`, eve)).status).toBe(200);

    expect((await social.call('PUT', `/me/mutes/${eve.id}`, dora)).status).toBe(204);
    expect((await social.call<Related>('GET', '/me/mutes', dora)).body.items).toHaveLength(1);
    expect(await relationship(dora, eve)).toMatchObject({ blocking: false, muting: true });
    expect((await social.call('DELETE', `/me/mutes/${eve.id}`, dora)).status).toBe(204);
    expect(await social.call('PUT', `/me/mutes/${dora.id}`, dora)).toMatchObject({ status: 422 });
  });

  it('creates posts with sanitized text, mentions, tags, owned photos and a known catalog item', async () => {
    const photo = await social.media(anna.id);
    const coffee = await social.coffee('Yirgacheffe');
    const created = await post(anna, {
      text: `  Cupping #Ethiopia with @${boris.login.toUpperCase()}\u202E and @nobody_here \u0007 `,
      mediaIds: [photo],
      item: { kind: 'coffee', id: coffee },
    });
    expect(created).toMatchObject({
      text: `Cupping #Ethiopia with @${boris.login.toUpperCase()} and @nobody_here`,
      mentions: [boris.id],
      tags: ['ethiopia'],
      mediaIds: [photo],
      item: { kind: 'coffee', id: coffee },
      visibility: 'public',
      likesCount: 0,
      likedByMe: false,
      edited: false,
    });
    expect(await counts(anna)).toMatchObject({ posts: 1 });
    const [event] = await social.query<{ payload: { mentions: string[] } }>(
      `SELECT payload FROM social.outbox WHERE key = $1 AND topic = 'social.post.created.v1'`,
      [created.id],
    );
    expect(event.payload.mentions).toEqual([boris.id]);
  });

  it("refuses someone else's or unknown media, unknown items, empty, oversized and NUL texts, writing nothing", async () => {
    const borisPhoto = await social.media(boris.id);
    const before = await counts(anna);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ text: 'x', mediaIds: [borisPhoto] }, 403, 'NOT_YOUR_MEDIA'],
      [{ text: 'x', mediaIds: ['0195f6a0-0000-7000-8000-000000000001'] }, 422, 'MEDIA_NOT_FOUND'],
      [
        { text: 'x', item: { kind: 'coffee', id: '0195f6a0-0000-7000-8000-000000000002' } },
        422,
        'ITEM_NOT_FOUND',
      ],
      [
        { text: 'x', item: { kind: 'spaceship', id: '0195f6a0-0000-7000-8000-000000000002' } },
        400,
        'VALIDATION_FAILED',
      ],
      [{ text: ' \u0007 ' }, 422, 'EMPTY_POST'],
      [{ text: 'é'.repeat(5001) }, 422, 'TEXT_TOO_LONG'],
      [{ text: 'x'.repeat(10_001) }, 400, 'VALIDATION_FAILED'],
      [{ text: 'nul \u0000 here' }, 400, 'INVALID_CHARACTERS'],
      [{ text: 'x', mediaIds: Array.from({ length: 11 }, () => borisPhoto) }, 400, 'VALIDATION_FAILED'],
      [{ text: 'x', visibility: 'everyone' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await social.call('POST', '/posts', anna, body);
      expect(answer, JSON.stringify(body).slice(0, 80)).toMatchObject({ status, body: { code } });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await counts(anna)).toEqual(before);
  });

  it('shows followers-only posts to accepted followers only, and edits them with history and If-Match', async () => {
    const secret = await post(clara, { text: 'for followers', visibility: 'followers' });
    expect((await social.call('GET', `/posts/${secret.id}`)).status).toBe(404);
    expect((await social.call('GET', `/posts/${secret.id}`, anna)).status).toBe(404);
    await social.call('PUT', `/me/following/${clara.id}`, anna);
    expect((await social.call('GET', `/posts/${secret.id}`, anna)).status).toBe(200);
    const listed = await social.call<{ items: Post[] }>('GET', `/profiles/${clara.id}/posts`);
    expect(listed.body.items.map((item) => item.id)).not.toContain(secret.id);

    // Someone else's post: a 403 when they can read it, a 404 when they cannot.
    expect(await social.call('PATCH', `/posts/${secret.id}`, anna, { text: 'mine now' })).toMatchObject({
      status: 403,
      body: { code: 'NOT_YOUR_POST' },
    });
    expect(await social.call('DELETE', `/posts/${secret.id}`, boris)).toMatchObject({
      status: 404,
      body: { code: 'POST_NOT_FOUND' },
    });
    const edited = await social.call<Post>(
      'PATCH',
      `/posts/${secret.id}`,
      clara,
      { text: 'for everyone #open', visibility: 'public' },
      { 'if-match': '"1"' },
    );
    expect(edited).toMatchObject({
      status: 200,
      body: { text: 'for everyone #open', tags: ['open'], edited: true, version: 2 },
    });
    expect(edited.headers.get('etag')).toBe('"2"');
    const stale = await social.call(
      'PATCH',
      `/posts/${secret.id}`,
      clara,
      { text: 'late' },
      { 'if-match': '"1"' },
    );
    expect(stale).toMatchObject({ status: 412, body: { code: 'PRECONDITION_FAILED' } });
    const history = await social.call<{ items: { version: number; text: string }[] }>(
      'GET',
      `/posts/${secret.id}/history`,
    );
    expect(history.body.items).toEqual([expect.objectContaining({ version: 1, text: 'for followers' })]);
    expect((await social.call('GET', `/posts/${secret.id}`)).status).toBe(200);
    // Optional fields sent as null are left as they are.
    const nulls = await social.call<Post>('PATCH', `/posts/${secret.id}`, clara, {
      text: null,
      mediaIds: null,
      visibility: null,
    });
    expect(nulls).toMatchObject({ status: 200, body: { text: 'for everyone #open', visibility: 'public' } });
    expect(
      await social.call('POST', '/posts', clara, {
        text: null,
        mediaIds: null,
        item: null,
        visibility: null,
      }),
    ).toMatchObject({ status: 422, body: { code: 'EMPTY_POST' } });
    expect(
      await social.call('POST', `/posts/${secret.id}/comments`, anna, {
        text: 'null parent',
        parentId: null,
      }),
    ).toMatchObject({ status: 201 });
  });

  it('answers comments one level deep and counts likes once', async () => {
    const topic = await post(boris, { text: 'what do you brew with?' });
    const first = await social.call<{ id: string }>('POST', `/posts/${topic.id}/comments`, anna, {
      text: 'V60 @' + boris.login,
    });
    expect(first.status).toBe(201);
    const answer = await social.call<{ id: string; parentId: string }>(
      'POST',
      `/posts/${topic.id}/comments`,
      boris,
      {
        text: 'same here',
        parentId: first.body.id,
      },
    );
    expect(answer).toMatchObject({ status: 201, body: { parentId: first.body.id } });
    expect(
      await social.call('POST', `/posts/${topic.id}/comments`, anna, {
        text: 'deeper',
        parentId: answer.body.id,
      }),
    ).toMatchObject({ status: 422, body: { code: 'COMMENT_TOO_DEEP' } });
    const other = await post(anna, { text: 'another post' });
    expect(
      await social.call('POST', `/posts/${other.id}/comments`, anna, {
        text: 'elsewhere',
        parentId: first.body.id,
      }),
    ).toMatchObject({ status: 422, body: { code: 'COMMENT_NOT_FOUND' } });
    expect(
      await social.call('POST', `/posts/${topic.id}/comments`, anna, { text: 'x'.repeat(2001) }),
    ).toMatchObject({
      status: 422,
      body: { code: 'TEXT_TOO_LONG' },
    });
    const comments = await social.call<{ items: { text: string }[] }>('GET', `/posts/${topic.id}/comments`);
    expect(comments.body.items.map((comment) => comment.text)).toEqual([`V60 @${boris.login}`, 'same here']);

    expect(await social.call('PUT', `/posts/${topic.id}/like`, anna)).toMatchObject({
      body: { liked: true, likesCount: 1 },
    });
    expect(await social.call('PUT', `/posts/${topic.id}/like`, anna)).toMatchObject({
      body: { liked: true, likesCount: 1 },
    });
    expect(await social.call<Post>('GET', `/posts/${topic.id}`, anna)).toMatchObject({
      body: { likesCount: 1, likedByMe: true, commentsCount: 2 },
    });
    expect(await social.call('DELETE', `/posts/${topic.id}/like`, anna)).toMatchObject({
      body: { liked: false, likesCount: 0 },
    });
    expect(await social.call('DELETE', `/posts/${topic.id}/like`, anna)).toMatchObject({
      body: { likesCount: 0 },
    });
  });

  it('deletes a post with its likes and comments, once', async () => {
    const gone = await post(boris, { text: 'short-lived' });
    await social.call('PUT', `/posts/${gone.id}/like`, anna);
    await social.call('POST', `/posts/${gone.id}/comments`, anna, { text: 'bye' });
    const before = (await counts(boris)).posts;
    expect((await social.call('DELETE', `/posts/${gone.id}`, boris)).status).toBe(204);
    expect((await social.call('GET', `/posts/${gone.id}`, boris)).status).toBe(404);
    expect((await social.call('DELETE', `/posts/${gone.id}`, boris)).status).toBe(404);
    expect((await counts(boris)).posts).toBe(before - 1);
    const left = await social.query(
      `SELECT 1 FROM social.comments WHERE post_id = $1 UNION ALL SELECT 1 FROM social.post_likes WHERE post_id = $1`,
      [gone.id],
    );
    expect(left).toEqual([]);
  });

  it("sets profile fields; an avatar must be the owner's media", async () => {
    const photo = await social.media(clara.id);
    const updated = await social.call<Record<string, unknown>>('PATCH', '/profiles/me', clara, {
      bio: '  Home roaster  ',
      avatarMediaId: photo,
      contacts: [{ kind: 'telegram', value: '@clara' }],
      marketplaceLinks: [{ site: 'avito', url: 'https://www.avito.ru/user/clara' }],
    });
    expect(updated).toMatchObject({
      status: 200,
      body: {
        bio: 'Home roaster',
        avatarMediaId: photo,
        contacts: [{ kind: 'telegram', value: '@clara' }],
        marketplaceLinks: [{ site: 'avito', url: 'https://www.avito.ru/user/clara' }],
      },
    });
    const annaPhoto = await social.media(anna.id);
    expect(await social.call('PATCH', '/profiles/me', clara, { avatarMediaId: annaPhoto })).toMatchObject({
      status: 403,
      body: { code: 'NOT_YOUR_MEDIA' },
    });
    expect(
      await social.call('PATCH', '/profiles/me', clara, {
        marketplaceLinks: [{ site: 'avito', url: 'javascript:alert(1)' }],
      }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await social.call('PATCH', '/profiles/me', clara, { bio: 'b'.repeat(1001) })).toMatchObject({
      status: 400,
    });
  });
  it("takes a deleted account's follows, likes and comments off the others' counts", async () => {
    const leaving = await social.user('leaving');
    const host = await social.user('host');
    const topic = await post(host, { text: 'who comments?' });
    await social.call('PUT', `/me/following/${host.id}`, leaving);
    await social.call('PUT', `/me/following/${leaving.id}`, host);
    await social.call('PUT', `/posts/${topic.id}/like`, leaving);
    const question = await social.call<{ id: string }>('POST', `/posts/${topic.id}/comments`, leaving, {
      text: 'me',
    });
    await social.call('POST', `/posts/${topic.id}/comments`, host, {
      text: 'thanks',
      parentId: question.body.id,
    });
    await social.call('POST', `/posts/${topic.id}/comments`, host, { text: 'anyone else?' });
    expect(await counts(host)).toMatchObject({ followers: 1, following: 1 });

    await social.publish('auth.user.deleted.v1', leaving.id, {
      userId: leaving.id,
      reason: 'deleted-by-user',
      deletedAt: new Date().toISOString(),
    });
    await eventuallyGone(leaving);
    expect(await counts(host)).toMatchObject({ followers: 0, following: 0 });
    expect((await social.call<Post>('GET', `/posts/${topic.id}`)).body).toMatchObject({
      likesCount: 0,
      commentsCount: 1,
    });
  });
  it("turns a seller's new listing and an approved draft into posts of theirs, once, gone with the item", async () => {
    const seller = await social.user('seller');
    const listingId = uuidv7();
    const listed = {
      id: uuidv7(),
      topic: 'catalog.item.created.v1' as const,
      key: listingId,
      occurredAt: new Date().toISOString(),
      payload: {
        kind: 'listing' as const,
        itemId: listingId,
        name: 'Hario grinder',
        version: 1,
        changedBy: seller.id,
        changedAt: new Date().toISOString(),
      },
    };
    await social.bus.publish([listed]);
    await social.bus.publish([listed]);
    const coffeeId = uuidv7();
    await social.publish('catalog.draft.approved.v1', uuidv7(), {
      draftId: uuidv7(),
      subject: 'coffee',
      itemId: coffeeId,
      authorId: seller.id,
      reviewerId: uuidv7(),
      decision: 'approved',
      message: null,
      reviewedAt: new Date().toISOString(),
    });
    const activity = await eventually(
      async () => {
        const page = await social.call<{ items: (Post & { activity: string })[] }>(
          'GET',
          `/profiles/${seller.id}/posts`,
        );
        return page.body.items.length === 2 ? page.body.items : undefined;
      },
      15_000,
      'the activity posts',
    );
    expect(activity.map((item) => [item.activity, item.item])).toEqual([
      ['item-approved', { kind: 'coffee', id: coffeeId }],
      ['new-listing', { kind: 'listing', id: listingId }],
    ]);
    expect(await counts(seller)).toMatchObject({ posts: 2 });

    await social.publish('catalog.item.deleted.v1', listingId, {
      kind: 'listing',
      itemId: listingId,
      deletedBy: seller.id,
      deletedAt: new Date().toISOString(),
    });
    await eventually(
      async () => ((await counts(seller)).posts === 1 ? true : undefined),
      15_000,
      'the listing post to go',
    );
  });
});
