import { atOnce, copies, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Likes {
  kind: string;
  id: string;
  count: number;
  likedByMe: boolean;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Entry {
  list: string;
  kind: string;
  item: { id: string; name: string };
  addedAt: string;
}

interface Cloud {
  kind: string | null;
  window: string;
  since: string | null;
  tags: { id: string; name: string; uses: number; weight: number }[];
}

const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';
/** Users liking at the same instant. */
const RACERS = 6;

/**
 * Likes, the wishlist and "had it" lists and the tag cloud through `npm start`'s gateway (issue 17): like and
 * unlike check-ins, comments, coffees and watches idempotently with the count in the answer, races of every
 * user at once, the events for the owner in catalog's outbox, the lists with their list query, and the cloud
 * by kind and window.
 */
describe('likes, lists and the tag cloud through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let moderator: SignedInUser;
  let racers: SignedInUser[];
  let roaster: string;
  let brand: string;
  let tags: { fruity: string; nutty: string };
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const coffee = async (name: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/coffees', moderator, { name, roasterId: roaster });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  const checkIn = async (user: SignedInUser, path: string, tagIds: string[] = []): Promise<string> => {
    const created = await call<{ id: string }>('POST', `${path}/checkins`, user, { rating: 3.75, tagIds });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  /** The kept count and the like rows of a thing. */
  const stored = async (id: string) =>
    (
      await query<{ kept: number | null; rows: number }>(
        `SELECT (SELECT like_count FROM catalog.like_targets WHERE id = $1) AS kept,
                (SELECT count(*)::int FROM catalog.likes WHERE target_id = $1) AS rows`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'likes', {
      env: { ...adminEnv(inbox), REGISTRATION_MAX_PER_IP: '100' },
    });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    await users.admin();
    moderator = await users.withRole('lk_moda', 'moderator');
    racers = [];
    for (let n = 0; n < RACERS; n += 1) {
      racers.push(await users.withRole(`lk_user${n}`));
    }
    const value = async (kind: string, name: string) => {
      const created = await call<{ id: string }>('POST', `/dictionaries/${kind}`, moderator, { name });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id;
    };
    roaster = await value('roasters', 'Like Roasters');
    brand = await value('brands', 'Raketa');
    tags = { fruity: await value('tags', 'fruity'), nutty: await value('tags', 'nutty') };
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('likes a check-in, its comment, a coffee and a watch idempotently and lists who liked', async () => {
    const [ann, bob] = racers;
    const coffeeId = await coffee('Gateway Kenya');
    const watch = await call<{ id: string }>('POST', '/watches', moderator, {
      name: 'Raketa Copernicus',
      folder: 'raketa-copernicus',
      brandId: brand,
    });
    expect(watch.status, JSON.stringify(watch.body)).toBe(201);
    const checkinId = await checkIn(ann, `/coffees/${coffeeId}`);
    const comment = await call<{ id: string }>('POST', `/checkins/${checkinId}/comments`, bob, {
      text: 'Yum',
    });
    expect(comment.status).toBe(201);

    for (const [path, kind] of [
      [`/checkins/${checkinId}`, 'checkin'],
      [`/comments/${comment.body.id}`, 'comment'],
      [`/coffees/${coffeeId}`, 'coffee'],
      [`/watches/${watch.body.id}`, 'watch'],
    ] as const) {
      for (let again = 0; again < 2; again += 1) {
        const liked = await call<Likes>('PUT', `${path}/like`, bob);
        expect(liked.status, `${path}: ${JSON.stringify(liked.body)}`).toBe(200);
        expect(liked.body).toMatchObject({ kind, count: 1, likedByMe: true });
      }
      const listed = await call<Page<{ userId: string; likedAt: string }> & { likes: Likes }>(
        'GET',
        `${path}/likes`,
        ann,
      );
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((like) => like.userId)).toEqual([bob.id]);
      expect(listed.body.likes).toMatchObject({ count: 1, likedByMe: false });
    }
    const unliked = await call<Likes>('DELETE', `/checkins/${checkinId}/like`, bob);
    expect(unliked.body).toMatchObject({ count: 0, likedByMe: false });
    expect((await call<Likes>('DELETE', `/checkins/${checkinId}/like`, bob)).body.count).toBe(0);

    const events = await query<{ topic: string; payload: Record<string, unknown> }>(
      `SELECT topic, payload FROM catalog.outbox WHERE key = $1 AND topic LIKE 'catalog.like.%' ORDER BY id`,
      [checkinId],
    );
    expect(events.map((event) => [event.topic, event.payload.ownerId, event.payload.likeCount])).toEqual([
      ['catalog.like.added.v1', ann.id, 1],
      ['catalog.like.removed.v1', ann.id, 0],
    ]);

    // Gone things cannot be liked: 404 problems with their codes.
    expect((await call('DELETE', `/checkins/${checkinId}`, ann)).status).toBe(204);
    expectProblem(await call('PUT', `/checkins/${checkinId}/like`, bob), 404, 'CHECKIN_NOT_FOUND');
    expectProblem(await call('PUT', `/comments/${comment.body.id}/like`, bob), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await call('GET', `/checkins/${checkinId}/likes`), 404, 'CHECKIN_NOT_FOUND');
    expectProblem(await call('PUT', `/mechanisms/${NOBODY}/like`, bob), 404, 'MECHANISM_NOT_FOUND');
    expectProblem(await call('PUT', `/listings/${NOBODY}/like`, bob), 404, 'LISTING_NOT_FOUND');
    expectProblem(await call('PUT', `/coffees/not-a-uuid/like`, bob), 400, 'VALIDATION_FAILED');
    expectProblem(await call('PUT', `/coffees/${coffeeId}/like`), 401);
  });

  it('keeps the like count equal to the rows when every user likes and unlikes at the same instant', async () => {
    const coffeeId = await coffee('Gateway Race');
    const liked = await atOnce(
      copies(RACERS, (n) => call<Likes>('PUT', `/coffees/${coffeeId}/like`, racers[n])),
    );
    expect(tally(liked.map((answer) => answer.status))).toEqual({ 200: RACERS });
    expect(await stored(coffeeId)).toEqual({ kept: RACERS, rows: RACERS });
    const mixed = await atOnce(
      copies(RACERS * 2, (n) =>
        call<Likes>(n % 2 === 0 ? 'DELETE' : 'PUT', `/coffees/${coffeeId}/like`, racers[n % RACERS]),
      ),
    );
    expect(tally(mixed.map((answer) => answer.status))).toEqual({ 200: RACERS * 2 });
    const after = await stored(coffeeId);
    expect(after.kept).toBe(after.rows);
    const counted = await call<{ likes: Likes }>('GET', `/coffees/${coffeeId}/likes`);
    expect(counted.body.likes.count).toBe(after.rows);
  });

  it('keeps the wishlist and the "had it" list with the list query; a check-in marks its coffee had', async () => {
    const [, , carol] = racers;
    const panama = await coffee('Gateway Panama');
    const brazil = await coffee('Gateway Brazil');
    const put = (list: string, kind: string, id: string) =>
      call<Entry>('PUT', `/me/${list}/${kind}/${id}`, carol);
    expect((await put('wishlist', 'coffee', panama)).body).toMatchObject({
      list: 'wishlist',
      kind: 'coffee',
      item: { id: panama, name: 'Gateway Panama' },
    });
    const raced = await atOnce(copies(4, () => put('wishlist', 'coffee', brazil)));
    expect(tally(raced.map((answer) => answer.status))).toEqual({ 200: 4 });
    const wishlist = await call<Page<Entry>>('GET', '/me/wishlist?filter[kind]=coffee&sort=createdAt', carol);
    expect(wishlist.body.items.map((entry) => entry.item.id)).toEqual([panama, brazil]);
    expectProblem(await put('wishlist', 'product', NOBODY), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await put('wishlist', 'planet', panama), 400, 'VALIDATION_FAILED');
    expectProblem(await call('GET', '/me/wishlist'), 401);
    expect((await call('DELETE', `/me/wishlist/coffee/${panama}`, carol)).status).toBe(204);

    await checkIn(carol, `/coffees/${brazil}`);
    const had = await call<Page<Entry>>('GET', '/me/had', carol);
    expect(had.body.items.map((entry) => [entry.kind, entry.item.id])).toEqual([['coffee', brazil]]);
    expect((await call('DELETE', `/me/had/coffee/${brazil}`, carol)).status).toBe(204);
    expect((await call<Page<Entry>>('GET', '/me/had', carol)).body.items).toEqual([]);
  });

  it('weighs flavour tags by use over check-ins per kind and window', async () => {
    const [ann, bob] = racers;
    const coffeeId = await coffee('Gateway Cloud');
    await checkIn(ann, `/coffees/${coffeeId}`, [tags.fruity, tags.nutty]);
    await checkIn(bob, `/coffees/${coffeeId}`, [tags.fruity]);
    const cloud = await call<Cloud>('GET', '/tags/cloud?kind=coffee&window=30d');
    expect(cloud.status, JSON.stringify(cloud.body)).toBe(200);
    expect(cloud.body).toMatchObject({ kind: 'coffee', window: '30d' });
    expect(cloud.body.tags.map((tag) => [tag.name, tag.uses, tag.weight])).toEqual([
      ['fruity', 2, 1],
      ['nutty', 1, 0.5],
    ]);
    expect((await call<Cloud>('GET', '/tags/cloud?kind=watch')).body.tags).toEqual([]);
    expect((await call<Cloud>('GET', '/tags/cloud')).body).toMatchObject({ kind: null, window: '30d' });
    expectProblem(await call('GET', '/tags/cloud?window=1y'), 400, 'VALIDATION_FAILED');
  });
});
