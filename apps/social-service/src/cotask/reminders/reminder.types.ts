import type { Tx } from '@agora/database';

/** What a CoTask reminder is about (issue 19). */
export const REMINDER_SUBJECT_KINDS = ['task', 'habit'] as const;
export type ReminderSubjectKind = (typeof REMINDER_SUBJECT_KINDS)[number];

/** A reminder to schedule: at `fireAt`, `userId` is told about the subject. */
export interface ReminderDraft {
  readonly userId: string;
  readonly subjectKind: ReminderSubjectKind;
  readonly subjectId: string;
  readonly fireAt: Date;
}

/** What the subject's module says when its reminder fires. */
export interface ReminderFiring {
  /**
   * The title the notification shows (sanitized by the module); null when there is nothing to tell this time
   * (a habit already done today), which still schedules `next`.
   */
  readonly title: string | null;
  /** When to remind again (a habit's next day), or null: the module reschedules itself, or never. */
  readonly next: Date | null;
}

/**
 * The module that owns a subject kind (tasks, habits) registers one with `RemindersService.register` in its
 * `onModuleInit`. `fire` runs in the job's transaction: null drops the reminder without a notification (the
 * subject is gone, completed, or no longer the user's).
 */
export interface ReminderHandler {
  fire(
    tx: Tx,
    reminder: { readonly userId: string; readonly subjectId: string; readonly fireAt: Date },
  ): Promise<ReminderFiring | null>;
}
