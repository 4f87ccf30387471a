import type { EventEnvelope } from '@agora/contracts';
import { newId } from '@agora/database';
import { atOnce, copies, queryRows, tally } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TAG_CLOUD_SQL } from '../src/community/tag-cloud.repository.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Likes {
  kind: string;
  id: string;
  count: number;
  likedByMe: boolean;
}

interface Cloud {
  kind: string | null;
  window: string;
  since: string | null;
  tags: { id: string; name: string; uses: number; weight: number }[];
}

/** Users for the races: signed up once, in parallel. */
const RACERS = 8;

/**
 * Likes, the wishlist and "had it" lists, and the tag cloud on real PostgreSQL with tokens from a real
 * auth-service: like counts equal the like rows also when everyone likes and unlikes at once, and the tag
 * cloud's per-day counts equal the check-ins' tags after every kind of change.
 */
describe('catalog-service likes, lists and tag cloud', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let roaster: string;
  let tags: { cherry: string; cocoa: string; smoky: string };
  let racers: { id: string; accessToken: string }[];

  const coffee = async (name: string): Promise<string> => {
    const created = await catalog.call<{ id: string }>('POST', '/coffees', {
      body: { name, roasterId: roaster },
      token: platform.moderator,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  const checkIn = async (token: string, coffeeId: string, tagIds: string[] = []): Promise<string> => {
    const created = await catalog.call<{ id: string }>('POST', `/coffees/${coffeeId}/checkins`, {
      body: { rating: 4, tagIds },
      token,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  /** The like target's kept count and its like rows. */
  const stored = async (id: string) => {
    const [row] = await queryRows<{ kept: number | null; rows: number }>(
      adminUrl,
      `SELECT (SELECT like_count FROM catalog.like_targets WHERE id = $1) AS kept,
              (SELECT count(*)::int FROM catalog.likes WHERE target_id = $1) AS rows`,
      [id],
    );
    return row;
  };

  /** The tag cloud's aggregate against the same counted from the check-ins' tags, per kind, day and tag. */
  const cloudMatches = async () => {
    const kept = await queryRows<{ key: string; uses: number }>(
      adminUrl,
      `SELECT kind || ' ' || day || ' ' || tag_id AS key, uses FROM catalog.tag_uses WHERE uses <> 0 ORDER BY 1`,
    );
    const counted = await queryRows<{ key: string; uses: number }>(
      adminUrl,
      `SELECT CASE WHEN c.coffee_id IS NOT NULL THEN 'coffee' ELSE 'watch' END || ' '
              || (c.created_at AT TIME ZONE 'UTC')::date || ' ' || t.tag_id AS key, count(*)::int AS uses
         FROM catalog.checkin_tags t JOIN catalog.checkins c ON c.id = t.checkin_id GROUP BY 1 ORDER BY 1`,
    );
    expect(kept).toEqual(counted);
  };

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'likes');
    ({ catalog } = platform);
    roaster = await platform.dictionaryValue('roasters', 'Like Roasters');
    tags = {
      cherry: await platform.dictionaryValue('tags', 'likes cherry'),
      cocoa: await platform.dictionaryValue('tags', 'likes cocoa'),
      smoky: await platform.dictionaryValue('tags', 'likes smoky'),
    };
    racers = await Promise.all(Array.from({ length: RACERS }, (_, n) => platform.signedUp(`racer${n}`)));
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  it('likes and unlikes a check-in idempotently, lists who liked, and tells the owner through the outbox', async () => {
    const [ann, bob] = racers;
    const coffeeId = await coffee('Liked Kenya');
    const checkinId = await checkIn(ann.accessToken, coffeeId);

    const first = await catalog.call<Likes>('PUT', `/checkins/${checkinId}/like`, { token: bob.accessToken });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ kind: 'checkin', id: checkinId, count: 1, likedByMe: true });
    const again = await catalog.call<Likes>('PUT', `/checkins/${checkinId}/like`, { token: bob.accessToken });
    expect(again.body).toEqual(first.body);
    // The check-in's own answers show its likes, and the caller's.
    const seen = await catalog.call<{ likes: unknown }>('GET', `/checkins/${checkinId}`, {
      token: bob.accessToken,
    });
    expect(seen.body.likes).toEqual({ count: 1, likedByMe: true });
    const listedCheckins = await catalog.call<{ items: { likes: unknown }[] }>(
      'GET',
      `/coffees/${coffeeId}/checkins`,
      { token: ann.accessToken },
    );
    expect(listedCheckins.body.items.map((checkin) => checkin.likes)).toEqual([
      { count: 1, likedByMe: false },
    ]);

    const listed = await catalog.call<{ items: { userId: string }[]; likes: Likes }>(
      'GET',
      `/checkins/${checkinId}/likes`,
      { token: bob.accessToken },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((like) => like.userId)).toEqual([bob.id]);
    expect(listed.body.likes).toMatchObject({ count: 1, likedByMe: true });
    const anonymous = await catalog.call<{ likes: Likes }>('GET', `/checkins/${checkinId}/likes`);
    expect(anonymous.body.likes).toMatchObject({ count: 1, likedByMe: false });

    const unliked = await catalog.call<Likes>('DELETE', `/checkins/${checkinId}/like`, {
      token: bob.accessToken,
    });
    expect(unliked.body).toEqual({ kind: 'checkin', id: checkinId, count: 0, likedByMe: false });
    const unlikedAgain = await catalog.call<Likes>('DELETE', `/checkins/${checkinId}/like`, {
      token: bob.accessToken,
    });
    expect(unlikedAgain.body.count).toBe(0);
    expect(await stored(checkinId)).toEqual({ kept: 0, rows: 0 });

    // One event per change (none for the repeated ones), naming the check-in's author to notify.
    const likeEvents = (await platform.events(checkinId)).filter((event) =>
      event.topic.startsWith('catalog.like'),
    );
    expect(likeEvents).toEqual([
      {
        topic: 'catalog.like.added.v1',
        payload: expect.objectContaining({
          targetKind: 'checkin',
          targetId: checkinId,
          userId: bob.id,
          ownerId: ann.id,
          likeCount: 1,
        }) as object,
      },
      {
        topic: 'catalog.like.removed.v1',
        payload: expect.objectContaining({ userId: bob.id, ownerId: ann.id, likeCount: 0 }) as object,
      },
    ]);
  });

  it('likes comments, coffees and listings; refuses deleted, unknown and unpublished things with their codes', async () => {
    const [ann, bob] = racers;
    const coffeeId = await coffee('Liked Ethiopia');
    const checkinId = await checkIn(ann.accessToken, coffeeId);
    const comment = await catalog.call<{ id: string }>('POST', `/checkins/${checkinId}/comments`, {
      body: { text: 'Nice' },
      token: bob.accessToken,
    });
    for (const path of [`/comments/${comment.body.id}`, `/coffees/${coffeeId}`]) {
      const liked = await catalog.call<Likes>('PUT', `${path}/like`, { token: ann.accessToken });
      expect(liked.status, `${path}: ${JSON.stringify(liked.body)}`).toBe(200);
      expect(liked.body).toMatchObject({ count: 1, likedByMe: true });
    }
    const comments = await catalog.call<{ items: { likes: unknown }[] }>(
      'GET',
      `/checkins/${checkinId}/comments`,
      {
        token: ann.accessToken,
      },
    );
    expect(comments.body.items.map((listed) => listed.likes)).toEqual([{ count: 1, likedByMe: true }]);
    const anonymousComments = await catalog.call<{ items: { likes: unknown }[] }>(
      'GET',
      `/checkins/${checkinId}/comments`,
    );
    expect(anonymousComments.body.items.map((listed) => listed.likes)).toEqual([
      { count: 1, likedByMe: false },
    ]);
    const [listing, draft] = [newId(), newId()];
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.listings (id, seller_id, title, price, currency, status, published_at)
       VALUES ($1, $3, 'Grinder', 100, 'RUB', 'active', now()), ($2, $3, 'Kettle', 100, 'RUB', 'draft', NULL)`,
      [listing, draft, bob.id],
    );
    const likedListing = await catalog.call<Likes>('PUT', `/listings/${listing}/like`, {
      token: ann.accessToken,
    });
    expect(likedListing.body).toMatchObject({ kind: 'listing', count: 1 });
    expect((await platform.events(listing)).at(-1)?.payload).toMatchObject({ ownerId: bob.id });
    // The items' and listings' own answers show their likes, and the caller's.
    for (const path of [`/coffees/${coffeeId}`, `/listings/${listing}`]) {
      const mine = await catalog.call<{ id: string; likes: unknown }>('GET', path, {
        token: ann.accessToken,
      });
      expect(mine.status, path).toBe(200);
      expect(mine.body.likes, path).toEqual({ count: 1, likedByMe: true });
      expect((await catalog.call<{ likes: unknown }>('GET', path)).body.likes).toEqual({
        count: 1,
        likedByMe: false,
      });
    }

    const refused = async (path: string, code: string) => {
      const reply = await catalog.call<{ code: string }>('PUT', `${path}/like`, { token: ann.accessToken });
      expect(reply.status, path).toBe(404);
      expect(reply.body.code, path).toBe(code);
    };
    await refused(`/listings/${draft}`, 'LISTING_NOT_FOUND');
    await refused(`/coffees/${newId()}`, 'COFFEE_NOT_FOUND');
    await refused(`/watches/${newId()}`, 'WATCH_NOT_FOUND');
    await refused(`/mechanisms/${newId()}`, 'MECHANISM_NOT_FOUND');
    expect(
      (await catalog.call('GET', `/listings/${draft}/likes`)).status,
      'an unpublished listing has no likes to list',
    ).toBe(404);

    // Deleting the check-in takes its comment's likes with it; liking it afterwards is a 404.
    expect((await catalog.call('DELETE', `/checkins/${checkinId}`, { token: ann.accessToken })).status).toBe(
      204,
    );
    expect(await stored(comment.body.id)).toEqual({ kept: null, rows: 0 });
    await refused(`/checkins/${checkinId}`, 'CHECKIN_NOT_FOUND');
    await refused(`/comments/${comment.body.id}`, 'COMMENT_NOT_FOUND');
    expect((await catalog.call('PUT', `/coffees/${coffeeId}/like`)).status, 'needs a token').toBe(401);
  });

  it('keeps the count equal to the rows when every user likes, and then likes or unlikes, at once', async () => {
    const coffeeId = await coffee('Raced Colombia');
    const liked = await atOnce(
      copies(RACERS, (n) =>
        catalog.call<Likes>('PUT', `/coffees/${coffeeId}/like`, { token: racers[n].accessToken }),
      ),
    );
    expect(tally(liked.map((reply) => reply.status))).toEqual({ 200: RACERS });
    expect(await stored(coffeeId)).toEqual({ kept: RACERS, rows: RACERS });
    // Every second user unlikes while the others like again, twice over, all at the same instant.
    const mixed = await atOnce(
      copies(RACERS * 2, (n) =>
        catalog.call<Likes>(n % 4 < 2 ? 'DELETE' : 'PUT', `/coffees/${coffeeId}/like`, {
          token: racers[n % RACERS].accessToken,
        }),
      ),
    );
    expect(tally(mixed.map((reply) => reply.status))).toEqual({ 200: RACERS * 2 });
    const after = await stored(coffeeId);
    expect(after.kept).toBe(after.rows);
    const events = (await platform.events(coffeeId)).filter((event) =>
      event.topic.startsWith('catalog.like'),
    );
    // Each event's count is the one before it plus or minus one: the changes went one at a time.
    let count = 0;
    for (const event of events) {
      count += event.topic === 'catalog.like.added.v1' ? 1 : -1;
      expect(event.payload.likeCount).toBe(count);
    }
    expect(count).toBe(after.rows);
  });

  it('keeps a wishlist by kind and date, idempotently; a check-in puts its coffee on the "had" list', async () => {
    const [, , carol] = racers;
    const first = await coffee('Wished Panama');
    const second = await coffee('Wished Brazil');
    const put = (list: string, kind: string, id: string) =>
      catalog.call<{ kind: string; item: { id: string; name: string }; addedAt: string }>(
        'PUT',
        `/me/${list}/${kind}/${id}`,
        { token: carol.accessToken },
      );
    const added = await put('wishlist', 'coffee', first);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({
      list: 'wishlist',
      kind: 'coffee',
      item: { id: first, name: 'Wished Panama' },
    });
    expect((await put('wishlist', 'coffee', first)).body.addedAt, 'the first date stays').toBe(
      added.body.addedAt,
    );
    const raced = await atOnce(copies(6, () => put('wishlist', 'coffee', second)));
    expect(tally(raced.map((reply) => reply.status))).toEqual({ 200: 6 });
    expect(new Set(raced.map((reply) => reply.body.addedAt)).size).toBe(1);

    const list = async (query = '') =>
      (
        await catalog.call<{ items: { item: { id: string } }[] }>('GET', `/me/wishlist${query}`, {
          token: carol.accessToken,
        })
      ).body.items.map((entry) => entry.item.id);
    expect(await list()).toEqual([second, first]);
    expect(await list('?sort=createdAt')).toEqual([first, second]);
    expect(await list('?filter[kind]=watch')).toEqual([]);
    expect(await list('?filter[kind]=coffee')).toEqual([second, first]);

    const missing = await put('wishlist', 'mechanism', newId());
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'MECHANISM_NOT_FOUND' });
    expect((await put('wishlist', 'listing', first)).status, 'listings are favourites').toBe(400);
    expect(
      (await catalog.call('DELETE', `/me/wishlist/coffee/${first}`, { token: carol.accessToken })).status,
    ).toBe(204);
    expect(
      (await catalog.call('DELETE', `/me/wishlist/coffee/${first}`, { token: carol.accessToken })).status,
    ).toBe(204);
    expect(await list()).toEqual([second]);

    await checkIn(carol.accessToken, first);
    await checkIn(carol.accessToken, first);
    const had = await catalog.call<{ items: { kind: string; item: { id: string } }[] }>('GET', '/me/had', {
      token: carol.accessToken,
    });
    expect(had.body.items.map((entry) => [entry.kind, entry.item.id])).toEqual([['coffee', first]]);
    expect((await catalog.call('GET', '/me/had')).status).toBe(401);
  });

  it('counts tags per kind and day through check-in writes, edits, deletions, item deletions and merges', async () => {
    const [ann, bob] = racers;
    const coffeeId = await coffee('Tagged Rwanda');
    const doomed = await coffee('Tagged Burundi');
    const one = await checkIn(ann.accessToken, coffeeId, [tags.cherry, tags.cocoa]);
    await checkIn(bob.accessToken, coffeeId, [tags.cherry]);
    await checkIn(bob.accessToken, doomed, [tags.smoky, tags.cherry]);
    await cloudMatches();

    // A check-in of two years ago counts in `all` only.
    const old = newId();
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.checkins (id, created_at, updated_at, coffee_id, author_id, rating_quarters, counted)
       VALUES ($1, now() - interval '2 years', now(), $2, $3, 12, false)`,
      [old, coffeeId, ann.id],
    );
    await queryRows(adminUrl, `INSERT INTO catalog.checkin_tags (checkin_id, tag_id) VALUES ($1, $2)`, [
      old,
      tags.smoky,
    ]);

    const cloud = async (query: string) => {
      const reply = await catalog.call<Cloud>('GET', `/tags/cloud?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return Object.fromEntries(
        reply.body.tags.filter((tag) => tag.name.startsWith('likes ')).map((tag) => [tag.name, tag.uses]),
      );
    };
    expect(await cloud('kind=coffee&window=7d')).toEqual({
      'likes cherry': 3,
      'likes cocoa': 1,
      'likes smoky': 1,
    });
    expect(await cloud('kind=coffee&window=all')).toEqual({
      'likes cherry': 3,
      'likes cocoa': 1,
      'likes smoky': 2,
    });
    expect(await cloud('kind=watch')).toEqual({});

    const edited = await catalog.call('PATCH', `/checkins/${one}`, {
      body: { tagIds: [tags.smoky] },
      token: ann.accessToken,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await cloudMatches();
    expect((await catalog.call('DELETE', `/coffees/${doomed}`, { token: platform.moderator })).status).toBe(
      204,
    );
    await cloudMatches();
    expect(await cloud('window=30d')).toEqual({ 'likes cherry': 1, 'likes smoky': 1 });

    // Merging a tag into another moves its uses.
    expect(
      (
        await catalog.call('DELETE', `/dictionaries/tags/${tags.cherry}?replaceWith=${tags.smoky}`, {
          token: platform.moderator,
        })
      ).status,
    ).toBe(204);
    await cloudMatches();
    expect(await cloud('window=365d')).toEqual({ 'likes smoky': 2 });

    const weighted = await catalog.call<Cloud>('GET', '/tags/cloud?window=all&limit=1');
    expect(weighted.body.tags).toHaveLength(1);
    expect(weighted.body.tags[0].weight).toBe(1);
    for (const query of ['window=2d', 'kind=mechanism', 'limit=0', 'limit=abc']) {
      const bad = await catalog.call<{ code: string }>('GET', `/tags/cloud?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it("drops a deleted user's likes (their counts with them) and lists, once however often told", async () => {
    const leaver = await platform.signedUp('leaver');
    const [ann] = racers;
    const coffeeId = await coffee('Left Yemen');
    for (const user of [leaver, ann]) {
      expect(
        (await catalog.call('PUT', `/coffees/${coffeeId}/like`, { token: user.accessToken })).status,
      ).toBe(200);
    }
    expect(
      (await catalog.call('PUT', `/me/wishlist/coffee/${coffeeId}`, { token: leaver.accessToken })).status,
    ).toBe(200);
    const event: EventEnvelope<'auth.user.deleted.v1'> = {
      id: newId(),
      topic: 'auth.user.deleted.v1',
      key: leaver.id,
      occurredAt: new Date().toISOString(),
      payload: { userId: leaver.id, reason: 'deleted-by-user', deletedAt: new Date().toISOString() },
    };
    await platform.deliver(event, event);
    expect(await stored(coffeeId)).toEqual({ kept: 1, rows: 1 });
    const left = await queryRows<{ n: number }>(
      adminUrl,
      `SELECT count(*)::int AS n FROM catalog.user_items WHERE user_id = $1`,
      [leaver.id],
    );
    expect(left[0].n).toBe(0);
    expect(platform.deadLetters()).toEqual([]);
  });

  it('keeps the tag counts when check-ins on many coffees swap their tags at the same instant', async () => {
    const coffees = await Promise.all(Array.from({ length: RACERS }, (_, n) => coffee(`Swapped ${n}`)));
    const checkins = await Promise.all(
      coffees.map((coffeeId, n) =>
        checkIn(racers[n].accessToken, coffeeId, n % 2 === 0 ? [tags.cocoa] : [tags.smoky]),
      ),
    );
    for (let round = 0; round < 3; round += 1) {
      const swapped = await atOnce(
        copies(RACERS, (n) =>
          catalog.call('PATCH', `/checkins/${checkins[n]}`, {
            body: { tagIds: (n + round) % 2 === 0 ? [tags.smoky, tags.cocoa] : [tags.cocoa] },
            token: racers[n].accessToken,
          }),
        ),
      );
      expect(tally(swapped.map((reply) => reply.status))).toEqual({ 200: RACERS });
      await cloudMatches();
    }
    const created = await atOnce(
      copies(RACERS, (n) =>
        catalog.call('POST', `/coffees/${coffees[n]}/checkins`, {
          body: { rating: 2, tagIds: n % 2 === 0 ? [tags.cocoa, tags.smoky] : [tags.smoky, tags.cocoa] },
          token: racers[(n + 1) % RACERS].accessToken,
        }),
      ),
    );
    expect(tally(created.map((reply) => reply.status))).toEqual({ 201: RACERS });
    await cloudMatches();
  });

  it('answers the cloud from the per-day counts, never reading the check-ins', async () => {
    const rows = await queryRows<{ 'QUERY PLAN': string }>(adminUrl, `EXPLAIN ${TAG_CLOUD_SQL}`, [
      ['coffee'],
      '2026-01-01',
      30,
    ]);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/tag_uses/);
    expect(plan).not.toMatch(/checkins|checkin_tags/);
  });
});
