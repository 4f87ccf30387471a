import { atOnce, copies, eventually, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card as FsrsCard } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Deck {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  desiredRetention: number;
  shareMastery: string;
  sharing: string;
  generated: string | null;
  copiedFrom: string | null;
  version: number;
}

interface Card {
  id: string;
  deckId: string;
  kind: string;
  front: string;
  back: string;
  text: string | null;
  clozeNumber: number | null;
  itemId: string | null;
  state: string;
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: string | null;
  version: number;
  createdAt: string;
}

interface Review {
  card: Card;
  review: { id: string; cardId: string; grade: string; state: string; reviewedAt: string };
  deckMastered: boolean;
}

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/**
 * CoTask's forgetting curve through the gateway (issue 19): decks at a desired retention, basic and cloze
 * cards, FSRS reviews matching ts-fsrs, the due queue, forecast and measured retention, public decks copied,
 * a deck mastered in the feed's achievements, and the decks generated from the catalog following its changes
 * through catalog's Kafka events; races and hostile input.
 */
describe('CoTask cards through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let moderator: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const deck = async (user: SignedInUser, body: Record<string, unknown> = {}): Promise<Deck> => {
    const created = await call<Deck>('POST', '/decks', user, { title: 'Coffee processing', ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  const card = async (user: SignedInUser, deckId: string, front: string, back = 'answer'): Promise<Card> => {
    const created = await call<{ cards: Card[] }>('POST', `/decks/${deckId}/cards`, user, { front, back });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.cards[0];
  };

  /** Puts a card into review state, due a day ago, with this stability (as if reviewed long ago). */
  const matured = async (cardId: string, stability: number): Promise<void> => {
    await query(
      `UPDATE social.cotask_cards SET state = 2, stability = $2, difficulty = 5, reps = 3, scheduled_days = 20,
              due = now() - interval '1 day', last_review = now() - interval '21 days' WHERE id = $1`,
      [cardId, stability],
    );
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'cotask_cards', {
      env: { ...adminEnv(inbox), REGISTRATION_MAX_PER_IP: '100' },
    });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    moderator = await users.withRole('cc_moda', 'moderator');
    ann = await users.withRole('cc_ann');
    bob = await users.withRole('cc_bob');
    for (const user of [moderator, ann, bob]) {
      await users.expectAccepted(user.token);
    }
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('creates, reads, lists, edits (If-Match) and deletes decks; others see a private deck as 404', async () => {
    const created = await deck(ann, { title: '  Processing\u0007 methods ', description: 'washed, natural' });
    expect(created).toMatchObject({
      ownerId: ann.id,
      title: 'Processing methods',
      desiredRetention: 0.9,
      shareMastery: 'followers',
      sharing: 'private',
      generated: null,
      version: 1,
    });
    const read = await call<Deck>('GET', `/decks/${created.id}`, ann);
    expect(read.status).toBe(200);
    expect(read.etag).toBe('"1"');

    const listed = await call<Page<Deck>>('GET', '/decks?sort=title', ann);
    expect(listed.body.items.map((item) => item.id)).toContain(created.id);
    expect((await call<Page<Deck>>('GET', '/decks', bob)).body.items.map((item) => item.id)).not.toContain(
      created.id,
    );

    const edited = await call<Deck>(
      'PATCH',
      `/decks/${created.id}`,
      ann,
      { desiredRetention: 0.85 },
      { 'if-match': '"1"' },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ desiredRetention: 0.85, version: 2 });
    expectProblem(
      await call('PATCH', `/decks/${created.id}`, ann, { title: 'stale' }, { 'if-match': '"1"' }),
      412,
      'PRECONDITION_FAILED',
    );

    // N edits at the same instant with the same If-Match: one applies, the others are 412.
    const edits = await atOnce(
      copies(6, (index) =>
        call('PATCH', `/decks/${created.id}`, ann, { title: `Edit ${index}` }, { 'if-match': '"2"' }),
      ),
    );
    expect(tally(edits.map((answer) => answer.status))).toEqual({ 200: 1, 412: 5 });
    expect((await call<Deck>('GET', `/decks/${created.id}`, ann)).body.version).toBe(3);

    expectProblem(await call('GET', `/decks/${created.id}`, bob), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('PATCH', `/decks/${created.id}`, bob, { title: 'mine' }), 404, 'DECK_NOT_FOUND');
    // A field may be left out, never sent as null (the fuzzer's PATCH {"title": null} once met a 500).
    for (const field of ['title', 'description', 'desiredRetention', 'sharing']) {
      expectProblem(
        await call('PATCH', `/decks/${created.id}`, ann, { [field]: null }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectProblem(await call('DELETE', `/decks/${created.id}`, bob), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('POST', `/decks/${created.id}/copy`, bob), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('GET', `/decks/${NOBODY}`, ann), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('GET', '/decks/not-a-uuid', ann), 400);
    expect((await call('GET', '/decks', undefined)).status).toBe(401);

    expect((await call('DELETE', `/decks/${created.id}`, ann)).status).toBe(204);
    expectProblem(await call('GET', `/decks/${created.id}`, ann), 404, 'DECK_NOT_FOUND');
  });

  it('refuses bad deck input with 4xx problems: retention out of range, huge numbers, NUL bytes, empty titles', async () => {
    for (const body of [
      { title: 'x', desiredRetention: 0.5 },
      { title: 'x', desiredRetention: 1 },
      { title: 'x', desiredRetention: 1e308 },
      { title: 'x', desiredRetention: '0.9' },
      { title: 'x', shareMastery: 'everyone' },
      { title: 'x', sharing: 'friends' },
      { title: 42 },
      { title: 'x'.repeat(1000) },
      {},
    ]) {
      const answer = await call('POST', '/decks', ann, body);
      expect([400, 422], JSON.stringify(body)).toContain(answer.status);
    }
    expectProblem(await call('POST', '/decks', ann, '{"title": 1e999999}'), 400);
    expectProblem(await call('POST', '/decks', ann, { title: 'nul\u0000byte' }), 400, 'INVALID_CHARACTERS');
    expectProblem(await call('POST', '/decks', ann, { title: ' \u0007 \n ' }), 422, 'EMPTY_FLASHCARD');
    expectProblem(
      await call('POST', '/decks', ann, { title: 'y'.repeat(250) }),
      422,
      'FLASHCARD_TEXT_TOO_LONG',
    );
  });

  it('adds basic and cloze cards (one per cloze number), edits and deletes them; others get 404', async () => {
    const own = await deck(ann);
    const basic = await card(ann, own.id, 'Washed', 'Fruit removed before drying');
    expect(basic).toMatchObject({ kind: 'basic', state: 'new', reps: 0, deckId: own.id });

    const cloze = await call<{ cards: Card[] }>('POST', `/decks/${own.id}/cards`, ann, {
      text: '{{c1::Yirgacheffe}} is a region of {{c2::Ethiopia::country}}',
    });
    expect(cloze.status, JSON.stringify(cloze.body)).toBe(201);
    expect(cloze.body.cards.map(({ clozeNumber, front, back }) => ({ clozeNumber, front, back }))).toEqual([
      { clozeNumber: 1, front: '[...] is a region of Ethiopia', back: 'Yirgacheffe is a region of Ethiopia' },
      {
        clozeNumber: 2,
        front: 'Yirgacheffe is a region of [country]',
        back: 'Yirgacheffe is a region of Ethiopia',
      },
    ]);

    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { text: 'no deletions' }),
      422,
      'INVALID_CLOZE',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { text: '{{c99::x}}' }),
      422,
      'INVALID_CLOZE',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { front: 'only' }),
      422,
      'EMPTY_FLASHCARD',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { front: 'a', back: 'b', text: '{{c1::c}}' }),
      422,
      'EMPTY_FLASHCARD',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { front: ' ', back: 'b' }),
      422,
      'EMPTY_FLASHCARD',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, ann, { front: 'a\u0000', back: 'b' }),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, bob, { front: 'a', back: 'b' }),
      404,
      'DECK_NOT_FOUND',
    );

    const listed = await call<Page<Card>>('GET', `/decks/${own.id}/cards`, ann);
    expect(listed.body.items).toHaveLength(3);
    expectProblem(await call('GET', `/decks/${own.id}/cards`, bob), 404, 'DECK_NOT_FOUND');

    const edited = await call<Card>(
      'PATCH',
      `/cards/${basic.id}`,
      ann,
      { back: 'Pulped, fermented, washed' },
      { 'if-match': '"1"' },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ back: 'Pulped, fermented, washed', version: 2 });
    expectProblem(
      await call('PATCH', `/cards/${basic.id}`, ann, { back: 'x' }, { 'if-match': '"1"' }),
      412,
      'PRECONDITION_FAILED',
    );
    const second = cloze.body.cards[1];
    const rewritten = await call<Card>('PATCH', `/cards/${second.id}`, ann, {
      text: '{{c2::Ethiopia}} grows {{c1::Guji}}',
    });
    expect(rewritten.body).toMatchObject({ front: '[...] grows Guji', back: 'Ethiopia grows Guji' });
    expectProblem(
      await call('PATCH', `/cards/${second.id}`, ann, { text: '{{c1::only one}}' }),
      422,
      'INVALID_CLOZE',
    );
    expectProblem(await call('PATCH', `/cards/${second.id}`, ann, { front: 'x' }), 422, 'EMPTY_FLASHCARD');

    expectProblem(await call('GET', `/cards/${basic.id}`, bob), 404, 'FLASHCARD_NOT_FOUND');
    expectProblem(await call('PATCH', `/cards/${basic.id}`, bob, { back: 'x' }), 404, 'FLASHCARD_NOT_FOUND');
    expectProblem(await call('DELETE', `/cards/${basic.id}`, bob), 404, 'FLASHCARD_NOT_FOUND');
    expect((await call('DELETE', `/cards/${basic.id}`, ann)).status).toBe(204);
    expectProblem(await call('GET', `/cards/${basic.id}`, ann), 404, 'FLASHCARD_NOT_FOUND');
  });

  it("schedules a review as ts-fsrs does at the deck's retention, logs it, and refuses a bad grade with 422", async () => {
    const own = await deck(ann, { desiredRetention: 0.8 });
    const fresh = await card(ann, own.id, 'Natural', 'Dried in the cherry');

    for (const body of [
      { grade: 'perfect' },
      { grade: 'GOOD' },
      { grade: 3 },
      { grade: null },
      { grade: '' },
      {},
    ]) {
      expectProblem(await call('POST', `/cards/${fresh.id}/reviews`, ann, body), 422, 'INVALID_GRADE');
    }
    expectProblem(
      await call('POST', `/cards/${fresh.id}/reviews`, ann, { grade: 'good\u0000' }),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(await call('POST', `/cards/${fresh.id}/reviews`, ann, { grade: 'good', extra: 1 }), 400);
    expectProblem(
      await call('POST', `/cards/${fresh.id}/reviews`, bob, { grade: 'good' }),
      404,
      'FLASHCARD_NOT_FOUND',
    );
    expectProblem(
      await call('POST', `/cards/${NOBODY}/reviews`, ann, { grade: 'good' }),
      404,
      'FLASHCARD_NOT_FOUND',
    );

    const reviewed = await call<Review>('POST', `/cards/${fresh.id}/reviews`, ann, { grade: 'good' });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    const scheduler = fsrs(generatorParameters({ request_retention: 0.8, enable_fuzz: false }));
    const expected = scheduler.next(
      createEmptyCard(new Date(fresh.due)),
      new Date(reviewed.body.review.reviewedAt),
      Rating.Good,
    ).card;
    expect(reviewed.body.card).toMatchObject({
      state: 'learning',
      due: expected.due.toISOString(),
      stability: expected.stability,
      difficulty: expected.difficulty,
      reps: 1,
      lastReview: reviewed.body.review.reviewedAt,
    });
    expect(reviewed.body.review).toMatchObject({ grade: 'good', state: 'new', cardId: fresh.id });

    // Learning step 10 minutes: not due, so a second review now is refused.
    expectProblem(
      await call('POST', `/cards/${fresh.id}/reviews`, ann, { grade: 'easy' }),
      409,
      'FLASHCARD_NOT_DUE',
    );
    const log = await call<Page<{ grade: string }>>('GET', `/cards/${fresh.id}/reviews`, ann);
    expect(log.body.items.map((item) => item.grade)).toEqual(['good']);
    expectProblem(await call('GET', `/cards/${fresh.id}/reviews`, bob), 404, 'FLASHCARD_NOT_FOUND');
  });

  it('follows ts-fsrs through the sequence of fsrs-schedule.spec.ts, the time between reviews passed by SQL', async () => {
    const DAY = 24 * 60;
    const ratings = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
    // [grade, minutes after the first review], as the unit test's SEQUENCE
    const sequence: [keyof typeof ratings, number][] = [
      ['good', 0],
      ['good', 10],
      ['good', 3 * DAY],
      ['again', 20 * DAY],
      ['good', 20 * DAY + 10],
      ['hard', 25 * DAY],
      ['easy', 40 * DAY],
    ];
    const own = await deck(ann);
    const studied = await card(ann, own.id, 'Anaerobic', 'Fermented without oxygen');
    const scheduler = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));
    let expected: FsrsCard = createEmptyCard(new Date(studied.due));
    let previous = 0;
    const states: string[] = [];
    for (const [grade, minutes] of sequence) {
      // The minutes since the last review pass: the card's due and last review move back by them. ts-fsrs counts
      // elapsed days in UTC calendar days, so ten minutes across 00:00 UTC are a day and schedule the card later
      // than the sequence expects: then the time passes until the card is due, whatever the hour of the run.
      const elapsed = Math.max(minutes - previous, Math.ceil((expected.due.getTime() - Date.now()) / 60_000));
      previous = minutes;
      if (elapsed > 0) {
        await query(
          `UPDATE social.cotask_cards SET due = due - $2 * interval '1 minute',
                  last_review = last_review - $2 * interval '1 minute' WHERE id = $1`,
          [studied.id, elapsed],
        );
        expected = {
          ...expected,
          due: new Date(expected.due.getTime() - elapsed * 60_000),
          last_review: new Date(expected.last_review!.getTime() - elapsed * 60_000),
        };
      }
      const reviewed = await call<Review>('POST', `/cards/${studied.id}/reviews`, ann, { grade });
      expect(reviewed.status, `${grade} at ${minutes}: ${JSON.stringify(reviewed.body)}`).toBe(201);
      expected = scheduler.next(expected, new Date(reviewed.body.review.reviewedAt), ratings[grade]).card;
      expect(reviewed.body.card, `${grade} at ${minutes}`).toMatchObject({
        state: State[expected.state].toLowerCase(),
        due: expected.due.toISOString(),
        stability: expected.stability,
        difficulty: expected.difficulty,
        scheduledDays: expected.scheduled_days,
        reps: expected.reps,
        lapses: expected.lapses,
        lastReview: reviewed.body.review.reviewedAt,
      });
      states.push(reviewed.body.card.state);
    }
    // the path of the unit test's pinned numbers: learning, review, a lapse relearned, review again
    expect(states).toEqual(['learning', 'review', 'review', 'relearning', 'review', 'review', 'review']);
  });

  it('applies one of N simultaneous reviews of a due card; the others are 409 FLASHCARD_NOT_DUE', async () => {
    const own = await deck(ann);
    const fresh = await card(ann, own.id, 'Honey', 'Some mucilage left on');
    const answers = await atOnce(
      copies(8, (index) =>
        call('POST', `/cards/${fresh.id}/reviews`, ann, { grade: index % 2 ? 'good' : 'hard' }),
      ),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 201: 1, 409: 7 });
    const [{ count }] = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM social.cotask_card_reviews WHERE card_id = $1`,
      [fresh.id],
    );
    expect(count).toBe(1);
    expect((await call<Card>('GET', `/cards/${fresh.id}`, ann)).body.reps).toBe(1);
  });

  it('pages the due queue by keyset, forecasts reviews per day and measures retention', async () => {
    const own = await deck(ann);
    const cards: Card[] = [];
    for (const front of ['a', 'b', 'c', 'd', 'e']) {
      cards.push(await card(ann, own.id, front));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page<Card> } = await call<Page<Card>>(
        'GET',
        `/decks/${own.id}/due?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ann,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(cards.map((item) => item.id).sort());

    // Two cards in review state, one recalled and one forgotten: measured retention 1/2.
    await matured(cards[0].id, 10);
    await matured(cards[1].id, 10);
    expect((await call('POST', `/cards/${cards[0].id}/reviews`, ann, { grade: 'good' })).status).toBe(201);
    expect((await call('POST', `/cards/${cards[1].id}/reviews`, ann, { grade: 'again' })).status).toBe(201);
    expect((await call('POST', `/cards/${cards[2].id}/reviews`, ann, { grade: 'again' })).status).toBe(201);
    const due = await call<Page<Card>>('GET', `/decks/${own.id}/due`, ann);
    expect(due.body.items.map((item) => item.id).sort()).toEqual([cards[3].id, cards[4].id].sort());

    const stats = await call<Record<string, number | null>>('GET', `/decks/${own.id}/stats`, ann);
    expect(stats.body).toMatchObject({ cards: 5, new: 2, reviews: 3, measuredRetention: 0.5, dueNow: 2 });

    const today = () => new Date().toISOString().slice(0, 10);
    const before = today();
    const forecast = await call<{ days: { date: string; reviews: number }[] }>(
      'GET',
      `/decks/${own.id}/forecast?days=365`,
      ann,
    );
    expect(forecast.status).toBe(200);
    expect(forecast.body.days).toHaveLength(365);
    expect([before, today()]).toContain(forecast.body.days[0].date);
    expect(forecast.body.days.reduce((sum, day) => sum + day.reviews, 0)).toBe(5);
    // Each day counts the cards due on it (UTC); the first also the overdue ones.
    const all = (await call<Page<Card>>('GET', `/decks/${own.id}/cards`, ann)).body.items;
    forecast.body.days.slice(0, 3).forEach((day, index) => {
      const end = Date.parse(`${day.date}T00:00:00.000Z`) + 86_400_000;
      const start = index === 0 ? -Infinity : end - 86_400_000;
      const dueThen = all.filter((item) => Date.parse(item.due) >= start && Date.parse(item.due) < end);
      expect(day.reviews, day.date).toBe(dueThen.length);
    });

    for (const days of ['0', '366', '99999999999999999999', '1.5', 'x']) {
      expectProblem(await call('GET', `/decks/${own.id}/forecast?days=${days}`, ann), 400);
    }
    expectProblem(await call('GET', `/decks/${own.id}/due?sort=front`, ann), 400);
    expectProblem(await call('GET', `/decks/${own.id}/due`, bob), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('GET', `/decks/${own.id}/stats`, bob), 404, 'DECK_NOT_FOUND');
    expectProblem(await call('GET', `/decks/${own.id}/forecast`, bob), 404, 'DECK_NOT_FOUND');
  });

  it("records the deck mastered (every card in review, stability ≥ 21 days) as an achievement with the deck's visibility", async () => {
    const own = await deck(ann, { title: 'Roast levels', shareMastery: 'public' });
    const [first, second] = [await card(ann, own.id, 'light'), await card(ann, own.id, 'dark')];
    await matured(first.id, 40);
    await matured(second.id, 40);
    const firstReview = await call<Review>('POST', `/cards/${first.id}/reviews`, ann, { grade: 'good' });
    expect(firstReview.body.deckMastered).toBe(false);
    // The second card's stability before is already ≥ 21: set it below, so this review masters the deck.
    await query(`UPDATE social.cotask_cards SET stability = 15 WHERE id = $1`, [second.id]);
    const mastering = await call<Review>('POST', `/cards/${second.id}/reviews`, ann, { grade: 'easy' });
    expect(mastering.status, JSON.stringify(mastering.body)).toBe(201);
    expect(mastering.body.card.stability).toBeGreaterThanOrEqual(21);
    expect(mastering.body.deckMastered).toBe(true);

    const achievements = await call<
      Page<{ kind: string; subjectId: string; milestone: number; visibility: string; title: string }>
    >('GET', `/profiles/${ann.id}/achievements`, bob);
    expect(achievements.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'deck-mastered',
        subjectId: own.id,
        milestone: 2,
        visibility: 'public',
        title: 'Roast levels',
      }),
    );
  });

  it('shares a deck publicly: others read and copy it (fresh schedules) but do not change or study it', async () => {
    const own = await deck(ann, { title: 'Brew ratios', sharing: 'public' });
    const studied = await card(ann, own.id, 'V60', '1:16');
    await card(ann, own.id, 'Espresso', '1:2');
    expect((await call('POST', `/cards/${studied.id}/reviews`, ann, { grade: 'good' })).status).toBe(201);

    expect((await call<Deck>('GET', `/decks/${own.id}`, bob)).status).toBe(200);
    expect((await call<Page<Card>>('GET', `/decks/${own.id}/cards`, bob)).body.items).toHaveLength(2);
    const publicDecks = await call<Page<Deck>>('GET', '/decks/public?search=brew', bob);
    expect(publicDecks.body.items.map((item) => item.id)).toContain(own.id);
    expectProblem(await call('PATCH', `/decks/${own.id}`, bob, { title: 'mine' }), 403, 'NOT_YOUR_DECK');
    expectProblem(await call('DELETE', `/decks/${own.id}`, bob), 403, 'NOT_YOUR_DECK');
    expectProblem(
      await call('POST', `/decks/${own.id}/cards`, bob, { front: 'a', back: 'b' }),
      403,
      'NOT_YOUR_DECK',
    );
    expectProblem(await call('GET', `/decks/${own.id}/due`, bob), 403, 'NOT_YOUR_DECK');
    expectProblem(
      await call('POST', `/cards/${studied.id}/reviews`, bob, { grade: 'good' }),
      404,
      'FLASHCARD_NOT_FOUND',
    );

    const copied = await call<Deck>('POST', `/decks/${own.id}/copy`, bob);
    expect(copied.status, JSON.stringify(copied.body)).toBe(201);
    expect(copied.body).toMatchObject({
      ownerId: bob.id,
      title: 'Brew ratios',
      sharing: 'private',
      copiedFrom: own.id,
    });
    const copiedCards = await call<Page<Card>>('GET', `/decks/${copied.body.id}/cards`, bob);
    expect(
      copiedCards.body.items
        .map(({ front, state, reps }) => ({ front, state, reps }))
        .sort((x, y) => x.front.localeCompare(y.front)),
    ).toEqual([
      { front: 'Espresso', state: 'new', reps: 0 },
      { front: 'V60', state: 'new', reps: 0 },
    ]);
    expect((await call<Page<Card>>('GET', `/decks/${copied.body.id}/due`, bob)).body.items).toHaveLength(2);
  });

  it('builds "Coffee origins" and "Soviet calibres" from catalog events and follows the catalog, keeping unchanged schedules', async () => {
    const value = async (kind: string, body: Record<string, unknown>) => {
      const created = await call<{ id: string }>('POST', `/dictionaries/${kind}`, moderator, body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id;
    };
    const roaster = await value('roasters', { name: 'Cards Roasters' });
    const yirgacheffe = await value('origins', { name: 'Yirgacheffe', countryCode: 'ET' });
    const huila = await value('origins', { name: 'Huila', countryCode: 'CO' });
    const brand = await value('brands', { name: 'Vostok Cards' });

    // N simultaneous subscriptions make one deck.
    const subscriptions = await atOnce(
      copies(4, () => call<Deck>('POST', '/decks/generated/coffee-origins', ann)),
    );
    expect(tally(subscriptions.map((answer) => answer.status))).toEqual({ 201: 1, 409: 3 });
    const origins = subscriptions.find((answer) => answer.status === 201)!.body;
    expect(origins).toMatchObject({ generated: 'coffee-origins', title: 'Coffee origins', ownerId: ann.id });
    expectProblem(await call('POST', '/decks/generated/coffee-origins', ann), 409, 'DECK_ALREADY_SUBSCRIBED');
    expectProblem(await call('POST', '/decks/generated/wines', ann), 404, 'GENERATED_DECK_NOT_FOUND');

    const coffee = async (name: string, countryCode: string, originId: string): Promise<string> => {
      const created = await call<{ id: string }>('POST', '/coffees', moderator, {
        name,
        roasterId: roaster,
        countryCode,
        originId,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id;
    };
    const kochere = await coffee('Kochere', 'ET', yirgacheffe);
    const supremo = await coffee('Supremo', 'CO', huila);
    const cardsOf = async (deckId: string, user = ann) =>
      (await call<Page<Card>>('GET', `/decks/${deckId}/cards?limit=100`, user)).body.items;
    const cardOf = (deckId: string, itemId: string) => async () =>
      (await cardsOf(deckId)).find((item) => item.itemId === itemId);
    const kochereCard = await eventually(cardOf(origins.id, kochere), 30_000, 'the Kochere card');
    expect(kochereCard).toMatchObject({
      front: 'Where does the coffee “Kochere” grow?',
      back: 'Ethiopia, Yirgacheffe',
      state: 'new',
    });
    const supremoCard = await eventually(cardOf(origins.id, supremo), 30_000, 'the Supremo card');
    expect(supremoCard.back).toBe('Colombia, Huila');
    expectProblem(
      await call('POST', `/decks/${origins.id}/cards`, ann, { front: 'a', back: 'b' }),
      409,
      'GENERATED_DECK_CARD',
    );
    expectProblem(
      await call('PATCH', `/cards/${kochereCard.id}`, ann, { back: 'b' }),
      409,
      'GENERATED_DECK_CARD',
    );

    // Ann studies both cards.
    for (const studied of [kochereCard, supremoCard]) {
      expect((await call('POST', `/cards/${studied.id}/reviews`, ann, { grade: 'good' })).status).toBe(201);
    }
    const studiedSupremo = (await call<Card>('GET', `/cards/${supremoCard.id}`, ann)).body;

    // Renamed: the question changes, the schedule stays. A new origin: the answer changes, the schedule restarts.
    const renamed = await call('PATCH', `/coffees/${supremo}`, moderator, { name: 'Supremo Huila' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const moved = await call('PATCH', `/coffees/${kochere}`, moderator, {
      countryCode: 'CO',
      originId: huila,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const afterRename = await eventually(
      async () => {
        const found = await cardOf(origins.id, supremo)();
        return found?.front.includes('Supremo Huila') ? found : undefined;
      },
      30_000,
      'the renamed card',
    );
    expect(afterRename).toMatchObject({
      id: supremoCard.id,
      back: 'Colombia, Huila',
      state: studiedSupremo.state,
      due: studiedSupremo.due,
      reps: 1,
      stability: studiedSupremo.stability,
    });
    const afterMove = await eventually(
      async () => {
        const found = await cardOf(origins.id, kochere)();
        return found?.back === 'Colombia, Huila' ? found : undefined;
      },
      30_000,
      'the moved card',
    );
    expect(afterMove).toMatchObject({ id: kochereCard.id, state: 'new', reps: 0 });

    // Deleted: its card goes; the other keeps its schedule.
    expect((await call('DELETE', `/coffees/${kochere}`, moderator)).status).toBe(204);
    await eventually(
      async () => ((await cardOf(origins.id, kochere)()) ? undefined : true),
      30_000,
      'the card to go',
    );
    expect((await call<Card>('GET', `/cards/${supremoCard.id}`, ann)).body).toMatchObject({
      reps: 1,
      due: studiedSupremo.due,
    });

    // A later subscriber gets the catalog as it is now.
    const bobs = await call<Deck>('POST', '/decks/generated/coffee-origins', bob);
    expect(bobs.status).toBe(201);
    expect((await cardsOf(bobs.body.id, bob)).map((item) => item.back)).toEqual(['Colombia, Huila']);

    // Soviet calibres: watch → mechanism.
    const mechanism = await call<{ id: string }>('POST', '/mechanisms', moderator, { name: '2416B' });
    expect(mechanism.status, JSON.stringify(mechanism.body)).toBe(201);
    const watch = await call<{ id: string }>('POST', '/watches', moderator, {
      name: 'Amphibia 420059',
      folder: 'amphibia-420059-cards',
      brandId: brand,
      mechanismId: mechanism.body.id,
    });
    expect(watch.status, JSON.stringify(watch.body)).toBe(201);
    const generated = await eventually(
      async () => {
        const list = await call<{ items: { key: string; cards: number }[] }>('GET', '/decks/generated', ann);
        return list.body.items.find((item) => item.key === 'soviet-calibres' && item.cards > 0);
      },
      30_000,
      'the watch to reach social',
    );
    expect(generated.cards).toBe(1);
    const calibres = await call<Deck>('POST', '/decks/generated/soviet-calibres', ann);
    expect(calibres.status).toBe(201);
    expect((await cardsOf(calibres.body.id)).map(({ front, back }) => ({ front, back }))).toEqual([
      { front: 'Which calibre beats inside the “Amphibia 420059”?', back: '2416B' },
    ]);
  });
});
