import type { Tx } from '@agora/database';
import type { RemindersService } from '../reminders/reminders.service.js';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { AchievementDraft } from '../achievements/achievement.types.js';
import type { AchievementsService } from '../achievements/achievements.service.js';
import type { HabitCheckinEntity } from './habit-checkin.entity.js';
import { dayIn, formatDay } from './habit-time.js';
import type { HabitEntity } from './habit.entity.js';
import { HabitException } from './habits.errors.js';
import type { CheckinWrite, HabitsRepository } from './habits.repository.js';
import { HabitsService } from './habits.service.js';

const tx = {} as Tx;
const today = dayIn('UTC', new Date());

const habitOf = (values: Partial<HabitEntity>): HabitEntity =>
  ({
    id: 'h1',
    userId: 'u1',
    version: 1,
    title: 'Run',
    type: 'yes-no',
    target: null,
    unit: null,
    schedule: 'daily',
    timesPerWeek: null,
    weekdays: [],
    timeZone: 'UTC',
    reminderTime: null,
    shareMilestones: 'followers',
    archived: false,
    startDate: formatDay(today - 40),
    createdAt: new Date(),
    updatedAt: new Date(),
    ...values,
  }) as HabitEntity;

/** Check-ins of the habit on the days `offsets` before today (0 = today). */
const daysOf = (habitId: string, offsets: readonly number[]): HabitCheckinEntity[] =>
  offsets.map(
    (offset) =>
      ({
        id: `${habitId}-${offset}`,
        habitId,
        date: formatDay(today - offset),
        kind: 'done',
        value: null,
        note: '',
        createdAt: new Date(),
        updatedAt: new Date(),
      }) as HabitCheckinEntity,
  );

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('HabitsService', () => {
  it("records each streak milestone reached, in the check-in's transaction, with the habit's visibility", async () => {
    const habit = habitOf({});
    const drafts: AchievementDraft[] = [];
    const record = vi.fn((recordTx: Tx, draft: AchievementDraft) => {
      expect(recordTx).toBe(tx);
      drafts.push(draft);
      return Promise.resolve();
    });
    const service = new HabitsService(
      strictMock<HabitsRepository>('HabitsRepository', {
        lockOwned: () => Promise.resolve(habit),
        putDay: (_tx: Tx, write: CheckinWrite) =>
          Promise.resolve({
            day: { ...daysOf('h1', [0])[0], ...write } as HabitCheckinEntity,
            created: true,
          }),
        days: () => Promise.resolve(daysOf('h1', range(0, 30))),
      }),
      strictMock<AchievementsService>('AchievementsService', { record }),
      strictMock<RemindersService>('RemindersService', {}),
      inlineUnitOfWork(tx),
    );
    const { result, created } = await service.checkIn(actingUser('u1'), 'h1', {});
    expect(created).toBe(true);
    expect(result.habit).toMatchObject({ streak: 31, bestStreak: 31 });
    expect(drafts).toEqual(
      [7, 30].map((milestone) => ({
        userId: 'u1',
        kind: 'habit-streak',
        subjectId: 'h1',
        milestone,
        title: 'Run',
        visibility: 'followers',
      })),
    );
  });

  it('refuses a value on a yes/no habit before writing anything', async () => {
    const service = new HabitsService(
      strictMock<HabitsRepository>('HabitsRepository', { lockOwned: () => Promise.resolve(habitOf({})) }),
      strictMock<AchievementsService>('AchievementsService'),
      strictMock<RemindersService>('RemindersService', {}),
      inlineUnitOfWork(tx),
    );
    const error = await rejectionOf(service.checkIn(actingUser('u1'), 'h1', { value: 2 }), HabitException);
    expect(error.code).toBe('HABIT_VALUE_NOT_ALLOWED');
  });

  it('gives the productivity profile aggregates of the habits shared with the viewer, no titles', async () => {
    const habits = [
      habitOf({ id: 'a', shareMilestones: 'public' }),
      habitOf({ id: 'b', shareMilestones: 'followers' }),
      habitOf({ id: 'c', shareMilestones: 'private', title: 'Secret' }),
      habitOf({ id: 'd', shareMilestones: 'public', archived: true }),
    ];
    const days = [
      ...daysOf('a', range(0, 4)), // current 5
      ...daysOf('b', [...range(0, 1), ...range(3, 12)]), // current 2, best 10
      ...daysOf('c', range(0, 20)), // current 21
      ...daysOf('d', range(5, 30)), // archived, best 26
    ];
    const service = new HabitsService(
      strictMock<HabitsRepository>('HabitsRepository', {
        allOf: () => Promise.resolve(habits),
        days: (ids: readonly string[]) => Promise.resolve(days.filter((day) => ids.includes(day.habitId))),
      }),
      strictMock<AchievementsService>('AchievementsService'),
      strictMock<RemindersService>('RemindersService', {}),
      inlineUnitOfWork(tx),
    );
    expect(await service.productivityOf('u1')).toEqual({
      habits: 3,
      bestCurrentStreak: 21,
      longestStreak: 26,
    });
    expect(await service.productivityOf('u1', ['public', 'followers'])).toEqual({
      habits: 2,
      bestCurrentStreak: 5,
      longestStreak: 26,
    });
    const strangers = await service.productivityOf('u1', ['public']);
    expect(strangers).toEqual({ habits: 1, bestCurrentStreak: 5, longestStreak: 26 });
    expect(JSON.stringify(strangers)).not.toContain('Secret');
  });
});
