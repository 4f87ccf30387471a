import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { CheckinKind } from './habit-schedule.js';
import { HabitCheckinEntity } from './habit-checkin.entity.js';
import { HabitEntity } from './habit.entity.js';

export type NewHabit = Omit<HabitEntity, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'user'>;

export interface CheckinWrite {
  readonly habitId: string;
  readonly date: string;
  readonly kind: CheckinKind;
  readonly value: number | null;
  readonly note: string;
}

/** Habits and their days (check-ins and freezes): one aggregate, the habit's row lock guards its days. */
@Injectable()
export class HabitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  create(tx: Tx, habit: NewHabit): Promise<HabitEntity> {
    return tx.save(tx.create(HabitEntity, habit));
  }

  /** The user's habit, or null (someone else's is null too). */
  findOwned(userId: string, habitId: string): Promise<HabitEntity | null> {
    return this.dataSource.getRepository(HabitEntity).findOneBy({ id: habitId, userId });
  }

  /** The user's habit under a row lock for the rest of the transaction: its edits and days go one at a time. */
  lockOwned(tx: Tx, userId: string, habitId: string): Promise<HabitEntity | null> {
    return tx.findOne(HabitEntity, { where: { id: habitId, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes the changes and raises the version by one (the caller holds the row lock). */
  async update(tx: Tx, habit: HabitEntity): Promise<HabitEntity> {
    habit.version += 1;
    return tx.save(habit);
  }

  async remove(tx: Tx, habitId: string): Promise<void> {
    await tx.delete(HabitEntity, { id: habitId });
  }

  list(userId: string, query: ParsedListQuery): Promise<Page<HabitEntity>> {
    const builder = this.dataSource
      .getRepository(HabitEntity)
      .createQueryBuilder('habit')
      .where('habit.userId = :userId', { userId });
    return findPage(builder, query);
  }

  /** Every habit of the user (for the productivity profile's aggregates). */
  allOf(userId: string): Promise<HabitEntity[]> {
    return this.dataSource.getRepository(HabitEntity).findBy({ userId });
  }

  /** The habit itself in `tx` (the reminders job's), whoever owns it; null when deleted. */
  find(tx: Tx, habitId: string): Promise<HabitEntity | null> {
    return tx.findOneBy(HabitEntity, { id: habitId });
  }

  /** The habit's record of one local day (`YYYY-MM-DD`), if any. */
  dayRecord(tx: Tx, habitId: string, date: string): Promise<HabitCheckinEntity | null> {
    return tx.findOneBy(HabitCheckinEntity, { habitId, date });
  }

  /** Every day recorded for the habits, oldest first. */
  days(habitIds: readonly string[], tx?: Tx): Promise<HabitCheckinEntity[]> {
    if (habitIds.length === 0) {
      return Promise.resolve([]);
    }
    const manager = tx ?? this.dataSource.manager;
    return manager.find(HabitCheckinEntity, {
      where: { habitId: In([...habitIds]) },
      order: { date: 'ASC' },
    });
  }

  findDay(tx: Tx, habitId: string, date: string): Promise<HabitCheckinEntity | null> {
    return tx.findOneBy(HabitCheckinEntity, { habitId, date });
  }

  /**
   * Writes the habit's day: a new row, or the day's row updated (one row per habit and day even when
   * copies of the same check-in race, as the unique key decides). `created` tells which.
   */
  async putDay(tx: Tx, write: CheckinWrite): Promise<{ day: HabitCheckinEntity; created: boolean }> {
    const [row] = await tx.query<{ id: string; created: boolean }[]>(
      `INSERT INTO "social"."cotask_habit_checkins" ("id", "habit_id", "date", "kind", "value", "note")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("habit_id", "date") DO UPDATE
         SET "kind" = EXCLUDED."kind", "value" = EXCLUDED."value", "note" = EXCLUDED."note", "updated_at" = now()
       RETURNING "id", (xmax = 0) AS "created"`,
      [newId(), write.habitId, write.date, write.kind, write.value, write.note],
    );
    return { day: await tx.findOneByOrFail(HabitCheckinEntity, { id: row.id }), created: row.created };
  }

  /** The habit's freezes from `from` to `to` (local dates, both included). */
  async freezesBetween(tx: Tx, habitId: string, from: string, to: string): Promise<number> {
    const [row] = await tx.query<{ count: number }[]>(
      `SELECT count(*)::int AS "count" FROM "social"."cotask_habit_checkins"
        WHERE "habit_id" = $1 AND "kind" = 'freeze' AND "date" BETWEEN $2 AND $3`,
      [habitId, from, to],
    );
    return row.count;
  }

  async removeDay(tx: Tx, habitId: string, date: string): Promise<boolean> {
    const result = await tx.delete(HabitCheckinEntity, { habitId, date });
    return (result.affected ?? 0) > 0;
  }

  listDays(habitId: string, query: ParsedListQuery): Promise<Page<HabitCheckinEntity>> {
    const builder = this.dataSource
      .getRepository(HabitCheckinEntity)
      .createQueryBuilder('checkin')
      .where('checkin.habitId = :habitId', { habitId });
    return findPage(builder, query);
  }
}
