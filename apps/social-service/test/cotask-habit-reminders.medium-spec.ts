import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RemindersService } from '../src/cotask/reminders/reminders.service.js';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface PendingReminder {
  fire_at: Date;
}

/**
 * Habit reminders through CoTask's reminders job on real PostgreSQL (issue 19): a habit with a reminder time has
 * one pending reminder at its next scheduled day's time in the habit's zone; firing it tells the user and
 * schedules the next day's; a day already checked in stays quiet but keeps the chain; archiving or deleting the
 * habit cancels it. (Delivery over the socket is the tasks e2e's.)
 */
describe('social-service: CoTask habit reminders', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let reminders: RemindersService;
  let anna: SocialUser;

  const pending = (habitId: string) =>
    social.query<PendingReminder>(
      `SELECT fire_at FROM social.cotask_reminders WHERE subject_kind = 'habit' AND subject_id = $1 AND fired_at IS NULL`,
      [habitId],
    );
  const told = (habitId: string) =>
    social.query<{ title: string }>(
      `SELECT title FROM social.notifications WHERE user_id = $1 AND kind = 'reminder' AND subject_id = $2`,
      [anna.id, habitId],
    );
  /** Moves the habit's pending reminder to a minute ago, as if its time had come. */
  const comeDue = (habitId: string) =>
    social.query(
      `UPDATE social.cotask_reminders SET fire_at = now() - interval '1 minute'
        WHERE subject_kind = 'habit' AND subject_id = $1 AND fired_at IS NULL`,
      [habitId],
    );
  const berlinTime = (at: Date) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);

  beforeAll(async () => {
    // The schedule stays out of the way: the test fires reminders itself.
    social = await startSocialPlatform(adminUrl, 'hrem', { SOCIAL_REMINDERS_EVERY_MS: '3600000' });
    reminders = social.service.app.get(RemindersService);
    anna = await social.user('anna');
  });

  afterAll(async () => {
    await social?.close();
  });

  it('reminds at the habit’s time in its zone, then schedules the next day; a done day stays quiet', async () => {
    const habit = await social.call<{ id: string }>('POST', '/habits', anna, {
      title: 'Stretch',
      timeZone: 'Europe/Berlin',
      reminderTime: '07:30',
    });
    expect(habit.status).toBe(201);
    const [first] = await pending(habit.body.id);
    expect(berlinTime(first.fire_at)).toBe('07:30');
    expect(first.fire_at.getTime()).toBeGreaterThan(Date.now());
    expect(first.fire_at.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);

    await comeDue(habit.body.id);
    await reminders.fireDue();
    expect(await told(habit.body.id)).toEqual([{ title: 'Stretch' }]);
    const [next] = await pending(habit.body.id);
    expect(berlinTime(next.fire_at)).toBe('07:30');
    expect(next.fire_at.getTime()).toBeGreaterThan(Date.now());

    // Checked in today: today's reminder (come due again) tells nothing, and the chain goes on.
    expect((await social.call('POST', `/habits/${habit.body.id}/checkins`, anna, {})).status).toBe(201);
    await comeDue(habit.body.id);
    await reminders.fireDue();
    expect(await told(habit.body.id)).toHaveLength(1);
    expect(await pending(habit.body.id)).toHaveLength(1);
  });

  it('cancels the reminder of an archived, unreminded or deleted habit', async () => {
    const create = async (title: string) =>
      (
        await social.call<{ id: string; version: number }>('POST', '/habits', anna, {
          title,
          reminderTime: '21:00',
        })
      ).body;
    const [archived, unreminded, deleted] = [
      await create('Read'),
      await create('Walk'),
      await create('Floss'),
    ];
    const patch = (id: string, body: object) =>
      social.call('PATCH', `/habits/${id}`, anna, body, { 'if-match': '"1"' });
    expect((await patch(archived.id, { archived: true })).status).toBe(200);
    expect((await patch(unreminded.id, { reminderTime: null })).status).toBe(200);
    expect((await social.call('DELETE', `/habits/${deleted.id}`, anna)).status).toBe(204);
    for (const habit of [archived, unreminded, deleted]) {
      expect(await pending(habit.id)).toEqual([]);
    }
  });
});
