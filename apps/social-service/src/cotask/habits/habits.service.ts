import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import {
  isTimeZone,
  assertVersionMatches,
  sanitizeText,
  textLength,
  type ExpectedVersions,
} from '@agora/http';
import type { ParsedListQuery } from '@agora/list-query';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SHARE_VISIBILITIES, type ShareVisibility } from '../achievements/achievement.types.js';
import { AchievementsService } from '../achievements/achievements.service.js';
import {
  habitStats,
  nextHabitReminderAt,
  STREAK_MILESTONES,
  type HabitScheduleKind,
  type HabitStats,
  type HabitType,
} from './habit-schedule.js';
import type { HabitCheckinEntity } from './habit-checkin.entity.js';
import { dayIn, formatDay, parseDay, weekStartOf } from './habit-time.js';
import type { HabitEntity } from './habit.entity.js';
import {
  CHECKIN_NOTE_MAX_LENGTH,
  HABIT_TITLE_MAX_LENGTH,
  HABIT_UNIT_MAX_LENGTH,
  toCheckinDto,
  toHabitDto,
  type CheckinDto,
  type CheckinPageDto,
  type CheckinResultDto,
  type CreateCheckinDto,
  type CreateFreezeDto,
  type CreateHabitDto,
  type HabitDto,
  type HabitPageDto,
  type UpdateHabitDto,
} from './habits.dto.js';
import { HabitErrorCode, HabitException } from './habits.errors.js';
import { HabitsRepository } from './habits.repository.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { lockOwnerProfile } from '../owner-profile.js';

/** The earliest start a habit may have (its stats walk every day since). */
const EARLIEST_START = parseDay('2000-01-01')!;
/** How far ahead a freeze may be planned, in days. */
export const FREEZE_AHEAD_DAYS = 30;

/** What a productivity profile shows of a user's habits: aggregates only, never a title. */
export interface HabitProductivity {
  /** Habits not archived. */
  readonly habits: number;
  /** The longest current streak among them. */
  readonly bestCurrentStreak: number;
  /** The longest streak any of them ever had. */
  readonly longestStreak: number;
}

const notFound = (habitId: string) =>
  new HabitException(HabitErrorCode.HABIT_NOT_FOUND, `No habit ${habitId}`);

function cleanText(text: string, max: number, field: string): string {
  const clean = sanitizeText(text);
  if (textLength(clean) > max) {
    throw new HabitException(
      HabitErrorCode.HABIT_TEXT_TOO_LONG,
      `The ${field} is longer than ${max} characters`,
      {
        errors: [{ field, messages: [`at most ${max} characters`] }],
      },
    );
  }
  return clean;
}

function dayOf(text: string, field: string): number {
  const day = parseDay(text);
  if (day === undefined) {
    throw new HabitException(HabitErrorCode.HABIT_INVALID_DATE, `${text} is not a calendar date`, {
      errors: [{ field, messages: ['must be a calendar date YYYY-MM-DD'] }],
    });
  }
  return day;
}

function outOfRange(field: string, message: string): HabitException {
  return new HabitException(HabitErrorCode.HABIT_DATE_OUT_OF_RANGE, `The ${field} ${message}`, {
    errors: [{ field, messages: [message] }],
  });
}

function assertTimeZone(zone: string): void {
  if (!isTimeZone(zone)) {
    throw new HabitException(HabitErrorCode.HABIT_INVALID_TIME_ZONE, `${zone} is not an IANA time zone`, {
      errors: [{ field: 'timeZone', messages: ['must be an IANA time zone such as Europe/Moscow'] }],
    });
  }
}

function assertSchedule(
  schedule: HabitScheduleKind,
  timesPerWeek: number | null,
  weekdays: readonly number[],
): void {
  const fits =
    (schedule === 'daily' && timesPerWeek === null && weekdays.length === 0) ||
    (schedule === 'weekly' && timesPerWeek !== null && weekdays.length === 0) ||
    (schedule === 'weekdays' && timesPerWeek === null && weekdays.length > 0);
  if (!fits) {
    throw new HabitException(
      HabitErrorCode.HABIT_INVALID_SCHEDULE,
      '`weekly` takes timesPerWeek, `weekdays` takes weekdays, `daily` takes neither',
      { errors: [{ field: 'schedule', messages: ['timesPerWeek for weekly, weekdays for weekdays'] }] },
    );
  }
}

function assertTarget(type: HabitType, target: number | null, unit: string | null): void {
  if (type === 'numeric' ? target === null : target !== null || unit !== null) {
    throw new HabitException(
      HabitErrorCode.HABIT_INVALID_TARGET,
      type === 'numeric'
        ? 'A numeric habit needs a target per day'
        : 'A yes/no habit takes no target or unit',
      { errors: [{ field: 'target', messages: [type === 'numeric' ? 'required' : 'not allowed'] }] },
    );
  }
}

/** Habits, their check-ins and freezes, strength and streaks, and the streak milestones they achieve (issue 19). */
@Injectable()
export class HabitsService implements OnModuleInit {
  constructor(
    private readonly habits: HabitsRepository,
    private readonly achievements: AchievementsService,
    private readonly reminders: RemindersService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Habit reminders: at the reminder time of each scheduled day, the habit's title — unless the day is checked in
   * or frozen already, which stays quiet — and the next scheduled day's; none once the habit is archived, deleted
   * or has no reminder time.
   */
  onModuleInit(): void {
    this.reminders.register('habit', {
      fire: async (tx, reminder) => {
        const habit = await this.habits.find(tx, reminder.subjectId);
        const next = habit ? nextHabitReminderAt(habit, reminder.fireAt) : null;
        if (!habit || !habit.reminderTime || habit.archived) {
          return null;
        }
        const day = formatDay(dayIn(habit.timeZone, reminder.fireAt));
        const done = await this.habits.dayRecord(tx, habit.id, day);
        return { title: done ? null : habit.title, next };
      },
    });
  }

  /** The habit's pending reminder at its next reminder time, or none. */
  private async syncReminder(tx: Tx, habit: HabitEntity): Promise<void> {
    const fireAt = nextHabitReminderAt(habit, new Date());
    if (fireAt) {
      await this.reminders.schedule(tx, {
        userId: habit.userId,
        subjectKind: 'habit',
        subjectId: habit.id,
        fireAt,
      });
    } else {
      await this.reminders.cancel(tx, 'habit', habit.id);
    }
  }

  async create(user: AuthenticatedUser, dto: CreateHabitDto): Promise<HabitDto> {
    const habit = await this.unitOfWork.run((tx) => this.createIn(tx, user.id, dto));
    return this.withStats(habit, []);
  }

  /**
   * Creates the user's habit in the caller's transaction, with POST /habits's checks (HabitException when one
   * fails): for the concretizer, which makes a goal's plan at once.
   */
  async createIn(tx: Tx, userId: string, dto: CreateHabitDto): Promise<HabitEntity> {
    const title = this.title(dto.title);
    const type = dto.type ?? 'yes-no';
    const unit = dto.unit === undefined ? null : cleanText(dto.unit, HABIT_UNIT_MAX_LENGTH, 'unit') || null;
    assertTarget(type, dto.target ?? null, unit);
    const schedule = dto.schedule ?? 'daily';
    const weekdays = [...(dto.weekdays ?? [])].sort((a, b) => a - b);
    assertSchedule(schedule, dto.timesPerWeek ?? null, weekdays);
    const timeZone = dto.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const today = dayIn(timeZone, new Date());
    const start = dto.startDate === undefined ? today : dayOf(dto.startDate, 'startDate');
    if (start > today || start < EARLIEST_START) {
      throw outOfRange('startDate', "must be from 2000-01-01 to today in the habit's time zone");
    }
    await lockOwnerProfile(tx, userId);
    const habit = await this.habits.create(tx, {
      userId,
      title,
      type,
      target: dto.target ?? null,
      unit,
      schedule,
      timesPerWeek: dto.timesPerWeek ?? null,
      weekdays,
      timeZone,
      reminderTime: dto.reminderTime ?? null,
      shareMilestones: dto.shareMilestones ?? 'private',
      archived: false,
      startDate: formatDay(start),
    });
    await this.syncReminder(tx, habit);
    return habit;
  }

  async get(user: AuthenticatedUser, habitId: string): Promise<HabitDto> {
    const habit = await this.habits.findOwned(user.id, habitId);
    if (!habit) {
      throw notFound(habitId);
    }
    return this.withStats(habit, await this.habits.days([habit.id]));
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<HabitPageDto> {
    const page = await this.habits.list(user.id, query);
    const days = await this.habits.days(page.items.map((habit) => habit.id));
    return { ...page, items: page.items.map((habit) => this.withStats(habit, days)) };
  }

  async update(
    user: AuthenticatedUser,
    habitId: string,
    dto: UpdateHabitDto,
    expected: ExpectedVersions,
  ): Promise<HabitDto> {
    return this.unitOfWork.run(async (tx) => {
      const habit = await this.habits.lockOwned(tx, user.id, habitId);
      if (!habit) {
        throw notFound(habitId);
      }
      assertVersionMatches(expected, habit.version);
      const unit =
        dto.unit === undefined ? habit.unit : cleanText(dto.unit, HABIT_UNIT_MAX_LENGTH, 'unit') || null;
      const target = dto.target ?? habit.target;
      assertTarget(habit.type, target, unit);
      const schedule = dto.schedule ?? habit.schedule;
      const timesPerWeek = dto.timesPerWeek ?? (dto.schedule ? null : habit.timesPerWeek);
      const weekdays = [...(dto.weekdays ?? (dto.schedule ? [] : habit.weekdays))].sort((a, b) => a - b);
      assertSchedule(schedule, timesPerWeek, weekdays);
      if (dto.timeZone !== undefined) {
        assertTimeZone(dto.timeZone);
        // A zone behind the old one may not have reached the start date yet: the habit starts on its today.
        const today = dayIn(dto.timeZone, new Date());
        if ((parseDay(habit.startDate) ?? today) > today) {
          habit.startDate = formatDay(today);
        }
      }
      Object.assign(habit, {
        title: dto.title === undefined ? habit.title : this.title(dto.title),
        target,
        unit,
        schedule,
        timesPerWeek,
        weekdays,
        timeZone: dto.timeZone ?? habit.timeZone,
        reminderTime: dto.reminderTime === undefined ? habit.reminderTime : dto.reminderTime,
        shareMilestones: dto.shareMilestones ?? habit.shareMilestones,
        archived: dto.archived ?? habit.archived,
      });
      const saved = await this.habits.update(tx, habit);
      await this.syncReminder(tx, saved);
      return this.withStats(saved, await this.habits.days([saved.id], tx));
    });
  }

  async remove(user: AuthenticatedUser, habitId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      if (!(await this.habits.lockOwned(tx, user.id, habitId))) {
        throw notFound(habitId);
      }
      await this.habits.remove(tx, habitId);
      await this.reminders.cancel(tx, 'habit', habitId);
    });
  }

  /**
   * Checks in on a day (today in the habit's zone by default): once per day, a repeat updates the day (a
   * freeze becomes a check-in). In the same transaction, the streak's milestones become achievements.
   */
  async checkIn(
    user: AuthenticatedUser,
    habitId: string,
    dto: CreateCheckinDto,
  ): Promise<{ result: CheckinResultDto; created: boolean }> {
    const note = cleanText(dto.note ?? '', CHECKIN_NOTE_MAX_LENGTH, 'note');
    return this.unitOfWork.run(async (tx) => {
      const habit = await this.lockActive(tx, user, habitId);
      const today = dayIn(habit.timeZone, new Date());
      const day = dto.date === undefined ? today : dayOf(dto.date, 'date');
      if (day > today || day < dayOf(habit.startDate, 'startDate')) {
        throw outOfRange('date', "must be from the habit's start to today in its time zone");
      }
      if (habit.type === 'yes-no' && dto.value !== undefined) {
        throw new HabitException(HabitErrorCode.HABIT_VALUE_NOT_ALLOWED, 'A yes/no habit takes no value', {
          errors: [{ field: 'value', messages: ['not allowed on a yes/no habit'] }],
        });
      }
      if (habit.type === 'numeric' && dto.value === undefined) {
        throw new HabitException(
          HabitErrorCode.HABIT_VALUE_REQUIRED,
          "A numeric habit's check-in needs a value",
          {
            errors: [{ field: 'value', messages: ['required on a numeric habit'] }],
          },
        );
      }
      const { day: checkin, created } = await this.habits.putDay(tx, {
        habitId: habit.id,
        date: formatDay(day),
        kind: 'done',
        value: dto.value ?? null,
        note,
      });
      const days = await this.habits.days([habit.id], tx);
      const stats = this.statsOf(habit, days);
      for (const milestone of STREAK_MILESTONES.filter((length) => stats.streak >= length)) {
        await this.achievements.record(tx, {
          userId: user.id,
          kind: 'habit-streak',
          subjectId: habit.id,
          milestone,
          title: habit.title,
          visibility: habit.shareMilestones,
        });
      }
      return {
        result: { checkin: toCheckinDto(checkin), habit: toHabitDto(habit, stats, formatDay(today)) },
        created,
      };
    });
  }

  /**
   * Plans a freeze: a day from today to FREEZE_AHEAD_DAYS ahead that keeps the streak though missed, at most
   * one per ISO week (Monday to Sunday in the habit's zone). Repeating it for the same day changes nothing.
   */
  async freeze(
    user: AuthenticatedUser,
    habitId: string,
    dto: CreateFreezeDto,
  ): Promise<{ result: CheckinDto; created: boolean }> {
    return this.unitOfWork.run(async (tx) => {
      const habit = await this.lockActive(tx, user, habitId);
      const today = dayIn(habit.timeZone, new Date());
      const day = dayOf(dto.date, 'date');
      if (day < today || day > today + FREEZE_AHEAD_DAYS) {
        throw new HabitException(
          HabitErrorCode.HABIT_FREEZE_NOT_AHEAD,
          `A freeze is planned for today or one of the next ${FREEZE_AHEAD_DAYS} days`,
          { errors: [{ field: 'date', messages: [`from today to ${FREEZE_AHEAD_DAYS} days ahead`] }] },
        );
      }
      const existing = await this.habits.findDay(tx, habit.id, formatDay(day));
      if (existing?.kind === 'freeze') {
        return { result: toCheckinDto(existing), created: false };
      }
      if (existing) {
        throw new HabitException(HabitErrorCode.HABIT_DAY_CHECKED_IN, `${dto.date} already has a check-in`);
      }
      const monday = weekStartOf(day);
      if ((await this.habits.freezesBetween(tx, habit.id, formatDay(monday), formatDay(monday + 6))) > 0) {
        throw new HabitException(
          HabitErrorCode.HABIT_FREEZE_LIMIT,
          `The week of ${formatDay(monday)} already has a freeze (one per week)`,
        );
      }
      const { day: frozen } = await this.habits.putDay(tx, {
        habitId: habit.id,
        date: formatDay(day),
        kind: 'freeze',
        value: null,
        note: '',
      });
      return { result: toCheckinDto(frozen), created: true };
    });
  }

  async listDays(user: AuthenticatedUser, habitId: string, query: ParsedListQuery): Promise<CheckinPageDto> {
    if (!(await this.habits.findOwned(user.id, habitId))) {
      throw notFound(habitId);
    }
    const page = await this.habits.listDays(habitId, query);
    return { ...page, items: page.items.map(toCheckinDto) };
  }

  /** Deletes the day's check-in or freeze. */
  async removeDay(user: AuthenticatedUser, habitId: string, date: string): Promise<void> {
    const day = dayOf(date, 'date');
    await this.unitOfWork.run(async (tx) => {
      if (!(await this.habits.lockOwned(tx, user.id, habitId))) {
        throw notFound(habitId);
      }
      if (!(await this.habits.removeDay(tx, habitId, formatDay(day)))) {
        throw new HabitException(HabitErrorCode.HABIT_CHECKIN_NOT_FOUND, `No check-in or freeze on ${date}`);
      }
    });
  }

  /**
   * The user's habits as a productivity profile shows them: counts and streaks only, never a title. Only the
   * habits whose milestones are shared with `visibilities` count (all of them for the user themselves).
   */
  async productivityOf(
    userId: string,
    visibilities: readonly ShareVisibility[] = SHARE_VISIBILITIES,
  ): Promise<HabitProductivity> {
    const habits = (await this.habits.allOf(userId)).filter((habit) =>
      visibilities.includes(habit.shareMilestones),
    );
    const days = await this.habits.days(habits.map((habit) => habit.id));
    const stats = habits.map((habit) => ({ habit, stats: this.statsOf(habit, days) }));
    const active = stats.filter(({ habit }) => !habit.archived);
    return {
      habits: active.length,
      bestCurrentStreak: Math.max(0, ...active.map(({ stats: { streak } }) => streak)),
      longestStreak: Math.max(0, ...stats.map(({ stats: { bestStreak } }) => bestStreak)),
    };
  }

  private title(text: string): string {
    const title = cleanText(text, HABIT_TITLE_MAX_LENGTH, 'title');
    if (!title) {
      throw new HabitException(HabitErrorCode.HABIT_EMPTY_TITLE, 'A habit needs a title', {
        errors: [{ field: 'title', messages: ['must not be empty'] }],
      });
    }
    return title;
  }

  private async lockActive(tx: Tx, user: AuthenticatedUser, habitId: string): Promise<HabitEntity> {
    const habit = await this.habits.lockOwned(tx, user.id, habitId);
    if (!habit) {
      throw notFound(habitId);
    }
    if (habit.archived) {
      throw new HabitException(
        HabitErrorCode.HABIT_ARCHIVED,
        'An archived habit takes no check-ins or freezes',
      );
    }
    return habit;
  }

  private statsOf(habit: HabitEntity, days: readonly HabitCheckinEntity[]): HabitStats {
    const today = dayIn(habit.timeZone, new Date());
    return habitStats(
      habit,
      parseDay(habit.startDate) ?? today,
      today,
      days
        .filter((day) => day.habitId === habit.id)
        .map((day) => ({ day: parseDay(day.date) ?? 0, kind: day.kind, value: day.value })),
    );
  }

  private withStats(habit: HabitEntity, days: readonly HabitCheckinEntity[]): HabitDto {
    return toHabitDto(habit, this.statsOf(habit, days), formatDay(dayIn(habit.timeZone, new Date())));
  }
}
