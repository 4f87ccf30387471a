import { isCalendarDate } from '@agora/http';
import { instantOf, wallAt } from '../zoned-time.js';

/**
 * Calendar arithmetic for habits (issue 19), on the wall clocks of an IANA time zone, with nothing but `Intl`.
 * A local date is handled as its day number: days since 1970-01-01 (`Date.UTC(y, m - 1, d) / DAY_MS`).
 */

export const DAY_MS = 86_400_000;

/** The day number of a `YYYY-MM-DD` calendar date; undefined for anything else (2026-02-30, 2026-13-01). */
export function parseDay(text: string): number | undefined {
  return isCalendarDate(text) ? Date.parse(`${text}T00:00:00Z`) / DAY_MS : undefined;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the ISO week of the day. */
export function weekStartOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** The local date (day number) in the zone at the instant. */
export function dayIn(zone: string, at: Date): number {
  const wall = wallAt(at, zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
}

/**
 * The instant the zone's clocks show `minuteOfDay` on the day (zoned-time's `instantOf`: a time skipped by a
 * spring-forward gap moves forward by the gap, 02:30 → 03:30; a time repeated by a fall-back is its earlier
 * occurrence).
 */
export function zonedInstant(day: number, minuteOfDay: number, zone: string): Date {
  const date = new Date(day * DAY_MS);
  return instantOf(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minuteOfDay / 60),
      minute: minuteOfDay % 60,
    },
    zone,
  );
}
