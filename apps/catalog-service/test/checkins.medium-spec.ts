import type { EventEnvelope } from '@agora/contracts';
import { newId } from '@agora/database';
import { atOnce, copies, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aggregateOf, weightOf } from '../src/checkins/rating.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

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
  photos: { mediaId: string; position: number; urls: { thumb: string } }[];
}

/** The half-star counts of a rating, 0.5 ★ first. */
const counts = (rating: Rating) => rating.distribution.map((bucket) => bucket.count);

/**
 * Check-ins and their ratings on real PostgreSQL with tokens from a real auth-service: each user's latest
 * rating counts, the item's aggregate in its row follows every create, edit and delete (also when they race),
 * and every change leaves an event with the rating after it in the outbox.
 */
describe('catalog-service check-ins', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let roaster: string;
  let bergamot: string;
  let jasmine: string;
  let ann: { id: string; accessToken: string };
  let bob: { id: string; accessToken: string };

  const uploaded = async (ownerId: string): Promise<string> => {
    const mediaId = newId();
    const event: EventEnvelope<'media.media.uploaded.v1'> = {
      id: newId(),
      topic: 'media.media.uploaded.v1',
      key: mediaId,
      occurredAt: new Date().toISOString(),
      payload: {
        mediaId,
        ownerId,
        width: 800,
        height: 600,
        blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
        variants: [],
        uploadedAt: new Date().toISOString(),
      },
    };
    await platform.deliver(event);
    return mediaId;
  };

  const coffee = async (name: string): Promise<string> => {
    const created = await catalog.call<{ id: string }>('POST', '/coffees', {
      body: { name, roasterId: roaster },
      token: platform.moderator,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };

  const checkIn = (token: string, coffeeId: string, body: Record<string, unknown>) =>
    catalog.call<Checkin>('POST', `/coffees/${coffeeId}/checkins`, { body, token });

  /** The item's aggregate columns, and the same recomputed from its check-ins (each author's latest). */
  const stored = async (coffeeId: string) => {
    const [row] = await queryRows<{
      count: number;
      sum: number;
      distribution: number[];
      weight: number;
      weighted: number;
    }>(
      adminUrl,
      `SELECT rating_count AS count, rating_sum AS sum, rating_distribution AS distribution,
              rating_weight AS weight, rating_weighted_sum AS weighted
         FROM catalog.coffees WHERE id = $1`,
      [coffeeId],
    );
    const latest = await queryRows<{ rating: number; verified: boolean }>(
      adminUrl,
      `SELECT DISTINCT ON (author_id) rating_quarters AS rating, verified_purchase AS verified FROM catalog.checkins
        WHERE coffee_id = $1 ORDER BY author_id, created_at DESC, id DESC`,
      [coffeeId],
    );
    const counted = await queryRows<{ n: number }>(
      adminUrl,
      `SELECT count(*)::int AS n FROM catalog.checkins WHERE coffee_id = $1 AND counted`,
      [coffeeId],
    );
    return {
      kept: {
        count: row.count,
        sumQuarters: row.sum,
        distribution: row.distribution,
        weight: row.weight,
        weightedQuarters: row.weighted,
      },
      recomputed: aggregateOf(
        latest.map(({ rating, verified }) => ({ quarters: rating, weight: weightOf(verified) })),
      ),
      countedRows: counted[0].n,
    };
  };

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'checkin');
    ({ catalog } = platform);
    roaster = await platform.dictionaryValue('roasters', 'Check-in Roasters');
    bergamot = await platform.dictionaryValue('tags', 'bergamot');
    jasmine = await platform.dictionaryValue('tags', 'jasmine');
    [ann, bob] = await Promise.all([platform.signedUp('ann'), platform.signedUp('bob')]);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('checks in with a rating, tags, serving, a free-text venue and own photos; the coffee shows its rating', async () => {
    const id = await coffee('Kenya Kiambu');
    const photo = await uploaded(ann.id);
    const created = await checkIn(ann.accessToken, id, {
      rating: 4.25,
      text: '  Blackcurrant\u202e and\r\ntomato  ',
      tagIds: [jasmine, bergamot],
      serving: 'pour-over',
      venue: ' At home ',
      photoIds: [photo],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      version: 1,
      authorId: ann.id,
      rating: 4.25,
      counted: true,
      text: 'Blackcurrant and\ntomato',
      tags: [
        { id: bergamot, name: 'bergamot' },
        { id: jasmine, name: 'jasmine' },
      ],
      serving: 'pour-over',
      locationId: null,
      venue: 'At home',
      photos: [{ mediaId: photo, position: 0, urls: { thumb: `/api/media/${photo}/thumb.webp` } }],
      item: { kind: 'coffee', id, rating: { count: 1, average: null } },
    });
    // 4.25 falls in the 4.5 half star.
    expect(counts(created.body.item.rating)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);

    const card = await catalog.call<{ rating: Rating; version: number }>('GET', `/coffees/${id}`);
    expect(card.body.rating).toEqual(created.body.item.rating);
    // A rating is no edit of the card.
    expect(card.body.version).toBe(1);
    const read = await catalog.call<Checkin>('GET', `/checkins/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const page = await catalog.call<{ items: Checkin[] }>('GET', `/coffees/${id}/checkins`);
    expect(page.body.items).toEqual([created.body]);
  });

  it("counts each user's latest rating; editing and deleting keep the aggregate right", async () => {
    const id = await coffee('Rwanda Huye');
    const first = await checkIn(ann.accessToken, id, { rating: 3 });
    const second = await checkIn(ann.accessToken, id, { rating: 5 });
    const bobs = await checkIn(bob.accessToken, id, { rating: 2.5 });
    expect(bobs.body.item.rating).toMatchObject({ count: 2 });
    expect(counts(bobs.body.item.rating)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const firstNow = await catalog.call<Checkin>('GET', `/checkins/${first.body.id}`);
    expect(firstNow.body).toMatchObject({ counted: false, version: 1 });

    // Editing a check-in that no longer counts changes nothing in the aggregate.
    const edited = await catalog.call<Checkin>('PATCH', `/checkins/${first.body.id}`, {
      body: { rating: 1 },
      token: ann.accessToken,
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ rating: 1, version: 2, item: { rating: { count: 2 } } });
    expect(counts(edited.body.item.rating)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // Editing the counted one moves it.
    const moved = await catalog.call<Checkin>('PATCH', `/checkins/${second.body.id}`, {
      body: { rating: 4.75 },
      token: ann.accessToken,
    });
    expect(counts(moved.body.item.rating)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect((await stored(id)).kept.sumQuarters).toBe(19 + 10);
    // A stale If-Match is a 412.
    const stale = await catalog.call('PATCH', `/checkins/${second.body.id}`, {
      body: { rating: 4 },
      token: ann.accessToken,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);

    // Deleting the counted one lets the previous one (now 1 star) count again.
    const gone = await catalog.call('DELETE', `/checkins/${second.body.id}`, { token: ann.accessToken });
    expect(gone.status).toBe(204);
    expect((await catalog.call<Checkin>('GET', `/checkins/${first.body.id}`)).body.counted).toBe(true);
    const after = await stored(id);
    expect(after.kept).toEqual({
      count: 2,
      sumQuarters: 4 + 10,
      distribution: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
      weight: 2,
      weightedQuarters: 4 + 10,
    });
    expect(after.kept).toEqual(after.recomputed);

    // Only the author edits; the author or a moderator deletes.
    const foreign = await catalog.call('PATCH', `/checkins/${bobs.body.id}`, {
      body: { rating: 5 },
      token: ann.accessToken,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'NOT_YOUR_CHECKIN' });
    expect(
      (await catalog.call('DELETE', `/checkins/${bobs.body.id}`, { token: ann.accessToken })).status,
    ).toBe(403);
    expect(
      (await catalog.call('DELETE', `/checkins/${bobs.body.id}`, { token: platform.moderator })).status,
    ).toBe(204);
    expect((await stored(id)).kept).toEqual({
      count: 1,
      sumQuarters: 4,
      distribution: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      weight: 1,
      weightedQuarters: 4,
    });

    // Every change is in the outbox with the rating after it.
    const events = await platform.events(second.body.id);
    expect(events.map((event) => event.topic)).toEqual([
      'catalog.checkin.created.v1',
      'catalog.checkin.updated.v1',
      'catalog.checkin.deleted.v1',
    ]);
    expect(events[2].payload).toMatchObject({
      checkinId: second.body.id,
      itemKind: 'coffee',
      itemId: id,
      authorId: ann.id,
      deletedBy: ann.id,
      itemRating: { count: 2, sumQuarters: 14 },
    });
  });

  it('keeps the aggregate equal to a recomputation when check-ins, edits and deletes race on one coffee', async () => {
    const id = await coffee('Race Burundi');
    const users = await Promise.all(
      copies(6, (index) => platform.signedUp(`racer${index}`)).map((run) => run()),
    );
    // Each user has one check-in already, to edit or delete in the race.
    const existing = await Promise.all(
      users.map((user, index) => checkIn(user.accessToken, id, { rating: 1 + index / 2 })),
    );
    const answers = await atOnce<{ status: number }>(
      users.flatMap((user, index) => [
        () => checkIn(user.accessToken, id, { rating: 5 - index / 4 }),
        () => checkIn(user.accessToken, id, { rating: 0.25 + index / 4 }),
        index % 2 === 0
          ? () =>
              catalog.call('PATCH', `/checkins/${existing[index].body.id}`, {
                body: { rating: 3.75 },
                token: user.accessToken,
              })
          : () => catalog.call('DELETE', `/checkins/${existing[index].body.id}`, { token: user.accessToken }),
      ]),
    );
    expect(answers.map((answer) => answer.status).filter((status) => status >= 300)).toEqual([]);
    const { kept, recomputed, countedRows } = await stored(id);
    expect(kept).toEqual(recomputed);
    expect(kept.count).toBe(6);
    expect(countedRows).toBe(6);
  });

  it("writes comments racing each other and the check-in's deletion: each 201 or 404, none left behind", async () => {
    const id = await coffee('Comment race Peru');
    const checkin = (await checkIn(ann.accessToken, id, { rating: 4 })).body;
    const together = await atOnce<{ status: number }>(
      copies(8, (index) =>
        catalog.call('POST', `/checkins/${checkin.id}/comments`, {
          body: { text: `Same time ${index}` },
          token: bob.accessToken,
        }),
      ),
    );
    expect(together.map((answer) => answer.status)).toEqual(Array.from({ length: 8 }, () => 201));
    const racing = await atOnce<{ status: number }>([
      ...copies(8, (index) =>
        catalog.call('POST', `/checkins/${checkin.id}/comments`, {
          body: { text: `Racing ${index}` },
          token: bob.accessToken,
        }),
      ),
      () => catalog.call('DELETE', `/checkins/${checkin.id}`, { token: ann.accessToken }),
    ]);
    expect(racing.at(-1)!.status).toBe(204);
    expect(racing.slice(0, -1).filter((answer) => answer.status !== 201 && answer.status !== 404)).toEqual(
      [],
    );
    expect(
      await queryRows(adminUrl, `SELECT id FROM catalog.checkin_comments WHERE checkin_id = $1`, [
        checkin.id,
      ]),
    ).toEqual([]);
  });

  it('keeps a flavour tag in use from going, and moves its uses with replaceWith', async () => {
    const id = await coffee('Tagged Panama');
    const citrus = await platform.dictionaryValue('tags', 'citrus');
    const lemon = await platform.dictionaryValue('tags', 'lemon');
    const tagged = (await checkIn(ann.accessToken, id, { rating: 4, tagIds: [citrus, lemon] })).body;
    const inUse = await catalog.call('DELETE', `/dictionaries/tags/${citrus}`, { token: platform.moderator });
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'DICTIONARY_VALUE_IN_USE' });
    const moved = await catalog.call('DELETE', `/dictionaries/tags/${citrus}?replaceWith=${lemon}`, {
      token: platform.moderator,
    });
    expect(moved.status).toBe(204);
    expect((await catalog.call<Checkin>('GET', `/checkins/${tagged.id}`)).body.tags).toMatchObject([
      { id: lemon, name: 'lemon' },
    ]);
  });

  it('refuses bad input with a code each', async () => {
    const id = await coffee('Refusals Colombia');
    const bobsPhoto = await uploaded(bob.id);
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const answer = await checkIn(ann.accessToken, id, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body).toMatchObject({ code });
    };
    await refused({ rating: 0.3 }, 400, 'VALIDATION_FAILED');
    await refused({ rating: 6 }, 400, 'VALIDATION_FAILED');
    await refused({ rating: 0 }, 400, 'VALIDATION_FAILED');
    await refused({ rating: '4' }, 400, 'VALIDATION_FAILED');
    await refused({}, 400, 'VALIDATION_FAILED');
    await refused({ rating: 4, tagIds: [newId()] }, 400, 'UNKNOWN_DICTIONARY_VALUE');
    await refused({ rating: 4, tagIds: [roaster] }, 400, 'UNKNOWN_DICTIONARY_VALUE');
    await refused({ rating: 4, photoIds: [bobsPhoto] }, 403, 'NOT_YOUR_MEDIA');
    await refused({ rating: 4, photoIds: [newId()] }, 404, 'MEDIA_NOT_FOUND');
    await refused(
      { rating: 4, photoIds: Array.from({ length: 5 }, () => newId()) },
      400,
      'VALIDATION_FAILED',
    );
    await refused({ rating: 4, serving: 'intravenous' }, 400, 'VALIDATION_FAILED');
    await refused({ rating: 4, locationId: newId() }, 400, 'UNKNOWN_LOCATION');
    await refused({ rating: 4, locationId: newId(), venue: 'home' }, 400, 'VALIDATION_FAILED');
    await refused({ rating: 4, text: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED');
    await refused({ rating: 4, extra: true }, 400, 'VALIDATION_FAILED');
    const nobody = await checkIn(ann.accessToken, newId(), { rating: 4 });
    expect(nobody.status).toBe(404);
    expect(nobody.body).toMatchObject({ code: 'COFFEE_NOT_FOUND' });
    expect((await catalog.call('POST', `/coffees/${id}/checkins`, { body: { rating: 4 } })).status).toBe(401);
    // Nothing was written, and the aggregate is untouched.
    expect((await stored(id)).kept.count).toBe(0);
  });
});
