import type { CatalogItemChangedV1 } from '@agora/contracts';
import { eventually } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CardsService } from '../src/cotask/cards/cards.service.js';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Card {
  id: string;
  itemId: string | null;
  front: string;
  back: string;
  state: string;
  reps: number;
  due: string;
}

/**
 * CoTask's cards on real PostgreSQL: the productivity aggregates, and the decks generated from the catalog, from catalog's item events on real PostgreSQL and the inbox: a
 * subscription follows every watch's mechanism; a redelivered event applies once, a stale version is dropped,
 * an event from before `facts` existed keeps the answer known, a deletion removes the card and a late
 * creation does not bring it back.
 */
describe('social-service: CoTask cards (productivity, decks generated from catalog events)', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let anna: SocialUser;
  let deckId: string;
  const changedBy = uuidv7();

  const watchEvent = (
    itemId: string,
    version: number,
    extra: Partial<CatalogItemChangedV1> = {},
    topic: 'catalog.item.created.v1' | 'catalog.item.updated.v1' = 'catalog.item.updated.v1',
  ) => {
    const payload: CatalogItemChangedV1 = {
      kind: 'watch',
      itemId,
      name: 'Komandirskie 431',
      version,
      changedBy,
      changedAt: new Date().toISOString(),
      ...extra,
    };
    return { id: uuidv7(), topic, key: itemId, occurredAt: payload.changedAt, payload };
  };
  const cards = async () =>
    (await social.call<{ items: Card[] }>('GET', `/decks/${deckId}/cards`, anna)).body.items;
  const cardOf = async (itemId: string) => (await cards()).find((card) => card.itemId === itemId);
  const settledOn = (itemId: string, check: (card: Card | undefined) => boolean) =>
    eventually(
      async () => {
        const card = await cardOf(itemId);
        return check(card) ? (card ?? null) : undefined;
      },
      15_000,
      `the card of ${itemId}`,
    );
  /** An event that the service has applied (its inbox row), for checks that nothing changed. */
  const applied = (eventId: string) =>
    eventually(
      async () =>
        (
          await social.query(
            `SELECT 1 FROM social.inbox WHERE event_id = $1 AND consumer = 'social.cotask-cards'`,
            [eventId],
          )
        ).length
          ? true
          : undefined,
      15_000,
      `event ${eventId}`,
    );

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'gdk');
    anna = await social.user('anna');
    const subscribed = await social.call<{ id: string }>('POST', '/decks/generated/soviet-calibres', anna);
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    deckId = subscribed.body.id;
  });

  afterAll(async () => {
    await social?.close();
  });

  it('applies each event once, drops stale versions, keeps the answer for events without facts', async () => {
    const watch = uuidv7();
    const created = watchEvent(watch, 1, { facts: { mechanism: '2414' } }, 'catalog.item.created.v1');
    await social.bus.publish([created]);
    await social.bus.publish([created]);
    const first = await settledOn(watch, (card) => card?.back === '2414');
    expect((await cards()).filter((card) => card.itemId === watch)).toHaveLength(1);

    // Studied, then renamed by an event written before `facts` existed: the answer and schedule stay.
    await social.query(
      `UPDATE social.cotask_cards SET reps = 4, state = 2, due = now() + interval '9 days' WHERE id = $1`,
      [first!.id],
    );
    const studied = (await cardOf(watch))!;
    await social.bus.publish([watchEvent(watch, 2, { name: 'Komandirskie 431 Tank' })]);
    const renamed = await settledOn(watch, (card) => card?.front.includes('Tank') === true);
    expect(renamed).toMatchObject({ id: first!.id, back: '2414', reps: 4, due: studied.due });

    // A new answer restarts the schedule; an older version arriving late changes nothing.
    await social.bus.publish([watchEvent(watch, 4, { facts: { mechanism: '2409' } })]);
    const reset = await settledOn(watch, (card) => card?.back === '2409');
    expect(reset).toMatchObject({ id: first!.id, state: 'new', reps: 0 });
    const stale = watchEvent(watch, 3, { facts: { mechanism: '2414' } });
    await social.bus.publish([stale]);
    await applied(stale.id);
    expect((await cardOf(watch))!.back).toBe('2409');

    // No mechanism known any more: no card.
    await social.bus.publish([watchEvent(watch, 5, { facts: { mechanism: null } })]);
    await settledOn(watch, (card) => card === undefined);
  });

  it('removes a deleted item’s card; its creation arriving late does not bring it back; other kinds are ignored', async () => {
    const watch = uuidv7();
    await social.bus.publish([
      watchEvent(watch, 1, { facts: { mechanism: '3133' } }, 'catalog.item.created.v1'),
    ]);
    await settledOn(watch, (card) => card?.back === '3133');
    const deleted = {
      id: uuidv7(),
      topic: 'catalog.item.deleted.v1' as const,
      key: watch,
      occurredAt: new Date().toISOString(),
      payload: {
        kind: 'watch' as const,
        itemId: watch,
        deletedBy: changedBy,
        deletedAt: new Date().toISOString(),
      },
    };
    await social.bus.publish([deleted]);
    await settledOn(watch, (card) => card === undefined);
    const late = watchEvent(watch, 2, { facts: { mechanism: '3133' } });
    await social.bus.publish([late]);
    await applied(late.id);
    expect(await cardOf(watch)).toBeUndefined();

    const listing = uuidv7();
    const other = {
      ...watchEvent(listing, 1),
      payload: { ...watchEvent(listing, 1).payload, kind: 'listing' as const },
    };
    await social.bus.publish([other]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await cardOf(listing)).toBeUndefined();
    const [{ count }] = await social.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM social.cotask_catalog_facts WHERE item_id = $1`,
      [listing],
    );
    expect(count).toBe(0);
  });

  it("gives the productivity profile only aggregates: reviews in 7 and 30 days, the 30 days' measured retention", async () => {
    const bob = await social.user('bob');
    const cardsService = social.service.app.get(CardsService);
    expect(await cardsService.productivityOf(bob.id)).toEqual({
      reviewedLast7Days: 0,
      reviewedLast30Days: 0,
      measuredRetention: null,
    });
    const deck = await social.call<{ id: string }>('POST', '/decks', bob, { title: 'Grinds' });
    const added = async (front: string) =>
      (
        await social.call<{ cards: { id: string }[] }>('POST', `/decks/${deck.body.id}/cards`, bob, {
          front,
          back: 'x',
        })
      ).body.cards[0].id;
    const [fresh, recalled, forgotten] = [await added('fine'), await added('medium'), await added('coarse')];
    for (const id of [recalled, forgotten]) {
      await social.query(
        `UPDATE social.cotask_cards SET state = 2, stability = 10, difficulty = 5, reps = 3,
                due = now() - interval '1 day', last_review = now() - interval '11 days' WHERE id = $1`,
        [id],
      );
    }
    for (const [id, grade] of [
      [fresh, 'good'],
      [recalled, 'good'],
      [forgotten, 'again'],
    ]) {
      expect((await social.call('POST', `/cards/${id}/reviews`, bob, { grade })).status).toBe(201);
    }
    // Older reviews: one 20 days ago (in review state, recalled), one 40 days ago (outside every window).
    await social.query(
      `INSERT INTO social.cotask_card_reviews (id, card_id, deck_id, user_id, grade, state, due, stability, difficulty, scheduled_days, reviewed_at)
       VALUES ($1, $3, $4, $5, 'good', 2, now(), 5, 5, 5, now() - interval '20 days'),
              ($2, $3, $4, $5, 'again', 2, now(), 5, 5, 5, now() - interval '40 days')`,
      [uuidv7(), uuidv7(), recalled, deck.body.id, bob.id],
    );
    expect(await cardsService.productivityOf(bob.id)).toEqual({
      reviewedLast7Days: 3,
      reviewedLast30Days: 4,
      measuredRetention: 2 / 3,
    });
  });
});
