import rrule from 'rrule';
import type { Options } from 'rrule';
import { isCalendarDate } from '@agora/http';
import { floating, type WallTime } from '../zoned-time.js';

const { RRule } = rrule;

/**
 * Recurring tasks (issue 19): an RFC 5545 rule (the `rrule` package) read from an RRULE string or from plain
 * English ("every 2 weeks on Monday"), and the next occurrences of a task's due in its IANA time zone.
 *
 * The rule runs on wall-clock time: a local date-time is handed to `rrule` as a "floating" UTC date (its
 * fields are the local ones), and each result is turned back into an instant in the zone. So "weekly at
 * 09:00 Europe/Berlin" stays at 09:00 local across a DST change (08:00Z in winter, 07:00Z in summer).
 */

/** The frequencies a task may recur at: a task due every hour (or second) is not a task. */
const TASK_FREQUENCIES = new Set<number>([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);
export const RULE_MAX_LENGTH = 300;
/** How far ahead a rule must have an occurrence (a rule that never recurs is refused). */
const HORIZON_YEARS = 10;

export class RecurrenceError extends Error {}

/**
 * The rule as stored (`FREQ=WEEKLY;INTERVAL=2;BYDAY=MO`) from an RRULE line (with or without `RRULE:`) or
 * plain English; a rule `rrule` cannot read, one with a DTSTART or TZID (the task's due and zone anchor
 * it), one recurring more often than daily, or one with no occurrence from `anchor` on throws.
 */
export function normalizeRule(input: string, anchor: WallTime): string {
  const text = input.trim();
  if (text.length === 0 || text.length > RULE_MAX_LENGTH || text.includes('\u0000')) {
    throw new RecurrenceError(`a rule is 1 to ${RULE_MAX_LENGTH} characters`);
  }
  const options = /^(RRULE:)?[A-Z]+=/i.test(text) ? parseRuleString(text) : parseRuleText(text);
  if (options.freq === undefined || options.freq === null || !TASK_FREQUENCIES.has(options.freq)) {
    throw new RecurrenceError('a task recurs daily, weekly, monthly or yearly');
  }
  if ((options.interval ?? 1) < 1 || (options.interval ?? 1) > 1000) {
    throw new RecurrenceError('INTERVAL is 1 to 1000');
  }
  if (options.dtstart || options.tzid) {
    throw new RecurrenceError("DTSTART and TZID come from the task's due and time zone");
  }
  let rule: string;
  try {
    rule = RRule.optionsToString(options).replace(/^RRULE:/, '');
    const check = new RRule({ ...RRule.parseString(rule), dtstart: floating(anchor) });
    const first = check.after(floating(anchor), true);
    if (!first || first.getUTCFullYear() > anchor.year + HORIZON_YEARS) {
      throw new RecurrenceError('the rule has no occurrence');
    }
  } catch (error) {
    throw error instanceof RecurrenceError ? error : new RecurrenceError('the rule is not a valid RRULE');
  }
  return rule;
}

function parseRuleString(text: string): Partial<Options> {
  try {
    const options = RRule.parseString(text.replace(/^RRULE:/i, '').toUpperCase());
    if ((options.byweekday as unknown[] | undefined)?.some((day) => day === null || day === undefined)) {
      throw new RecurrenceError('BYDAY names days as MO, TU, WE, TH, FR, SA, SU');
    }
    return options;
  } catch (error) {
    throw error instanceof RecurrenceError ? error : new RecurrenceError('the rule is not a valid RRULE');
  }
}

/** Words `rrule`'s English parser reads; it silently drops others ("every week on funday" would be weekly). */
const RULE_WORDS = new Set(
  (
    'every day days week weeks month months year years weekday weekdays on the at and in for times time ' +
    'until last st nd rd th daily weekly monthly yearly other ' +
    'monday mon tuesday tue wednesday wed thursday thu friday fri saturday sat sunday sun ' +
    'january jan february feb march mar april apr may june jun july jul august aug september sep ' +
    'october oct november nov december dec'
  ).split(' '),
);

function parseRuleText(text: string): Partial<Options> {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const unknown = words.filter((word) => !RULE_WORDS.has(word) && !/^\d+(st|nd|rd|th)?$/.test(word));
  if (unknown.length > 0) {
    throw new RecurrenceError(`unknown words in the rule: ${unknown.slice(0, 3).join(', ')}`);
  }
  try {
    const options = RRule.parseText(text.toLowerCase());
    if (!options || Object.keys(options).length === 0) {
      throw new RecurrenceError('no rule in these words');
    }
    return options;
  } catch (error) {
    throw error instanceof RecurrenceError
      ? error
      : new RecurrenceError('the words are not a rule ("every 2 weeks on Monday", "every day")');
  }
}

/** The next `count` occurrences strictly after `after`, of the rule anchored at `anchor` (wall times). */
export function occurrencesAfter(rule: string, anchor: WallTime, after: WallTime, count: number): WallTime[] {
  const recurrence = new RRule({ ...RRule.parseString(rule), dtstart: floating(anchor) });
  const found: WallTime[] = [];
  let cursor = floating(after);
  while (found.length < count) {
    const next = recurrence.after(cursor, false);
    if (!next) {
      break;
    }
    found.push(wallOfFloating(next));
    cursor = next;
  }
  return found;
}

/** The next occurrence after `after`, or null when the rule has ended (UNTIL, COUNT). */
export function nextOccurrence(rule: string, anchor: WallTime, after: WallTime): WallTime | null {
  return occurrencesAfter(rule, anchor, after, 1)[0] ?? null;
}

function wallOfFloating(date: Date): WallTime {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

/** `2026-03-23` */
export function dateText(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** A `YYYY-MM-DD` that is a real calendar date, as a wall time at midnight; undefined otherwise. */
export function parseDate(text: string): WallTime | undefined {
  if (!isCalendarDate(text)) {
    return undefined;
  }
  const [year, month, day] = text.split('-').map(Number);
  return { year, month, day, hour: 0, minute: 0 };
}

/** A local `YYYY-MM-DDTHH:mm` (seconds allowed, must be :00), as a wall time; undefined otherwise. */
export function parseLocalDateTime(text: string): WallTime | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::00(?:\.0+)?)?$/.exec(text);
  const date = match ? parseDate(match[1]) : undefined;
  if (!match || !date) {
    return undefined;
  }
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  return hour < 24 && minute < 60 ? { ...date, hour, minute } : undefined;
}

/** The day after `wall`'s date, at midnight. */
export function nextDay(wall: WallTime, days = 1): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return wallOfFloating(date);
}
