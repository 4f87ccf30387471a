import {
  atOnce,
  copies,
  eventually,
  png,
  queryRows,
  startSmtpInbox,
  tally,
  uploadImage,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi, type Answer } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Rating {
  count: number;
  average: number | null;
  distribution: { stars: number; count: number }[];
}

interface Checkin {
  id: string;
  version: number;
  item: { kind: string; id: string; rating: Rating };
  authorId: string;
  rating: number;
  counted: boolean;
  text: string | null;
  tags: { id: string; name: string }[];
  serving: string | null;
  locationId: string | null;
  venue: string | null;
  photos: { mediaId: string; position: number }[];
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Comment {
  id: string;
  checkinId: string;
  authorId: string;
  text: string;
}

interface TopList {
  kind: string;
  prior: number | null;
  weight: number;
  items: { rank: number; id: string; name: string; score: number; rating: Rating }[];
}

/** Two decimals, as the answers show averages and scores. */
const roundTo2 = (value: number): number => Math.round(value * 100) / 100;

/** Users per half star (0.5 ★ first) of counted ratings in quarter stars; a quarter counts in the half star above. */
const aggregateOf = (quarters: readonly number[]) => {
  const distribution = Array.from({ length: 10 }, () => 0);
  for (const rating of quarters) {
    distribution[Math.ceil(rating / 2) - 1] += 1;
  }
  return {
    count: quarters.length,
    sumQuarters: quarters.reduce((sum, rating) => sum + rating, 0),
    distribution,
  };
};

const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';
/** RATING_MIN_COUNT for this platform: the average shows from three ratings. */
const MIN_COUNT = 3;

/**
 * Check-ins and ratings through `npm start`'s gateway (issue 17): check-ins on coffees and wrist checks on
 * watches with quarter-star ratings, flavour tags, serving, venue and the author's own photos; the item's
 * rating (each user's latest counts) in its own answer and the check-in's; top lists by Bayesian average;
 * comments under check-ins; events in catalog's outbox; races and hostile input.
 */
describe('check-ins and ratings through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let moderator: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let roaster: string;
  let brand: string;
  let bergamot: string;
  let location: string;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  /** Each upload a different image: media-service answers a repeated one with the media it has. */
  let shade = 0;
  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const coffee = async (name: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/coffees', moderator, { name, roasterId: roaster });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  const watch = async (name: string): Promise<string> => {
    const created = await call<{ id: string }>('POST', '/watches', moderator, {
      name,
      folder: name.toLowerCase().replace(/\W+/g, '-'),
      brandId: brand,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  /** A photo the user uploads to media-service, once catalog-service has learnt who owns it. */
  const photo = async (user: SignedInUser): Promise<string> => {
    const uploaded = await uploadImage<{ id: string }>(
      `${platform.gatewayUrl}/api`,
      user.token,
      await png(64, 48, (shade += 17) % 256),
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    await eventually(
      async () =>
        (await query(`SELECT 1 FROM catalog.media_owners WHERE media_id = $1`, [uploaded.body.id])).length >
          0 || undefined,
      20_000,
      'catalog to know the media',
    );
    return uploaded.body.id;
  };

  const checkIn = (user: SignedInUser | undefined, path: string, body: unknown) =>
    call<Checkin>('POST', `${path}/checkins`, user, body);

  /** The coffee's aggregate columns and a recomputation from its check-ins (each author's latest). */
  const aggregates = async (coffeeId: string) => {
    const [row] = await query<{ count: number; sum: number; distribution: number[] }>(
      `SELECT rating_count AS count, rating_sum AS sum, rating_distribution AS distribution
         FROM catalog.coffees WHERE id = $1`,
      [coffeeId],
    );
    const latest = await query<{ rating: number }>(
      `SELECT DISTINCT ON (author_id) rating_quarters AS rating FROM catalog.checkins
        WHERE coffee_id = $1 ORDER BY author_id, created_at DESC, id DESC`,
      [coffeeId],
    );
    return {
      kept: { count: row.count, sumQuarters: row.sum, distribution: row.distribution },
      recomputed: aggregateOf(latest.map(({ rating }) => rating)),
    };
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'checkins', {
      env: { ...adminEnv(inbox), RATING_MIN_COUNT: String(MIN_COUNT), REGISTRATION_MAX_PER_IP: '100' },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    const admin = await users.admin();
    moderator = await users.withRole('ci_moda', 'moderator');
    ann = await users.withRole('ci_ann');
    bob = await users.withRole('ci_bob');
    const value = async (kind: string, name: string) => {
      const created = await call<{ id: string }>('POST', `/dictionaries/${kind}`, moderator, { name });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id;
    };
    roaster = await value('roasters', 'Check-in Roasters');
    brand = await value('brands', 'Vostok');
    bergamot = await value('tags', 'bergamot');
    const hours = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        [{ opens: '08:00', closes: '22:00' }],
      ]),
    );
    const shop = await call<{ id: string }>('POST', '/info/locations', admin, {
      name: 'Agora Coffee Pokrovka',
      address: 'Pokrovka St, 1',
      city: 'Moscow',
      countryCode: 'RU',
      latitude: 55.7586,
      longitude: 37.6476,
      timeZone: 'Europe/Moscow',
      openingHours: hours,
    });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    location = shop.body.id;
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('checks in on a coffee with tags, serving, a shop location and own photos; the coffee answers its rating', async () => {
    const id = await coffee('Kenya Kiambu AA');
    const [first, second] = [await photo(ann), await photo(ann)];
    const created = await checkIn(ann, `/coffees/${id}`, {
      rating: 4.75,
      text: 'Blackcurrant,\u202e tomato leaf',
      tagIds: [bergamot],
      serving: 'aeropress',
      locationId: location,
      photoIds: [second, first],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      rating: 4.75,
      counted: true,
      text: 'Blackcurrant, tomato leaf',
      tags: [{ id: bergamot, name: 'bergamot' }],
      serving: 'aeropress',
      locationId: location,
      venue: 'Agora Coffee Pokrovka',
      photos: [
        { mediaId: second, position: 0 },
        { mediaId: first, position: 1 },
      ],
      item: { kind: 'coffee', id, rating: { count: 1, average: null } },
    });
    const card = await call<{ rating: Rating }>('GET', `/coffees/${id}`);
    expect(card.body.rating).toEqual(created.body.item.rating);
    // The singular route of seed 001 answers the same.
    expect((await call<{ rating: Rating }>('GET', `/coffee/${id}`)).body.rating).toEqual(card.body.rating);

    // The average shows from RATING_MIN_COUNT users: 4.75, 3 and 4.25 → 12 / 3 = 4.
    await checkIn(bob, `/coffees/${id}`, { rating: 3, venue: 'At home' });
    const third = await checkIn(moderator, `/coffees/${id}`, { rating: 4.25 });
    expect(third.body.item.rating).toMatchObject({ count: 3, average: 4 });
    expect((await call<{ rating: Rating }>('GET', `/coffees/${id}`)).body.rating).toEqual({
      count: 3,
      average: 4,
      distribution: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((stars) => ({
        stars,
        count: stars === 3 || stars === 4.5 || stars === 5 ? 1 : 0,
      })),
    });

    const events = await query<{ topic: string; payload: Record<string, unknown> }>(
      `SELECT topic, payload FROM catalog.outbox WHERE key = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(events.map((event) => event.topic)).toEqual(['catalog.checkin.created.v1']);
    expect(events[0]).toMatchObject({
      payload: {
        checkinId: created.body.id,
        itemKind: 'coffee',
        itemId: id,
        authorId: ann.id,
        ratingQuarters: 19,
        counted: true,
        tagIds: [bergamot],
        mediaIds: [second, first],
        itemRating: { count: 1, sumQuarters: 19, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
      },
    });
    // media-service hears the photos are shown, so its orphan sweep keeps them.
    await eventually(
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM media.media WHERE id = ANY($1) AND attached_at IS NOT NULL`,
            [[first, second]],
          )
        )[0].n === 2 || undefined,
      20_000,
      'media-service to hear of the check-in',
    );
  });

  it('takes wrist checks on watches, without a serving', async () => {
    const id = await watch('Vostok Amphibia 420059');
    const created = await checkIn(bob, `/watches/${id}`, { rating: 5, venue: 'On the wrist, at sea' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      item: { kind: 'watch', id, rating: { count: 1 } },
      venue: 'On the wrist, at sea',
    });
    expect((await call<{ rating: Rating }>('GET', `/watches/${id}`)).body.rating.count).toBe(1);
    expectProblem(
      await checkIn(bob, `/watches/${id}`, { rating: 5, serving: 'espresso' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await checkIn(bob, `/watches/${NOBODY}`, { rating: 5 }), 404, 'WATCH_NOT_FOUND');
    const list = await call<Page<Checkin>>('GET', `/watches/${id}/checkins`);
    expect(list.body.items.map((checkin) => checkin.id)).toEqual([created.body.id]);
  });

  it("counts each user's latest check-in; edits (If-Match) and deletes keep the rating right", async () => {
    const id = await coffee('Ethiopia Guji');
    const older = await checkIn(ann, `/coffees/${id}`, { rating: 2 });
    const newer = await checkIn(ann, `/coffees/${id}`, { rating: 4 });
    expect(newer.body.item.rating.count).toBe(1);
    expect((await call<Checkin>('GET', `/checkins/${older.body.id}`)).body.counted).toBe(false);

    expectProblem(
      await call('PATCH', `/checkins/${newer.body.id}`, ann, { rating: 5 }, { 'if-match': '"7"' }),
      412,
      'PRECONDITION_FAILED',
    );
    const edited = await call<Checkin>(
      'PATCH',
      `/checkins/${newer.body.id}`,
      ann,
      { rating: 5, text: null },
      {
        'if-match': newer.etag!,
      },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.etag).toBe('"2"');
    expect(edited.body.item.rating.distribution[9].count).toBe(1);
    expectProblem(
      await call('PATCH', `/checkins/${newer.body.id}`, bob, { rating: 1 }),
      403,
      'NOT_YOUR_CHECKIN',
    );
    expectProblem(
      await call('PATCH', `/checkins/${newer.body.id}`, ann, { rating: null }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await call('DELETE', `/checkins/${newer.body.id}`, bob), 403, 'NOT_YOUR_CHECKIN');

    expect((await call('DELETE', `/checkins/${newer.body.id}`, ann)).status).toBe(204);
    expectProblem(await call('GET', `/checkins/${newer.body.id}`), 404, 'CHECKIN_NOT_FOUND');
    // The older check-in counts again.
    const card = await call<{ rating: Rating }>('GET', `/coffees/${id}`);
    expect(card.body.rating.count).toBe(1);
    expect(card.body.rating.distribution[3].count).toBe(1);
    const { kept, recomputed } = await aggregates(id);
    expect(kept).toEqual(recomputed);
    const topics = await query<{ topic: string }>(
      `SELECT topic FROM catalog.outbox WHERE key = $1 ORDER BY id`,
      [newer.body.id],
    );
    expect(topics.map((row) => row.topic)).toEqual([
      'catalog.checkin.created.v1',
      'catalog.checkin.updated.v1',
      'catalog.checkin.deleted.v1',
    ]);
  });

  it('keeps the rating equal to a recomputation when check-ins, edits and deletes of many users race', async () => {
    const id = await coffee('Race Burundi Kayanza');
    const racers = await Promise.all(
      copies(8, (index) => users.withRole(`ci_racer${index}`)).map((run) => run()),
    );
    const before = await Promise.all(
      racers.map((racer, index) => checkIn(racer, `/coffees/${id}`, { rating: 1 + index / 4 })),
    );
    const answers = await atOnce<Answer<unknown>>(
      racers.flatMap((racer, index) => [
        () => checkIn(racer, `/coffees/${id}`, { rating: 5 - index / 4 }),
        () => checkIn(racer, `/coffees/${id}`, { rating: 0.25 + index / 2 }),
        index % 2 === 0
          ? () => call('PATCH', `/checkins/${before[index].body.id}`, racer, { rating: 3.5 })
          : () => call('DELETE', `/checkins/${before[index].body.id}`, racer),
      ]),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 4, 201: 16, 204: 4 });
    const { kept, recomputed } = await aggregates(id);
    expect(kept).toEqual(recomputed);
    expect(kept.count).toBe(8);
    const counted = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.checkins WHERE coffee_id = $1 AND counted`,
      [id],
    );
    expect(counted[0].n).toBe(8);
    expect((await call<{ rating: Rating }>('GET', `/coffees/${id}`)).body.rating.count).toBe(8);
  });

  it('refuses bad input with a code each, and check-ins on what is deleted or not approved', async () => {
    const id = await coffee('Refusal Colombia');
    const bobsPhoto = await photo(bob);
    const refusals: [unknown, number, string][] = [
      [{ rating: 0.3 }, 400, 'VALIDATION_FAILED'],
      [{ rating: 6 }, 400, 'VALIDATION_FAILED'],
      [{ rating: 0 }, 400, 'VALIDATION_FAILED'],
      [{ rating: 'five' }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, tagIds: [NOBODY] }, 400, 'UNKNOWN_DICTIONARY_VALUE'],
      [{ rating: 4, tagIds: [roaster] }, 400, 'UNKNOWN_DICTIONARY_VALUE'],
      [{ rating: 4, tagIds: ['bergamot'] }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, photoIds: [bobsPhoto] }, 403, 'NOT_YOUR_MEDIA'],
      [{ rating: 4, photoIds: [NOBODY] }, 404, 'MEDIA_NOT_FOUND'],
      [{ rating: 4, photoIds: [NOBODY, NOBODY] }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, serving: 'drip-feed' }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, locationId: NOBODY }, 400, 'UNKNOWN_LOCATION'],
      [{ rating: 4, locationId: location, venue: 'Home' }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, text: 'é'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [{ rating: 4, text: 'nul\u0000' }, 400, 'INVALID_CHARACTERS'],
      ['{"rating": 4', 400, 'MALFORMED_JSON'],
    ];
    for (const [body, status, code] of refusals) {
      expectProblem(await checkIn(ann, `/coffees/${id}`, body), status, code);
    }
    expectProblem(await checkIn(undefined, `/coffees/${id}`, { rating: 4 }), 401);
    expectProblem(await call('GET', '/coffees/not-a-uuid/checkins'), 400, 'VALIDATION_FAILED');
    expect((await aggregates(id)).kept.count).toBe(0);

    // A coffee a user proposed is a draft until approved: nothing to check in on yet.
    const proposed = await call<{ id: string }>('POST', '/coffees', ann, {
      name: 'Proposed Panama',
      roasterId: roaster,
    });
    expect(proposed.status).toBe(202);
    expectProblem(await checkIn(ann, `/coffees/${proposed.body.id}`, { rating: 4 }), 404, 'COFFEE_NOT_FOUND');

    // A deleted coffee takes no check-ins, and its check-ins and their comments go with it.
    const kept = await checkIn(ann, `/coffees/${id}`, { rating: 4 });
    await call('POST', `/checkins/${kept.body.id}/comments`, bob, { text: 'Nice' });
    expect((await call('DELETE', `/coffees/${id}`, moderator)).status).toBe(204);
    expectProblem(await checkIn(ann, `/coffees/${id}`, { rating: 4 }), 404, 'COFFEE_NOT_FOUND');
    expectProblem(await call('GET', `/checkins/${kept.body.id}`), 404, 'CHECKIN_NOT_FOUND');
    expect(
      await query(`SELECT 1 FROM catalog.checkin_comments WHERE checkin_id = $1`, [kept.body.id]),
    ).toEqual([]);
  });

  it('pages comments under a check-in by cursor; their author or a moderator deletes them', async () => {
    const id = await coffee('Comment Costa Rica');
    const checkin = (await checkIn(ann, `/coffees/${id}`, { rating: 3.5 })).body;
    const written: Comment[] = [];
    for (const [index, user] of [bob, ann, bob, moderator, bob].entries()) {
      const comment = await call<Comment>('POST', `/checkins/${checkin.id}/comments`, user, {
        text: ` Comment ${index}\u202e `,
      });
      expect(comment.status, JSON.stringify(comment.body)).toBe(201);
      expect(comment.body.text).toBe(`Comment ${index}`);
      written.push(comment.body);
    }
    const first = await call<Page<Comment>>('GET', `/checkins/${checkin.id}/comments?limit=2`);
    expect(first.body.items.map((comment) => comment.text)).toEqual(['Comment 0', 'Comment 1']);
    const second = await call<Page<Comment>>(
      'GET',
      `/checkins/${checkin.id}/comments?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
    );
    expect(second.body.items.map((comment) => comment.text)).toEqual(['Comment 2', 'Comment 3']);

    expectProblem(await call('DELETE', `/comments/${written[0].id}`, ann), 403, 'NOT_YOUR_COMMENT');
    expect((await call('DELETE', `/comments/${written[0].id}`, bob)).status).toBe(204);
    expect((await call('DELETE', `/comments/${written[2].id}`, moderator)).status).toBe(204);
    expectProblem(await call('DELETE', `/comments/${written[2].id}`, moderator), 404, 'COMMENT_NOT_FOUND');
    const left = await call<Page<Comment>>('GET', `/checkins/${checkin.id}/comments`);
    expect(left.body.items.map((comment) => comment.text)).toEqual(['Comment 1', 'Comment 3', 'Comment 4']);

    expectProblem(
      await call('POST', `/checkins/${checkin.id}/comments`, bob, { text: ' \u200e ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', `/checkins/${NOBODY}/comments`, bob, { text: 'Hi' }),
      404,
      'CHECKIN_NOT_FOUND',
    );
    expectProblem(await call('GET', `/checkins/${NOBODY}/comments`), 404, 'CHECKIN_NOT_FOUND');
    expectProblem(await call('POST', `/checkins/${checkin.id}/comments`, undefined, { text: 'Hi' }), 401);
  });

  it('ranks top lists by Bayesian average with the kind’s mean as prior and RATING_MIN_COUNT as weight', async () => {
    const top = await call<TopList>('GET', '/coffees/top?limit=100');
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    const rated = await query<{ id: string; count: number; sumQuarters: number }>(
      `SELECT id::text, rating_count AS count, rating_sum AS "sumQuarters" FROM catalog.coffees WHERE rating_count > 0`,
    );
    // The documented formula: prior m = Σ stars / Σ count over the kind, score = (C·m + Σ stars) / (C + count).
    const prior =
      rated.reduce((sum, row) => sum + row.sumQuarters, 0) /
      4 /
      rated.reduce((sum, row) => sum + row.count, 0);
    expect(top.body.weight).toBe(MIN_COUNT);
    expect(top.body.prior).toBe(roundTo2(prior));
    const expected = rated
      .map((row) => ({
        id: row.id,
        score: (MIN_COUNT * prior + row.sumQuarters / 4) / (MIN_COUNT + row.count),
      }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    expect(top.body.items.map((item) => [item.rank, item.id, item.score])).toEqual(
      expected.map((item, index) => [index + 1, item.id, roundTo2(item.score)]),
    );
    expect((await call<TopList>('GET', '/coffees/top?limit=1')).body.items).toHaveLength(1);
    const watches = await call<TopList>('GET', '/watches/top');
    expect(watches.body).toMatchObject({ kind: 'watch', prior: 5, items: [{ rank: 1, score: 5 }] });
    expectProblem(await call('GET', '/coffees/top?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await call('GET', '/coffees/top?limit=101'), 400, 'VALIDATION_FAILED');
    expectProblem(await call('GET', '/coffees/top?sort=name'), 400, 'VALIDATION_FAILED');
  });
});
