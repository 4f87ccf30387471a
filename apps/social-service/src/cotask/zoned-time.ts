/**
 * Wall-clock time in IANA time zones for CoTask (issue 19), with nothing but `Intl`: what the clocks of a zone show
 * at an instant, and the instant they show a wall time (across DST: a skipped time moves forward by the gap, a
 * repeated one is its earlier occurrence, as Temporal's `compatible`). Tasks' recurrence and habits' days both
 * stand on it.
 */

/** A wall-clock date-time, with no zone: `2026-03-23T09:00` (minutes precision). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** The wall time as if it were UTC: `rrule`'s "floating" dates and plain day arithmetic. */
export function floating(wall: WallTime): Date {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock time of `instant` in `zone`. */
export function wallAt(instant: Date, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatterOf(zone)
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/**
 * The instant the wall-clock time is in `zone`. A time that does not exist (skipped by a DST change, 02:30
 * on the spring-forward night) moves forward by the gap; an ambiguous one (the fall-back hour) takes the
 * earlier instant.
 */
export function instantOf(wall: WallTime, zone: string): Date {
  const target = floating(wall).getTime();
  const offsetAt = (instant: number): number => floating(wallAt(new Date(instant), zone)).getTime() - instant;
  const day = 24 * 60 * 60 * 1000;
  // The offsets in force a day before and a day after (zones change at most once within two days).
  const before = offsetAt(target - day);
  const after = offsetAt(target + day);
  const candidates = [target - before, target - after].filter(
    (instant) => instant + offsetAt(instant) === target,
  );
  if (candidates.length > 0) {
    return new Date(Math.min(...candidates));
  }
  // In a gap: the offset from before the change, which lands after it.
  return new Date(target - before);
}
