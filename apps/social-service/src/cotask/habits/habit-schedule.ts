import { dayIn, isoWeekday, weekStartOf, zonedInstant } from './habit-time.js';

export const HABIT_TYPES = ['yes-no', 'numeric'] as const;
export type HabitType = (typeof HABIT_TYPES)[number];

/** `daily`; `weekly`: N times a week, any days; `weekdays`: on chosen ISO weekdays (1 = Monday … 7 = Sunday). */
export const HABIT_SCHEDULES = ['daily', 'weekly', 'weekdays'] as const;
export type HabitScheduleKind = (typeof HABIT_SCHEDULES)[number];

export const CHECKIN_KINDS = ['done', 'freeze'] as const;
export type CheckinKind = (typeof CHECKIN_KINDS)[number];

/** Streak lengths (days checked in) that become achievements. */
export const STREAK_MILESTONES = [7, 30, 100, 365] as const;

export interface HabitSchedule {
  readonly schedule: HabitScheduleKind;
  readonly timesPerWeek: number | null;
  readonly weekdays: readonly number[];
}

export interface HabitShape extends HabitSchedule {
  readonly type: HabitType;
  readonly target: number | null;
}

/** One day's record: a check-in (`value` for numeric habits) or a planned freeze. */
export interface DayRecord {
  readonly day: number;
  readonly kind: CheckinKind;
  readonly value: number | null;
}

export interface HabitStats {
  /** Loop Habit Tracker's score, 0…1. */
  readonly strength: number;
  /** Days checked in (target met) in the current unbroken run. */
  readonly streak: number;
  /** The longest run ever. */
  readonly bestStreak: number;
}

/** Whether the habit is planned on the day: every day for `daily` and `weekly`, the chosen ones for `weekdays`. */
export function isScheduled(habit: HabitSchedule, day: number): boolean {
  return habit.schedule !== 'weekdays' || habit.weekdays.includes(isoWeekday(day));
}

/** Planned days per day: 1, N / 7, or the number of weekdays / 7. */
export function frequencyOf(habit: HabitSchedule): number {
  switch (habit.schedule) {
    case 'daily':
      return 1;
    case 'weekly':
      return (habit.timesPerWeek ?? 7) / 7;
    case 'weekdays':
      return habit.weekdays.length / 7;
  }
}

/** The share of the day's target met: 1 or 0 for yes/no, value / target capped at 1 for numeric. */
function fractionOf(habit: HabitShape, record: DayRecord | undefined): number {
  if (record?.kind !== 'done') {
    return 0;
  }
  if (habit.type === 'yes-no') {
    return 1;
  }
  return Math.min(1, (record.value ?? 0) / (habit.target ?? 1));
}

/**
 * Strength, streaks, from the habit's first day to `today` (both local day numbers).
 *
 * Strength, as Loop Habit Tracker computes it: for every day t from the start to today,
 *   score_t = score_{t−1} · m + checkmark_t · (1 − m),  m = 0.5^(√frequency / 13),  score_{start−1} = 0,
 * frequency = planned days per day (1, N / 7, weekdays / 7). A daily habit's checkmark is that day's share of
 * the target (1 or 0 for yes/no; value / target, at most 1, for numeric); for the other schedules, as Loop's
 * "N times per 7 days", it is the shares of the last 7 days summed, over N (the weekdays' count), at most 1.
 * A frozen day leaves the score as it was (Loop's skip).
 *
 * Streaks: `daily` and `weekdays` — each day meeting the target adds one; a scheduled day that passed without
 * it (not today, which is not over) breaks the run; a non-scheduled day or a frozen one neither adds nor
 * breaks. `weekly` (N times a week) — ISO weeks (Monday to Sunday) in the habit's zone: a week whose
 * check-ins plus freezes reach N keeps the run and adds its check-ins; a week short of N breaks it, except the
 * current week (not over) and the first week, which needs only as many as days it had left.
 */
export function habitStats(
  habit: HabitShape,
  startDay: number,
  today: number,
  records: readonly DayRecord[],
): HabitStats {
  const byDay = new Map(records.filter((r) => r.day >= startDay && r.day <= today).map((r) => [r.day, r]));
  return { strength: strengthOf(habit, startDay, today, byDay), ...streaksOf(habit, startDay, today, byDay) };
}

function strengthOf(
  habit: HabitShape,
  startDay: number,
  today: number,
  byDay: ReadonlyMap<number, DayRecord>,
): number {
  const multiplier = 0.5 ** (Math.sqrt(frequencyOf(habit)) / 13);
  const daily = habit.schedule === 'daily';
  const planned = habit.schedule === 'weekly' ? (habit.timesPerWeek ?? 7) : habit.weekdays.length;
  let score = 0;
  for (let day = startDay; day <= today; day += 1) {
    if (byDay.get(day)?.kind === 'freeze') {
      continue;
    }
    let checkmark = fractionOf(habit, byDay.get(day));
    if (!daily) {
      let sum = 0;
      for (let back = Math.max(startDay, day - 6); back <= day; back += 1) {
        sum += fractionOf(habit, byDay.get(back));
      }
      checkmark = Math.min(1, sum / Math.max(1, planned));
    }
    score = score * multiplier + checkmark * (1 - multiplier);
  }
  return score;
}

function streaksOf(
  habit: HabitShape,
  startDay: number,
  today: number,
  byDay: ReadonlyMap<number, DayRecord>,
): { streak: number; bestStreak: number } {
  const met = (day: number) => fractionOf(habit, byDay.get(day)) >= 1;
  const frozen = (day: number) => byDay.get(day)?.kind === 'freeze';
  let run = 0;
  let best = 0;
  if (habit.schedule === 'weekly') {
    const needed = habit.timesPerWeek ?? 7;
    const currentWeek = weekStartOf(today);
    for (let week = weekStartOf(startDay); week <= currentWeek; week += 7) {
      let done = 0;
      let freezes = 0;
      const first = Math.max(week, startDay);
      for (let day = first; day <= Math.min(week + 6, today); day += 1) {
        done += met(day) ? 1 : 0;
        freezes += frozen(day) ? 1 : 0;
      }
      const required = Math.min(needed, week + 7 - first);
      if (done + freezes >= required || week === currentWeek) {
        run += done;
      } else {
        run = 0;
      }
      best = Math.max(best, run);
    }
    return { streak: run, bestStreak: best };
  }
  for (let day = startDay; day <= today; day += 1) {
    if (met(day)) {
      run += 1;
    } else if (!frozen(day) && isScheduled(habit, day) && day !== today) {
      run = 0;
    }
    best = Math.max(best, run);
  }
  return { streak: run, bestStreak: best };
}

export interface HabitReminderSource extends HabitSchedule {
  /** `HH:MM` on the habit's clocks; null when the habit has no reminder. */
  readonly reminderTime: string | null;
  readonly timeZone: string;
  readonly archived: boolean;
}

/**
 * The next reminder strictly after `after`: the first scheduled local day (every day for `daily` and
 * `weekly`, the chosen weekdays for `weekdays`) at the reminder time on the habit's clocks, across DST as
 * `zonedInstant` resolves it (a skipped time rings at the same distance after the gap, a repeated time at
 * its first occurrence). Null without a reminder time or for an archived habit.
 */
export function nextHabitReminderAt(habit: HabitReminderSource, after: Date): Date | null {
  if (!habit.reminderTime || habit.archived) {
    return null;
  }
  const [hours, minutes] = habit.reminderTime.split(':').map(Number);
  const minuteOfDay = hours * 60 + minutes;
  const from = dayIn(habit.timeZone, after) - 1;
  for (let day = from; day <= from + 8; day += 1) {
    if (isScheduled(habit, day)) {
      const at = zonedInstant(day, minuteOfDay, habit.timeZone);
      if (at.getTime() > after.getTime()) {
        return at;
      }
    }
  }
  return null;
}
