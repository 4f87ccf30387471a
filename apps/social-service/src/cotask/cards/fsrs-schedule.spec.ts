import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  type Card,
  type Grade as FsrsGrade,
} from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Grade } from './card-review.entity.js';
import { newMemoryState, review, type MemoryState } from './fsrs-schedule.js';

const START = new Date('2026-01-05T09:00:00.000Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const DAY = 24 * 60;

/** A fixed sequence of grades at fixed times (minutes after START). */
const SEQUENCE: readonly [Grade, number][] = [
  ['good', 0],
  ['good', 10],
  ['good', 3 * DAY],
  ['again', 20 * DAY],
  ['good', 20 * DAY + 10],
  ['hard', 25 * DAY],
  ['easy', 40 * DAY],
];
const RATINGS: Record<Grade, FsrsGrade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

function ours(retention: number): MemoryState[] {
  const states: MemoryState[] = [];
  let state = newMemoryState(START);
  for (const [grade, minutes] of SEQUENCE) {
    state = review(state, grade, at(minutes), retention);
    states.push(state);
  }
  return states;
}

/** ts-fsrs called directly with the same parameters. */
function theirs(retention: number): Card[] {
  const scheduler = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false }));
  const cards: Card[] = [];
  let card = createEmptyCard(START);
  for (const [grade, minutes] of SEQUENCE) {
    card = scheduler.next(card, at(minutes), RATINGS[grade]).card;
    cards.push(card);
  }
  return cards;
}

describe('FSRS schedule of a card (ts-fsrs)', () => {
  it.each([0.9, 0.8, 0.97])(
    'equals what ts-fsrs computes after a fixed sequence at retention %s',
    (retention) => {
      const expected = theirs(retention);
      ours(retention).forEach((state, index) => {
        const card = expected[index];
        expect(state.due.toISOString()).toBe(card.due.toISOString());
        expect(state.stability).toBe(card.stability);
        expect(state.difficulty).toBe(card.difficulty);
        expect(state.scheduledDays).toBe(card.scheduled_days);
        expect(state.learningSteps).toBe(card.learning_steps);
        expect(state.reps).toBe(card.reps);
        expect(state.lapses).toBe(card.lapses);
        expect(state.state).toBe(card.state);
      });
    },
  );

  it('pins the numbers of ts-fsrs 5 (a library change shows here)', () => {
    const states = ours(0.9).map((state) => ({
      due: state.due.toISOString(),
      stability: Number(state.stability.toFixed(4)),
      difficulty: Number(state.difficulty.toFixed(4)),
      scheduledDays: state.scheduledDays,
      state: state.state,
      lapses: state.lapses,
    }));
    expect(states).toEqual(PINNED);
  });

  it('schedules further out at a lower desired retention', () => {
    const low = ours(0.8).at(-1)!;
    const high = ours(0.97).at(-1)!;
    expect(low.scheduledDays).toBeGreaterThan(high.scheduledDays);
  });
});

/** ts-fsrs 5.4 at retention 0.9, after each grade of SEQUENCE (state 1 learning, 2 review, 3 relearning). */
const PINNED = [
  {
    due: '2026-01-05T09:10:00.000Z',
    stability: 2.3065,
    difficulty: 2.1181,
    scheduledDays: 0,
    state: 1,
    lapses: 0,
  },
  {
    due: '2026-01-07T09:10:00.000Z',
    stability: 2.3065,
    difficulty: 2.1112,
    scheduledDays: 2,
    state: 2,
    lapses: 0,
  },
  {
    due: '2026-01-22T09:00:00.000Z',
    stability: 13.8358,
    difficulty: 2.1043,
    scheduledDays: 14,
    state: 2,
    lapses: 0,
  },
  {
    due: '2026-01-25T09:10:00.000Z',
    stability: 1.7673,
    difficulty: 7.39,
    scheduledDays: 0,
    state: 3,
    lapses: 1,
  },
  {
    due: '2026-01-27T09:10:00.000Z',
    stability: 1.7886,
    difficulty: 7.3778,
    scheduledDays: 2,
    state: 2,
    lapses: 1,
  },
  {
    due: '2026-02-04T09:00:00.000Z',
    stability: 5.4175,
    difficulty: 8.2445,
    scheduledDays: 5,
    state: 2,
    lapses: 1,
  },
  {
    due: '2026-03-13T09:00:00.000Z',
    stability: 26.9552,
    difficulty: 7.6431,
    scheduledDays: 27,
    state: 2,
    lapses: 1,
  },
];
