import type { Tx, UnitOfWork } from '@agora/database';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationEntity } from '../../notifications/notification.entity.js';
import type { NotificationsService } from '../../notifications/notifications.service.js';
import type { DueReminder, RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

const tx = {} as Tx;
const firedAt = new Date('2026-03-16T08:00:00Z');

function setup(due: DueReminder[]) {
  const repository = {
    lockDue: vi.fn().mockResolvedValue(due),
    markFired: vi.fn().mockResolvedValue(undefined),
    remove: vi.fn().mockResolvedValue(undefined),
    schedule: vi.fn().mockResolvedValue(undefined),
  };
  const written = (userId: string) => ({ id: 'n', userId }) as NotificationEntity;
  const notifications = {
    record: vi.fn((_tx: Tx, draft: { userId: string }) => Promise.resolve(written(draft.userId))),
    push: vi.fn().mockResolvedValue(undefined),
  };
  const unitOfWork = { run: <T>(work: (tx: Tx) => Promise<T>) => work(tx) };
  const service = new RemindersService(
    repository as unknown as RemindersRepository,
    notifications as unknown as NotificationsService,
    unitOfWork as unknown as UnitOfWork,
  );
  return { service, repository, notifications };
}

const reminder = (subjectKind: 'task' | 'habit', subjectId: string): DueReminder => ({
  id: `r-${subjectId}`,
  userId: 'u1',
  subjectKind,
  subjectId,
  fireAt: firedAt,
});

describe('RemindersService', () => {
  it('fires through the handler of each kind: a habit reminds again at the time its module gives', async () => {
    const { service, repository, notifications } = setup([reminder('habit', 'h1'), reminder('task', 't1')]);
    const next = new Date('2026-03-17T08:00:00Z');
    service.register('habit', { fire: () => Promise.resolve({ title: 'Drink water', next }) });
    service.register('task', { fire: () => Promise.resolve({ title: 'Pay rent', next: null }) });

    expect(await service.fireDue(firedAt)).toBe(2);
    expect(notifications.record.mock.calls.map(([, draft]) => draft)).toEqual([
      {
        userId: 'u1',
        kind: 'reminder',
        actorId: null,
        subject: { kind: 'habit', id: 'h1', title: 'Drink water' },
      },
      {
        userId: 'u1',
        kind: 'reminder',
        actorId: null,
        subject: { kind: 'task', id: 't1', title: 'Pay rent' },
      },
    ]);
    expect(repository.markFired).toHaveBeenCalledTimes(2);
    expect(repository.schedule).toHaveBeenCalledExactlyOnceWith(
      tx,
      expect.objectContaining({ subjectId: 'h1', fireAt: next }),
    );
    expect(notifications.push).toHaveBeenCalledOnce();
  });

  it('drops a reminder whose subject is gone, or whose kind has no handler, without a notification', async () => {
    const { service, repository, notifications } = setup([reminder('task', 'gone'), reminder('habit', 'h2')]);
    service.register('task', { fire: () => Promise.resolve(null) });

    await service.fireDue(firedAt);
    expect(repository.remove.mock.calls.map(([, id]) => id as string)).toEqual(['r-gone', 'r-h2']);
    expect(notifications.record).not.toHaveBeenCalled();
    expect(repository.markFired).not.toHaveBeenCalled();
  });

  it('takes one handler per kind', () => {
    const { service } = setup([]);
    service.register('habit', { fire: () => Promise.resolve(null) });
    expect(() => service.register('habit', { fire: () => Promise.resolve(null) })).toThrow(
      /registered already/,
    );
  });
});
