import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  type Card,
  type Grade as FsrsGrade,
} from 'ts-fsrs';
import type { Grade } from './card-review.entity.js';

/** A card's FSRS memory state as the cards table keeps it (ts-fsrs `Card`, camel-cased). */
export interface MemoryState {
  readonly due: Date;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  readonly state: number;
  readonly lastReview: Date | null;
}

const RATINGS: Readonly<Record<Grade, FsrsGrade>> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/**
 * The scheduler parameters of a deck: ts-fsrs's defaults (FSRS-6 weights, learning steps 1m/10m, relearning
 * 10m, maximum interval 36500 days) with the deck's desired retention, and no fuzz, so a schedule is
 * reproducible (tests pin it against ts-fsrs's own numbers).
 */
export function schedulerParameters(desiredRetention: number) {
  return generatorParameters({ request_retention: desiredRetention, enable_fuzz: false });
}

/**
 * The instant a card must be due by to be due now: `now` rounded up to the whole second. The due queue and
 * reviews agree on it, and the queue's statement (with its remembered bounded count) stays the same for a
 * second.
 */
export function dueBy(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / 1000) * 1000);
}

/** A new card's state: due at once. */
export function newMemoryState(now: Date): MemoryState {
  return fromFsrs(createEmptyCard(now));
}

/** The card's state after a review graded `grade` at `now`, at the deck's desired retention. */
export function review(state: MemoryState, grade: Grade, now: Date, desiredRetention: number): MemoryState {
  const scheduler = fsrs(schedulerParameters(desiredRetention));
  return fromFsrs(scheduler.next(toFsrs(state), now, RATINGS[grade]).card);
}

function toFsrs(state: MemoryState): Card {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    ...(state.lastReview ? { last_review: state.lastReview } : {}),
  };
}

function fromFsrs(card: Card): MemoryState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}
