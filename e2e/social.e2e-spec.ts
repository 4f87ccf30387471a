import {
  atOnce,
  copies,
  queryRows,
  eventually,
  png,
  startSmtpInbox,
  tally,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

const N = 12;
const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/**
 * Social's follow graph, posts and home feed through `npm start`'s gateway (issue 15): every new route
 * answers, N copies of follow, unfollow and like sent at once leave one outcome and right counts, and
 * hostile input (NUL, oversized text, someone else's ids and media, blocked users) is a 4xx problem with
 * a code, never a 5xx.
 */
describe('social through the gateway: follows, posts, feed', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let anna: SignedInUser;
  let boris: SignedInUser;
  let clara: SignedInUser;
  let moderator: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  async function upload(user: SignedInUser, seed: number): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([await png(40 + seed, 30)], { type: 'image/png' }), 'photo.png');
    const response = await fetch(`${platform.gatewayUrl}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  const counts = async (user: SignedInUser) =>
    (await call<{ followersCount: number; followingCount: number }>('GET', `/profiles/${user.id}`)).body;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'social', { env: adminEnv(inbox) });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    anna = await api.socialUser(users, 's_anna');
    boris = await api.socialUser(users, 's_boris');
    clara = await api.socialUser(users, 's_clara');
    moderator = await api.socialUser(users, 's_mod', 'moderator');
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('serves the graph, posts with uploaded photos, likes, comments and the feed', async () => {
    expect((await call('PUT', `/me/following/${anna.id}`, boris)).body).toEqual({
      userId: anna.id,
      status: 'active',
    });
    const followers = await call<{ items: { user: { userId: string } }[] }>(
      'GET',
      `/profiles/${anna.id}/followers`,
    );
    expect(followers.body.items.map((item) => item.user.userId)).toEqual([boris.id]);
    const following = await call<{ total: number }>('GET', `/profiles/${boris.id}/following`);
    expect(following.body.total).toBe(1);
    expect((await call('GET', '/feed', boris)).status).toBe(200);

    const photo = await upload(anna, 1);
    // social-service learns the owner from media-service's event.
    const created = await eventually(
      async () => {
        const answer = await call<{ id: string; mediaIds: string[] }>('POST', '/posts', anna, {
          text: 'Morning #v60 with @s_boris',
          mediaIds: [photo],
        });
        return answer.status === 201 ? answer.body : undefined;
      },
      20_000,
      'a post with the uploaded photo',
    );
    expect(created.mediaIds).toEqual([photo]);
    expect((await call('GET', `/posts/${created.id}`)).status).toBe(200);
    expect((await call<{ total: number }>('GET', `/profiles/${anna.id}/posts`)).body.total).toBe(1);
    expect((await call('PATCH', `/posts/${created.id}`, anna, { text: 'Morning #v60, edited' })).status).toBe(
      200,
    );
    expect((await call('PUT', `/posts/${created.id}/like`, boris)).body).toEqual({
      liked: true,
      likesCount: 1,
    });
    expect((await call('POST', `/posts/${created.id}/comments`, boris, { text: 'Nice' })).status).toBe(201);
    expect((await call<{ total: number }>('GET', `/posts/${created.id}/comments`)).body.total).toBe(1);
    const feed = await eventually(
      async () => {
        const page = await call<{ items: { id: string }[] }>('GET', '/feed', boris);
        return page.body.items.length > 0 ? page.body : undefined;
      },
      20_000,
      "the post in boris's feed",
    );
    expect(feed.items.map((item) => item.id)).toEqual([created.id]);
    expect((await call('DELETE', `/posts/${created.id}/like`, boris)).body).toEqual({
      liked: false,
      likesCount: 0,
    });
    // A moderator may delete anyone's post; it leaves the feed at once.
    expect((await call('DELETE', `/posts/${created.id}`, moderator)).status).toBe(204);
    expect((await call<{ items: unknown[] }>('GET', '/feed', boris)).body.items).toEqual([]);
    expect((await call('DELETE', `/me/following/${anna.id}`, boris)).status).toBe(204);
  });

  it('leaves one follow and right counts when N copies of follow, unfollow or both arrive at once', async () => {
    const follows = await atOnce(copies(N, () => call('PUT', `/me/following/${clara.id}`, anna)));
    expect(tally(follows.map((answer) => answer.status))).toEqual({ 200: N });
    const rows = () =>
      query(`SELECT 1 FROM social.follows WHERE follower_id = $1 AND followee_id = $2`, [anna.id, clara.id]);
    expect(await rows()).toHaveLength(1);
    expect(await counts(clara)).toMatchObject({ followersCount: 1 });
    expect(await counts(anna)).toMatchObject({ followingCount: 1 });

    const unfollows = await atOnce(copies(N, () => call('DELETE', `/me/following/${clara.id}`, anna)));
    expect(tally(unfollows.map((answer) => answer.status))).toEqual({ 204: N });
    expect(await rows()).toHaveLength(0);
    expect(await counts(clara)).toMatchObject({ followersCount: 0 });
    expect(await counts(anna)).toMatchObject({ followingCount: 0 });
    const events = await query<{ topic: string }>(
      `SELECT topic FROM social.outbox WHERE key = $1 AND payload->>'followeeId' = $2 ORDER BY id`,
      [anna.id, clara.id],
    );
    expect(events.map((event) => event.topic)).toEqual([
      'social.follow.created.v1',
      'social.follow.deleted.v1',
    ]);

    // Both at once, and the two following each other at once: whatever order they run in, the counts
    // match the rows, and nothing deadlocks into a 5xx.
    for (let round = 0; round < 3; round += 1) {
      const mixed = await atOnce([
        ...copies(N / 2, () => call('PUT', `/me/following/${clara.id}`, anna)),
        ...copies(N / 2, () => call('DELETE', `/me/following/${clara.id}`, anna)),
        ...copies(N / 2, () => call('PUT', `/me/following/${anna.id}`, clara)),
      ]);
      expect(mixed.filter((answer) => answer.status >= 300)).toEqual([]);
      const [claraRow] = await query<{
        followers_count: number;
        following_count: number;
        real_followers: string;
      }>(
        `SELECT followers_count, following_count,
                (SELECT count(*) FROM social.follows WHERE followee_id = p.id AND status = 'active') AS real_followers
           FROM social.profiles p WHERE id = $1`,
        [clara.id],
      );
      expect(claraRow.followers_count).toBe(Number(claraRow.real_followers));
      expect(claraRow.following_count).toBe(1);
    }
  });

  it('counts N copies of a like sent at once as one like, and N unlikes as none', async () => {
    const created = await call<{ id: string }>('POST', '/posts', clara, { text: 'Like me once' });
    expect(created.status).toBe(201);
    const likes = await atOnce(
      copies(N, () => call<{ likesCount: number }>('PUT', `/posts/${created.body.id}/like`, anna)),
    );
    expect(tally(likes.map((answer) => answer.status))).toEqual({ 200: N });
    expect(likes.every((answer) => answer.body.likesCount === 1)).toBe(true);
    const likers = [anna, boris, moderator];
    await atOnce(likers.map((user) => () => call('PUT', `/posts/${created.body.id}/like`, user)));
    expect((await call('GET', `/posts/${created.body.id}`)).body).toMatchObject({ likesCount: 3 });
    const unlikes = await atOnce(copies(N, () => call('DELETE', `/posts/${created.body.id}/like`, anna)));
    expect(tally(unlikes.map((answer) => answer.status))).toEqual({ 200: N });
    const [row] = await query<{ likes_count: number; rows: string }>(
      `SELECT likes_count, (SELECT count(*) FROM social.post_likes WHERE post_id = $1) AS rows FROM social.posts WHERE id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ likes_count: 2, rows: '2' });
  });

  it("answers hostile input with 4xx problems and codes: NUL, oversized text, others' ids and media, bad paging", async () => {
    const borisPhoto = await upload(boris, 2);
    const annaPost = await call<{ id: string }>('POST', '/posts', anna, { text: 'mine' });
    await eventually(
      async () =>
        (await query('SELECT 1 FROM social.media_owners WHERE media_id = $1', [borisPhoto])).length
          ? true
          : undefined,
      20_000,
      "boris's media owner",
    );
    const before = await query<{ count: string }>('SELECT count(*) FROM social.posts');

    expectProblem(
      await call('POST', '/posts', anna, { text: 'x', mediaIds: [borisPhoto] }),
      403,
      'NOT_YOUR_MEDIA',
    );
    expectProblem(
      await call('POST', '/posts', anna, { text: 'x', mediaIds: [NOBODY] }),
      422,
      'MEDIA_NOT_FOUND',
    );
    expectProblem(
      await call('PATCH', '/profiles/me', anna, { avatarMediaId: borisPhoto }),
      403,
      'NOT_YOUR_MEDIA',
    );
    expectProblem(await call('POST', '/posts', anna, { text: 'nul\u0000byte' }), 400, 'INVALID_CHARACTERS');
    expectProblem(await call('POST', '/posts', anna, { text: 'é'.repeat(5001) }), 422, 'TEXT_TOO_LONG');
    expectProblem(await call('POST', '/posts', anna, { text: 'x'.repeat(200_000) }), 400);
    expectProblem(await call('POST', '/posts', anna, '"just a string"'), 400);
    expectProblem(await call('POST', '/posts', anna, '[1,2,3]'), 400);
    expectProblem(await call('POST', '/posts', anna, { text: 'x', mediaIds: 'not-a-list' }), 400);
    expectProblem(
      await call('POST', '/posts', anna, { text: 'x', item: { kind: 'coffee', id: NOBODY } }),
      422,
      'ITEM_NOT_FOUND',
    );
    expectProblem(await call('POST', '/posts', undefined, { text: 'x' }), 401);
    expect(await query<{ count: string }>('SELECT count(*) FROM social.posts')).toEqual(before);

    expectProblem(
      await call('PATCH', `/posts/${annaPost.body.id}`, boris, { text: 'taken over' }),
      403,
      'NOT_YOUR_POST',
    );
    expectProblem(await call('DELETE', `/posts/${annaPost.body.id}`, boris), 403, 'NOT_YOUR_POST');
    expectProblem(await call('GET', `/posts/${NOBODY}`), 404, 'POST_NOT_FOUND');
    expectProblem(await call('GET', '/posts/%00'), 400);
    expectProblem(await call('PUT', '/me/following/%00', anna), 400);
    expectProblem(await call('PUT', `/me/following/${NOBODY}`, anna), 404, 'PROFILE_NOT_FOUND');
    expectProblem(await call('PUT', `/me/following/${anna.id}`, anna), 422, 'CANNOT_FOLLOW_SELF');
    expectProblem(
      await call('POST', `/me/follow-requests/${boris.id}/accept`, anna),
      404,
      'FOLLOW_REQUEST_NOT_FOUND',
    );
    expectProblem(
      await call('GET', `/profiles/${anna.id}/followers?sort=password`),
      400,
      'INVALID_LIST_QUERY',
    );
    expectProblem(await call('GET', `/profiles/${anna.id}/posts?limit=100000`), 400, 'INVALID_LIST_QUERY');
    expectProblem(await call('GET', '/feed?limit=1000', anna), 400);
    expectProblem(await call('GET', '/feed?cursor=%00', anna), 400);
    expectProblem(await call('GET', `/posts/${annaPost.body.id}/comments?cursor=garbage`), 400);
    expectProblem(
      await call('POST', `/posts/${annaPost.body.id}/comments`, boris, { text: 'x', parentId: NOBODY }),
      422,
      'COMMENT_NOT_FOUND',
    );
    expectProblem(
      await call('POST', `/posts/${annaPost.body.id}/comments`, boris, { text: 'x'.repeat(2001) }),
      422,
      'TEXT_TOO_LONG',
    );
  });

  it('keeps blocked users apart: no follows, posts, likes, comments or lists across the block', async () => {
    const secret = await call<{ id: string }>('POST', '/posts', clara, { text: 'not for boris' });
    expect((await call('PUT', `/me/following/${clara.id}`, boris)).status).toBe(200);
    expect((await call('PUT', `/me/blocks/${boris.id}`, clara)).status).toBe(204);
    expect((await counts(clara)).followersCount).toBe(
      Number(
        (
          await query<{ n: string }>(
            `SELECT count(*) AS n FROM social.follows WHERE followee_id = $1 AND status = 'active'`,
            [clara.id],
          )
        )[0].n,
      ),
    );
    expectProblem(await call('PUT', `/me/following/${clara.id}`, boris), 403, 'BLOCKED');
    expectProblem(await call('PUT', `/me/following/${boris.id}`, clara), 403, 'BLOCKED');
    expectProblem(await call('GET', `/posts/${secret.body.id}`, boris), 404, 'POST_NOT_FOUND');
    expectProblem(await call('PUT', `/posts/${secret.body.id}/like`, boris), 404, 'POST_NOT_FOUND');
    expectProblem(
      await call('POST', `/posts/${secret.body.id}/comments`, boris, { text: 'hi' }),
      404,
      'POST_NOT_FOUND',
    );
    expectProblem(await call('GET', `/posts/${secret.body.id}/comments`, boris), 404, 'POST_NOT_FOUND');
    expectProblem(await call('GET', `/profiles/${clara.id}/posts`, boris), 404, 'PROFILE_NOT_FOUND');
    expectProblem(await call('GET', `/profiles/${clara.id}/followers`, boris), 404, 'PROFILE_NOT_FOUND');
    const feed = await call<{ items: { author: { userId: string } }[] }>('GET', '/feed?limit=100', boris);
    expect(feed.body.items.filter((item) => item.author.userId === clara.id)).toEqual([]);
    expect((await call('DELETE', `/me/blocks/${boris.id}`, clara)).status).toBe(204);
    expect((await call('GET', `/posts/${secret.body.id}`, boris)).status).toBe(200);
  });

  it("posts each review to its author's followers; reviews without a purchase leave the seller unrated", async () => {
    const seller = await api.socialUser(users, 's_seller', 'seller');
    const buyers = [await api.socialUser(users, 's_buyer1'), await api.socialUser(users, 's_buyer2')];
    const listing = await call<{ id: string }>('POST', '/listings', seller, {
      title: 'Hand grinder',
      price: '30.00',
      currency: 'EUR',
      status: 'active',
    });
    expect(listing.status).toBe(201);
    const profile = () =>
      call<{ sellerRating: number | null; sellerReviewsCount: number }>('GET', `/profiles/${seller.id}`);
    expect((await profile()).body).toMatchObject({ sellerRating: null, sellerReviewsCount: 0 });

    const reviews = [];
    for (const [index, buyer] of buyers.entries()) {
      const review = await call<{ id: string; version: number; verifiedPurchase: boolean }>(
        'POST',
        `/listings/${listing.body.id}/reviews`,
        buyer,
        {
          rating: index === 0 ? 5 : 2,
          text: 'Honest review',
        },
      );
      expect(review.status).toBe(201);
      expect(review.body.verifiedPurchase).toBe(false);
      reviews.push(review.body);
    }

    // The review is a post of its author, naming the listing, once however often it changes.
    const posts = async (user: SignedInUser) =>
      (
        await call<{ items: { activity: string | null; item: { kind: string; id: string } | null }[] }>(
          'GET',
          `/profiles/${user.id}/posts`,
        )
      ).body.items.filter((post) => post.activity === 'review');
    for (const buyer of buyers) {
      await eventually(
        async () => ((await posts(buyer)).length === 1 ? true : undefined),
        15_000,
        'the review post',
      );
    }
    expect(await posts(buyers[0])).toEqual([
      expect.objectContaining({ item: { kind: 'listing', id: listing.body.id } }),
    ]);
    // social-service has both reviews, and neither is a verified purchase: the seller stays unrated (the rating
    // from issued orders' reviews is in e2e/verified-purchases.e2e-spec.ts).
    expect((await profile()).body).toMatchObject({ sellerRating: null, sellerReviewsCount: 0 });
    expect((await call('PATCH', `/reviews/${reviews[1].id}`, buyers[1], { rating: 4 })).status).toBe(200);
    expect(await posts(buyers[1])).toHaveLength(1);

    expect((await call('DELETE', `/reviews/${reviews[0].id}`, buyers[0])).status).toBe(204);
    await eventually(
      async () => ((await posts(buyers[0])).length === 0 ? true : undefined),
      15_000,
      'the review post gone',
    );
    expect((await profile()).body).toMatchObject({ sellerRating: null, sellerReviewsCount: 0 });
  });

  it('answered every request of this file without a 5xx', () => {
    expect(api.serverErrors()).toEqual([]);
  });
});
