import type { Tx } from '@agora/database';
import { UnitOfWork } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { NotificationEntity } from '../../notifications/notification.entity.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import type { ReminderDraft, ReminderHandler, ReminderSubjectKind } from './reminder.types.js';
import { RemindersRepository } from './reminders.repository.js';

/** Reminders one run of the job fires at most (the next run takes the rest). */
const BATCH = 200;

/**
 * CoTask reminders (issue 19), generic over what they are about: a module schedules and cancels its
 * subjects' reminders in its own transactions and registers a {@link ReminderHandler} for its kind; the
 * reminders job fires what is due as `reminder` notifications pushed over the socket.
 */
@Injectable()
export class RemindersService {
  private readonly handlers = new Map<ReminderSubjectKind, ReminderHandler>();

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The handler of a subject kind (one per kind, from the owning module's `onModuleInit`). */
  register(kind: ReminderSubjectKind, handler: ReminderHandler): void {
    if (this.handlers.has(kind)) {
      throw new Error(`A reminder handler for ${kind} is registered already`);
    }
    this.handlers.set(kind, handler);
  }

  /** Schedules the user's reminder of the subject at `fireAt`, replacing a pending one. */
  schedule(tx: Tx, draft: ReminderDraft): Promise<void> {
    return this.reminders.schedule(tx, draft);
  }

  /** Cancels the subject's pending reminders (one user's, or everyone's). */
  cancel(tx: Tx, subjectKind: ReminderSubjectKind, subjectId: string, userId?: string): Promise<void> {
    return this.reminders.cancel(tx, subjectKind, subjectId, userId);
  }

  /**
   * Fires the reminders due by `now`: each becomes a notification, in the transaction that marks it fired
   * (and schedules its next one when the handler says so), pushed over the socket after commit. Rows are
   * locked with SKIP LOCKED, and the job holds an advisory lock, so a reminder fires once across replicas.
   */
  async fireDue(now = new Date()): Promise<number> {
    const written: NotificationEntity[] = [];
    const fired = await this.unitOfWork.run(async (tx) => {
      const due = await this.reminders.lockDue(tx, now, BATCH);
      for (const reminder of due) {
        const handler = this.handlers.get(reminder.subjectKind);
        const firing = handler ? await handler.fire(tx, reminder) : null;
        if (!firing) {
          await this.reminders.remove(tx, reminder.id);
          continue;
        }
        await this.reminders.markFired(tx, reminder.id, now);
        if (firing.next) {
          await this.reminders.schedule(tx, { ...reminder, fireAt: firing.next });
        }
        if (firing.title === null) {
          continue;
        }
        const notification = await this.notifications.record(tx, {
          userId: reminder.userId,
          kind: 'reminder',
          actorId: null,
          subject: { kind: reminder.subjectKind, id: reminder.subjectId, title: firing.title },
        });
        if (notification) {
          written.push(notification);
        }
      }
      return due.length;
    });
    await this.notifications.push(written);
    return fired;
  }
}
