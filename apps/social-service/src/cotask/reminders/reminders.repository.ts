import { newId, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { ReminderDraft, ReminderSubjectKind } from './reminder.types.js';

export interface DueReminder {
  readonly id: string;
  readonly userId: string;
  readonly subjectKind: ReminderSubjectKind;
  readonly subjectId: string;
  readonly fireAt: Date;
}

/** The only code that touches reminders. */
@Injectable()
export class RemindersRepository {
  /** The user's pending reminder of the subject, at `fireAt` (replacing one pending already). */
  async schedule(tx: Tx, draft: ReminderDraft): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."cotask_reminders" ("id", "user_id", "subject_kind", "subject_id", "fire_at")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("user_id", "subject_kind", "subject_id") WHERE "fired_at" IS NULL
       DO UPDATE SET "fire_at" = EXCLUDED."fire_at"`,
      [newId(), draft.userId, draft.subjectKind, draft.subjectId, draft.fireAt],
    );
  }

  /** Drops the subject's pending reminders (of one user, or everyone's). */
  async cancel(tx: Tx, subjectKind: ReminderSubjectKind, subjectId: string, userId?: string): Promise<void> {
    await tx.query(
      `DELETE FROM "social"."cotask_reminders"
        WHERE "subject_kind" = $1 AND "subject_id" = $2 AND "fired_at" IS NULL AND ($3::uuid IS NULL OR "user_id" = $3)`,
      [subjectKind, subjectId, userId ?? null],
    );
  }

  /** Up to `limit` pending reminders due by `now`, oldest first, locked (others skip them). */
  async lockDue(tx: Tx, now: Date, limit: number): Promise<DueReminder[]> {
    const rows = await tx.query<
      { id: string; user_id: string; subject_kind: ReminderSubjectKind; subject_id: string; fire_at: Date }[]
    >(
      `SELECT "id", "user_id", "subject_kind", "subject_id", "fire_at" FROM "social"."cotask_reminders"
        WHERE "fired_at" IS NULL AND "fire_at" <= $1
        ORDER BY "fire_at", "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      fireAt: new Date(row.fire_at),
    }));
  }

  async markFired(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.query(`UPDATE "social"."cotask_reminders" SET "fired_at" = $2 WHERE "id" = $1`, [id, now]);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM "social"."cotask_reminders" WHERE "id" = $1`, [id]);
  }
}
