import { isTimeZone } from '@agora/http';
import { describe, expect, it } from 'vitest';
import {
  habitStats,
  nextHabitReminderAt,
  type DayRecord,
  type HabitReminderSource,
  type HabitShape,
} from './habit-schedule.js';
import { dayIn, formatDay, isoWeekday, parseDay, zonedInstant } from './habit-time.js';

const day = (date: string): number => parseDay(date)!;
/** 2026-11-02 is a Monday. */
const MONDAY = day('2026-11-02');
const done = (offset: number, value: number | null = null): DayRecord => ({
  day: MONDAY + offset,
  kind: 'done',
  value,
});
const freeze = (offset: number): DayRecord => ({ day: MONDAY + offset, kind: 'freeze', value: null });

const daily: HabitShape = {
  type: 'yes-no',
  target: null,
  schedule: 'daily',
  timesPerWeek: null,
  weekdays: [],
};

describe('habit calendar', () => {
  it('parses calendar dates only and knows ISO weekdays', () => {
    expect(isoWeekday(MONDAY)).toBe(1);
    expect(isoWeekday(MONDAY + 6)).toBe(7);
    expect(formatDay(MONDAY)).toBe('2026-11-02');
    expect(parseDay('2024-02-29')).toBeDefined();
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '26-01-01', '2026-1-1', '']) {
      expect(parseDay(bad), bad).toBeUndefined();
    }
  });

  it('accepts IANA zones and refuses offsets and unknown names', () => {
    for (const zone of [
      'UTC',
      'Europe/Moscow',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+3',
      'Asia/Kathmandu',
    ]) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['Mars/Olympus_Mons', '+03:00', 'Europe/', '../etc', 'Europe/Moscow\u0000', '']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });

  it('finds the local day of an instant in the zone', () => {
    const at = new Date('2026-11-01T22:30:00Z');
    expect(formatDay(dayIn('UTC', at))).toBe('2026-11-01');
    expect(formatDay(dayIn('Europe/Moscow', at))).toBe('2026-11-02');
    expect(formatDay(dayIn('America/Los_Angeles', at))).toBe('2026-11-01');
  });

  it('resolves wall times skipped and repeated by DST as Temporal does', () => {
    // Berlin springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00.
    expect(zonedInstant(day('2026-03-29'), 150, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(zonedInstant(day('2026-10-25'), 150, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(zonedInstant(day('2026-07-01'), 8 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
    expect(zonedInstant(day('2026-07-01'), 8 * 60 + 15, 'Asia/Kathmandu').toISOString()).toBe(
      '2026-07-01T02:30:00.000Z',
    );
  });
});

describe('habit strength (Loop Habit Tracker)', () => {
  it('matches the hand-computed table of a daily yes/no habit', () => {
    // m = 0.5^(√1 / 13) = 0.948078; score_t = score_{t−1}·m + checkmark·(1 − m)
    //   day 1 ✓: 0·m + 1·0.051922 = 0.051922
    //   day 2 ✓: 0.051922·m + 0.051922 = 0.101149
    //   day 3 ✓: 0.101149·m + 0.051922 = 0.147820
    //   day 4 ✗: 0.147820·m            = 0.140144
    //   day 5 ✓: 0.140144·m + 0.051922 = 0.184790
    const table = [0.051922, 0.101149, 0.14782, 0.140144, 0.18479];
    const records = [done(0), done(1), done(2), done(4)];
    table.forEach((expected, index) => {
      expect(habitStats(daily, MONDAY, MONDAY + index, records).strength).toBeCloseTo(expected, 6);
    });
  });

  it('counts the share of a numeric target, capped at 1', () => {
    // target 10 km: 5 km (0.5), 10 km (1), 20 km (capped 1), nothing (0)
    const numeric: HabitShape = { ...daily, type: 'numeric', target: 10 };
    const records = [done(0, 5), done(1, 10), done(2, 20)];
    const table = [0.025961, 0.076536, 0.124484, 0.118021];
    table.forEach((expected, index) => {
      expect(habitStats(numeric, MONDAY, MONDAY + index, records).strength).toBeCloseTo(expected, 6);
    });
  });

  it('uses the frequency and the 7-day window of an N-times-a-week habit', () => {
    // 3 times a week: m = 0.5^(√(3/7) / 13) = 0.965697; checkmark = (check-ins of the last 7 days) / 3
    //   day 1 ✓ 1/3: 0.011434 · day 2 – 1/3: 0.022477 · day 3 ✓ 2/3: 0.044574 · day 4 ✓ 1: 0.077349
    //   day 5 – still 3 in the window, 1: 0.108999
    const weekly: HabitShape = { ...daily, schedule: 'weekly', timesPerWeek: 3 };
    const records = [done(0), done(2), done(3)];
    const table = [0.011434, 0.022477, 0.044574, 0.077349, 0.108999];
    table.forEach((expected, index) => {
      expect(habitStats(weekly, MONDAY, MONDAY + index, records).strength).toBeCloseTo(expected, 6);
    });
  });

  it('leaves the score as it was on a frozen day', () => {
    const plain = habitStats(daily, MONDAY, MONDAY + 1, [done(0), done(1)]).strength;
    expect(habitStats(daily, MONDAY, MONDAY + 2, [done(0), done(1), freeze(2)]).strength).toBe(plain);
  });
});

describe('habit streaks', () => {
  it('breaks a daily streak on a missed day and keeps the best', () => {
    const stats = habitStats(daily, MONDAY, MONDAY + 5, [done(0), done(1), done(2), done(4), done(5)]);
    expect(stats).toMatchObject({ streak: 2, bestStreak: 3 });
  });

  it('does not break on a planned freeze', () => {
    const stats = habitStats(daily, MONDAY, MONDAY + 5, [
      done(0),
      done(1),
      done(2),
      freeze(3),
      done(4),
      done(5),
    ]);
    expect(stats).toMatchObject({ streak: 5, bestStreak: 5 });
  });

  it('does not break on today, which is not over', () => {
    expect(habitStats(daily, MONDAY, MONDAY + 3, [done(0), done(1), done(2)])).toMatchObject({ streak: 3 });
    expect(habitStats(daily, MONDAY, MONDAY + 4, [done(0), done(1), done(2)])).toMatchObject({
      streak: 0,
      bestStreak: 3,
    });
  });

  it('skips the days a weekdays habit is not scheduled on, and breaks on a scheduled one missed', () => {
    const mwf: HabitShape = { ...daily, schedule: 'weekdays', weekdays: [1, 3, 5] };
    // Mon, Wed, Fri, next Mon: Tue, Thu, Sat, Sun are not scheduled
    expect(habitStats(mwf, MONDAY, MONDAY + 7, [done(0), done(2), done(4), done(7)])).toMatchObject({
      streak: 4,
      bestStreak: 4,
    });
    // a check-in on a non-scheduled day (Tue) counts; missing Wed breaks
    expect(habitStats(mwf, MONDAY, MONDAY + 7, [done(0), done(1), done(4), done(7)])).toMatchObject({
      streak: 2,
      bestStreak: 2,
    });
  });

  it('counts a numeric day only when it meets the target', () => {
    const cups: HabitShape = { ...daily, type: 'numeric', target: 3 };
    expect(
      habitStats(cups, MONDAY, MONDAY + 3, [done(0, 3), done(1, 2), done(2, 4), done(3, 3)]),
    ).toMatchObject({ streak: 2, bestStreak: 2 });
  });

  it('keeps an N-times-a-week streak over weeks that met N (freezes count), current week in progress', () => {
    const weekly: HabitShape = { ...daily, schedule: 'weekly', timesPerWeek: 3 };
    const records = [
      ...[0, 2, 4].map((offset) => done(offset)), // week 1: 3 → met
      done(7),
      done(8),
      freeze(12), // week 2: 2 + a freeze → met
      done(15), // week 3: 1 → broken
      done(21), // week 4 (current): 1, in progress
    ];
    expect(habitStats(weekly, MONDAY, MONDAY + 22, records)).toMatchObject({ streak: 1, bestStreak: 5 });
    // within week 3 (not over), the run goes on
    expect(habitStats(weekly, MONDAY, MONDAY + 16, records)).toMatchObject({ streak: 6, bestStreak: 6 });
  });

  it("asks of a weekly habit's first week only as many days as it had left", () => {
    const weekly: HabitShape = { ...daily, schedule: 'weekly', timesPerWeek: 3 };
    // starts on Saturday: 2 days left, both checked → met; next week 3 → met
    const records = [done(5), done(6), done(7), done(9), done(11)];
    expect(habitStats(weekly, MONDAY + 5, MONDAY + 14, records)).toMatchObject({ streak: 5, bestStreak: 5 });
  });
});

describe('nextHabitReminderAt', () => {
  const berlin: HabitReminderSource = {
    schedule: 'daily',
    timesPerWeek: null,
    weekdays: [],
    reminderTime: '08:00',
    timeZone: 'Europe/Berlin',
    archived: false,
  };
  const next = (habit: HabitReminderSource, after: string) =>
    nextHabitReminderAt(habit, new Date(after))?.toISOString();

  it('rings at the local time across the spring-forward change', () => {
    expect(next(berlin, '2026-03-27T12:00:00Z')).toBe('2026-03-28T07:00:00.000Z'); // CET, +1
    expect(next(berlin, '2026-03-28T07:00:00Z')).toBe('2026-03-29T06:00:00.000Z'); // CEST, +2
    expect(next(berlin, '2026-03-29T06:00:00Z')).toBe('2026-03-30T06:00:00.000Z');
  });

  it('rings at the local time across the fall-back change, and today when the time is still ahead', () => {
    expect(next(berlin, '2026-10-24T05:00:00Z')).toBe('2026-10-24T06:00:00.000Z');
    expect(next(berlin, '2026-10-24T06:00:00Z')).toBe('2026-10-25T07:00:00.000Z');
  });

  it('rings a time the spring-forward skips an hour later, and a repeated time at its first occurrence', () => {
    const early = { ...berlin, reminderTime: '02:30' };
    expect(next(early, '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(next(early, '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z'); // the first 02:30 (CEST)
    expect(next(early, '2026-10-25T00:30:00Z')).toBe('2026-10-26T01:30:00.000Z'); // CET again
  });

  it('rings on the scheduled weekdays only, in the habit’s zone', () => {
    const monWed = {
      ...berlin,
      schedule: 'weekdays' as const,
      weekdays: [1, 3],
      reminderTime: '09:00',
      timeZone: 'America/New_York',
    };
    // Saturday 2026-03-07; New York springs forward on Sunday 2026-03-08
    expect(next(monWed, '2026-03-07T12:00:00Z')).toBe('2026-03-09T13:00:00.000Z'); // Monday 09:00 EDT
    expect(next(monWed, '2026-03-09T13:00:00Z')).toBe('2026-03-11T13:00:00.000Z'); // Wednesday
    expect(next(monWed, '2026-03-02T12:00:00Z')).toBe('2026-03-02T14:00:00.000Z'); // Monday 09:00 EST
  });

  it('counts the local day in zones far from UTC', () => {
    const tokyo = { ...berlin, timeZone: 'Asia/Tokyo', reminderTime: '07:30' };
    // 23:00 UTC on the 1st is 08:00 on the 2nd in Tokyo: past 07:30, so the 3rd
    expect(next(tokyo, '2026-07-01T23:00:00Z')).toBe('2026-07-02T22:30:00.000Z');
  });

  it('answers null without a reminder time or for an archived habit', () => {
    expect(next({ ...berlin, reminderTime: null }, '2026-03-27T12:00:00Z')).toBeUndefined();
    expect(next({ ...berlin, archived: true }, '2026-03-27T12:00:00Z')).toBeUndefined();
  });
});
