// Issue 19's figure for `npm run bench -- --only=cards`: the due queue (`GET /api/decks/:id/due`) of a user with
// 100,000 cards, every one due, first page and a page 1,000 cards deep (keyset cursor). bench.ts calls these with
// its database, gateway and load tool; everything is talked to over HTTP or SQL.
import argon2 from 'argon2';
import { fixed, median } from './stats.js';
import type { SocialBenchContext, SocialLoad, SocialRow } from './social.js';

/** The learner is seeded user bench2 (bench1 reads the feed); the deck has a fixed id. */
const LEARNER = 2;
const learnerId = `00000000-0000-4000-a000-${LEARNER.toString(16).padStart(12, '0')}`;
const DECK_ID = '00000000-0000-4000-b000-000000000001';
const PASSWORD = 'bench learner passphrase';

export interface CardsBenchContext extends Omit<
  SocialBenchContext,
  'socialUrl' | 'bareFanOutUrl' | 'posts' | 'sockets'
> {
  readonly cards: number;
}

/**
 * `cards` cards in one deck of the learner by bulk SQL, as the review path leaves them: UUIDv4 ids (order does
 * not matter to the queue), due over the last `cards` minutes (every one due now), half in review state.
 */
export function cardsSeedStatements(cards: number): string[] {
  return [
    `DELETE FROM social.cotask_decks WHERE id = '${DECK_ID}'`,
    `INSERT INTO social.cotask_decks (id, owner_id, title) VALUES ('${DECK_ID}', '${learnerId}', 'Bench deck')`,
    `INSERT INTO social.cotask_cards (id, deck_id, owner_id, kind, front, back, due, state, stability, difficulty, reps)
     SELECT gen_random_uuid(), '${DECK_ID}', '${learnerId}', 'basic', 'Question ' || n, 'Answer ' || n,
            now() - n * interval '1 minute', n % 2 * 2, n % 2 * 5, n % 2 * 5, n % 2 * 3
       FROM generate_series(1, ${cards}) n`,
    'VACUUM ANALYZE social.cotask_cards',
  ];
}

async function signInLearner(context: CardsBenchContext): Promise<string> {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2 });
  await context.db.query(`UPDATE auth.users SET password_hash = $1 WHERE id = $2`, [hash, learnerId]);
  const response = await fetch(`${context.gateway}/api/authentication`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: `bench${LEARNER}`, password: PASSWORD }),
  });
  if (!response.ok) {
    throw new Error(`signing in bench${LEARNER}: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * (cards) the due queue's first page and a page 1,000 cards deep, in alternating rounds: one client (one user
 * studying: the goal, latency without queueing behind other clients), then 10 clients (information: on two
 * shared cores their latency is mostly each one waiting for the others).
 */
export async function measureDueQueue(context: CardsBenchContext): Promise<SocialRow[]> {
  const token = await signInLearner(context);
  const headers = { authorization: `Bearer ${token}` };
  const wrkHeaders = { headers: [`authorization: Bearer ${token}`] };
  const base = `${context.gateway}/api/decks/${DECK_ID}/due?limit=20`;
  const first = await fetch(base, { headers });
  if (!first.ok) {
    throw new Error(`GET due: ${first.status} ${await first.text()}`);
  }
  const firstPage = (await first.json()) as { items: unknown[]; total: number; nextCursor: string | null };
  context.log(`due queue: ${firstPage.items.length} cards on the first page, total ${firstPage.total}`);
  let cursor: string | null = firstPage.nextCursor;
  for (let page = 1; page < 50 && cursor; page += 1) {
    const url: string = `${base}&cursor=${encodeURIComponent(cursor)}`;
    cursor = ((await (await fetch(url, { headers })).json()) as { nextCursor: string | null }).nextCursor;
  }
  const targets = {
    firstPage: { url: base, clients: 1 },
    deepPage: { url: `${base}&cursor=${encodeURIComponent(cursor ?? '')}`, clients: 1 },
    firstPageTen: { url: base, clients: 10 },
  };
  type Target = keyof typeof targets;
  const loads: Record<Target, SocialLoad[]> = { firstPage: [], deepPage: [], firstPageTen: [] };
  context.wrk(base, 2, 2, wrkHeaders);
  for (let round = 0; round < context.rounds; round += 1) {
    const order = (Object.keys(targets) as Target[]).slice();
    if (round % 2 === 1) {
      order.reverse();
    }
    for (const name of order) {
      const load = context.wrk(targets[name].url, targets[name].clients, undefined, wrkHeaders);
      loads[name].push(load);
      context.log(
        `due round ${round + 1} ${name}: ${load.rps} req/s, p50 ${fixed(load.p50, 2)} ms, p99 ${fixed(load.p99, 2)} ms`,
      );
    }
  }
  const p = (name: Target, key: 'p50' | 'p99') => median(loads[name].map((load) => load[key]));
  const rps = (name: Target) => median(loads[name].map((load) => load.rps));
  const errors = (name: Target) => loads[name].some((load) => load.errors > 0);
  const what: Record<Target, string> = {
    firstPage: 'first page, 1 client',
    deepPage: 'a page 1,000 cards deep (cursor), 1 client',
    firstPageTen: 'first page, 10 clients',
  };
  return (Object.keys(targets) as Target[]).map((name) => ({
    goal: `(cards) \`GET /api/decks/:id/due\` ${what[name]}, a user with ${context.cards.toLocaleString('en')} cards all due`,
    measured: `p50 ${fixed(p(name, 'p50'))} ms, p99 ${fixed(p(name, 'p99'))} ms (${fixed(rps(name), 0)} req/s)${errors(name) ? '; non-2xx answers' : ''}`,
    target: name === 'firstPageTen' ? '—' : 'p99 ≤ 20 ms',
    met: name === 'firstPageTen' ? null : p(name, 'p99') <= 20 && !errors(name),
  }));
}
