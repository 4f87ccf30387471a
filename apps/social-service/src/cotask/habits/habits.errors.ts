import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code CoTask's habits answer with, and its status (issue 19); unique across the platform. */
export const HABIT_ERRORS = {
  HABIT_NOT_FOUND: { status: 404, description: "no habit with this id among the caller's habits" },
  HABIT_INVALID_TIME_ZONE: {
    status: 422,
    description: 'the time zone is not an IANA time zone such as Europe/Moscow',
  },
  HABIT_INVALID_SCHEDULE: {
    status: 422,
    description: '`weekly` needs timesPerWeek, `weekdays` needs weekdays, `daily` takes neither',
  },
  HABIT_INVALID_TARGET: {
    status: 422,
    description: 'a numeric habit needs a target per day; a yes/no habit takes no target or unit',
  },
  HABIT_INVALID_DATE: { status: 422, description: 'the date is not a calendar date (YYYY-MM-DD)' },
  HABIT_DATE_OUT_OF_RANGE: {
    status: 422,
    description: "the date is in the future, or before the habit's start, in the habit's time zone",
  },
  HABIT_VALUE_NOT_ALLOWED: { status: 422, description: "a yes/no habit's check-in takes no value" },
  HABIT_VALUE_REQUIRED: { status: 422, description: "a numeric habit's check-in needs a value" },
  HABIT_ARCHIVED: { status: 409, description: 'an archived habit takes no check-ins or freezes' },
  HABIT_FREEZE_NOT_AHEAD: {
    status: 422,
    description: 'a freeze is planned ahead: for today or one of the next 30 days',
  },
  HABIT_FREEZE_LIMIT: {
    status: 409,
    description: 'the habit already has a freeze in this week (Monday to Sunday, one per week)',
  },
  HABIT_DAY_CHECKED_IN: { status: 409, description: 'the day already has a check-in; it needs no freeze' },
  HABIT_CHECKIN_NOT_FOUND: { status: 404, description: 'the habit has no check-in or freeze on this day' },
  HABIT_EMPTY_TITLE: { status: 422, description: 'a habit needs a title (after sanitizing)' },
  HABIT_TEXT_TOO_LONG: { status: 422, description: 'the text is longer than its limit after sanitizing' },
} as const satisfies ErrorCatalog;

export type HabitErrorCode = keyof typeof HABIT_ERRORS;
export const HabitErrorCode = codesOf(HABIT_ERRORS);

export class HabitException extends DomainException<HabitErrorCode> {
  constructor(code: HabitErrorCode, detail: string, extras?: ProblemExtras) {
    super(HABIT_ERRORS, code, detail, extras);
  }
}

/** The codes a habit route can answer with, for its OpenAPI responses. */
export const ApiHabitErrors = (...codes: HabitErrorCode[]) => ApiErrors(HABIT_ERRORS, ...codes);
