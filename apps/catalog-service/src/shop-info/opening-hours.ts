export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day, local time `HH:MM`; `closes` at or before `opens` runs past midnight. */
export interface OpeningInterval {
  opens: string;
  closes: string;
}

export type OpeningHours = Record<Weekday, OpeningInterval[]>;

const minutes = (time: string): number => {
  const [hours, mins] = time.split(':').map(Number);
  return hours * 60 + mins;
};

/** The weekday and minute of the day at `at` on the wall clocks of `timeZone`. */
export function localTime(at: Date, timeZone: string): { weekday: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: part('weekday').toLowerCase() as Weekday,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/**
 * Whether a place with these hours is open at `at` in its time zone: inside one of today's intervals, or
 * inside the part after midnight of one of yesterday's that runs past midnight.
 */
export function isOpen(hours: OpeningHours, timeZone: string, at: Date): boolean {
  const { weekday, minute } = localTime(at, timeZone);
  const today = WEEKDAYS.indexOf(weekday);
  const yesterday = WEEKDAYS[(today + WEEKDAYS.length - 1) % WEEKDAYS.length];
  const openToday = hours[weekday].some(({ opens, closes }) => {
    const [start, end] = [minutes(opens), minutes(closes)];
    return end > start ? minute >= start && minute < end : minute >= start;
  });
  const openFromYesterday = hours[yesterday].some(({ opens, closes }) => {
    const [start, end] = [minutes(opens), minutes(closes)];
    return end <= start && minute < end;
  });
  return openToday || openFromYesterday;
}
