/**
 * Calendar arithmetic for habits (issue 19), on the wall clocks of an IANA time zone, with nothing but `Intl`.
 * A local date is handled as its day number: days since 1970-01-01 (`Date.UTC(y, m - 1, d) / DAY_MS`).
 */

export const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An IANA zone name (`UTC`, `Europe/Moscow`, `America/Argentina/Buenos_Aires`, `Etc/GMT+3`), never an offset. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*){0,2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** Whether the text names a time zone this runtime knows (an IANA name, not an offset such as `+03:00`). */
export function isTimeZone(zone: string): boolean {
  if (zone.length > 64 || !ZONE_NAME.test(zone)) {
    return false;
  }
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The day number of a `YYYY-MM-DD` calendar date; undefined for anything else (2026-02-30, 2026-13-01). */
export function parseDay(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    return undefined;
  }
  return at.getTime() / DAY_MS;
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

/** The wall-clock reading of the zone at the instant, as if it were UTC (milliseconds). */
function wallClock(at: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(at))) {
    if (part.type !== 'literal' && part.type !== 'era' && part.type !== 'dayPeriod') {
      parts[part.type] = Number(part.value);
    }
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at the instant, in milliseconds (Moscow: +3 h). */
function offsetAt(at: number, zone: string): number {
  return wallClock(at, zone) - Math.floor(at / 1000) * 1000;
}

/** The local date (day number) in the zone at the instant. */
export function dayIn(zone: string, at: Date): number {
  return Math.floor(wallClock(at.getTime(), zone) / DAY_MS);
}

/**
 * The instant the zone's clocks show `minuteOfDay` on the day. As Temporal's `compatible` disambiguation:
 * a time skipped by a spring-forward gap is read with the offset before the gap (02:30 → 03:30), a time
 * repeated by a fall-back is its earlier occurrence.
 */
export function zonedInstant(day: number, minuteOfDay: number, zone: string): Date {
  const local = day * DAY_MS + minuteOfDay * 60_000;
  const before = offsetAt(local - DAY_MS, zone);
  const after = offsetAt(local + DAY_MS, zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((at) => wallClock(at, zone) === local)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? local - before);
}
