import { GENERATED_DECKS, type GeneratedDeck } from '../cards/deck.entity.js';

/**
 * The concretizer's proposal for a goal (issue 19): what accepting it creates. The user edits it freely before
 * accepting; nothing exists until then.
 */
export const GOAL_TEMPLATES = ['learn', 'practice', 'project'] as const;
export type GoalTemplate = (typeof GOAL_TEMPLATES)[number];

/** Decks the catalog generates (cotask/cards), to follow; a planned deck without a source starts empty. */
export const CATALOG_DECK_SOURCES = GENERATED_DECKS;
export type CatalogDeckSource = GeneratedDeck;

export const PLANNED_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type PlannedWeekday = (typeof PLANNED_WEEKDAYS)[number];

export interface PlannedTask {
  readonly title: string;
  readonly notes: string | null;
  /** The first (or only) due date, `YYYY-MM-DD` in the goal's time zone. */
  readonly due: string;
  /** An RFC 5545 rule from `due` on (e.g. `FREQ=WEEKLY;COUNT=8`), null for a one-off task. */
  readonly recurrence: string | null;
  readonly priority: 1 | 2 | 3 | 4;
}

export type PlannedSchedule =
  | { readonly kind: 'daily' }
  | { readonly kind: 'times-per-week'; readonly times: number }
  | { readonly kind: 'weekdays'; readonly days: readonly PlannedWeekday[] };

export interface PlannedHabit {
  readonly title: string;
  /** A numeric habit counts `target` `unit` a day (10 km); a yes/no habit is done or not. */
  readonly target: number | null;
  readonly unit: string | null;
  readonly schedule: PlannedSchedule;
}

export interface PlannedDeck {
  readonly title: string;
  /** A catalog-generated deck to take (subscribe to), or null for a new empty deck. */
  readonly source: CatalogDeckSource | null;
}

export interface GoalPlan {
  readonly template: GoalTemplate;
  readonly tasks: readonly PlannedTask[];
  readonly habits: readonly PlannedHabit[];
  readonly decks: readonly PlannedDeck[];
}

/** What a planner is given: the goal as its user wrote it, and today in the goal's time zone. */
export interface GoalInput {
  readonly title: string;
  /** `YYYY-MM-DD`, after `today`. */
  readonly deadline: string;
  readonly today: string;
}

/**
 * Turns a vague goal into concrete next steps. The platform ships TemplateGoalPlanner (no external service);
 * a model-backed planner can be bound in its place (ADR 0026): it must return a plan that passes the same
 * validation as a user's edit.
 */
export interface GoalPlanner {
  propose(goal: GoalInput): Promise<GoalPlan>;
}

export const GOAL_PLANNER = Symbol('GoalPlanner');
