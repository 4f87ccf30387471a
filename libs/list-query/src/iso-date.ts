/**
 * Dates a list compares with, read strictly: a real calendar day (no 2026-02-30 rolled over to March), a
 * real time of day, an offset PostgreSQL accepts (at most ±15:59), years 1 to 9999. ISO 8601
 * (`2026-11-30`, `2026-11-30T10:00:00.123Z`, `…+03:00`) and PostgreSQL's own text (`2026-11-30
 * 10:00:00.123456+00`, which cursors carry) both qualify.
 */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/** The instant the text names, or undefined when it is not a date PostgreSQL would take as written. */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const fraction = match[7] ? Number(`0${match[7]}`) : 0;
  const sign = match[9] === '-' ? -1 : 1;
  const [offsetHours, offsetMinutes, offsetSeconds] = match.slice(10, 13).map((part) => Number(part ?? 0));
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (offsetHours > 15 || offsetMinutes > 59 || offsetSeconds > 59) {
    return undefined;
  }
  const calendar = new Date(Date.UTC(2000, month - 1, day));
  calendar.setUTCFullYear(year);
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return undefined;
  }
  const offsetMs = sign * (offsetHours * 3_600_000 + offsetMinutes * 60_000 + offsetSeconds * 1000);
  const instant = new Date(calendar.getTime() + hour * 3_600_000 + minute * 60_000 + second * 1000);
  return new Date(instant.getTime() + Math.round(fraction * 1000) - offsetMs);
}
