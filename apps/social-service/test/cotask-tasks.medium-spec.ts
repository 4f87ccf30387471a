import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RemindersJob } from '../src/cotask/reminders/reminders.job.js';
import { RemindersService } from '../src/cotask/reminders/reminders.service.js';
import { TasksService } from '../src/cotask/tasks/tasks.service.js';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

const N = 6;

/**
 * CoTask tasks and reminders on real PostgreSQL (issue 19): however many runs of the reminders job (and direct
 * calls) meet, each due reminder becomes one notification, and is marked fired; a reminder of a task deleted
 * meanwhile is dropped without one. The productivity profile gets counts of completions only.
 */
describe('social-service: CoTask tasks and reminders', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let anna: SocialUser;

  beforeAll(async () => {
    // The schedule stays out of the way: the test runs the job itself.
    social = await startSocialPlatform(adminUrl, 'rem', { SOCIAL_REMINDERS_EVERY_MS: '3600000' });
    anna = await social.user('anna');
  });

  afterAll(async () => {
    await social?.close();
  });

  it('fires each due reminder once however many runs meet', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const taskIds: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const task = await social.call<{ id: string }>('POST', '/tasks', anna, {
        title: `Task ${index}`,
        remindAt: past,
      });
      expect(task.status).toBe(201);
      taskIds.push(task.body.id);
    }
    const gone = await social.call<{ id: string }>('POST', '/tasks', anna, { title: 'Gone', remindAt: past });
    // Deleted behind the service's back: the handler finds no task and the reminder is dropped.
    await social.query(`DELETE FROM social.cotask_tasks WHERE id = $1`, [gone.body.id]);

    const reminders = social.service.app.get(RemindersService);
    await Promise.all([
      ...Array.from({ length: N }, () => social.service.jobs.run(RemindersJob.NAME)),
      ...Array.from({ length: N }, () => reminders.fireDue()),
    ]);

    const notified = await social.query<{ subject_id: string; title: string }>(
      `SELECT subject_id, title FROM social.notifications WHERE user_id = $1 AND kind = 'reminder' ORDER BY title`,
      [anna.id],
    );
    expect(notified).toEqual(taskIds.map((id, index) => ({ subject_id: id, title: `Task ${index}` })));
    const left = await social.query<{ subject_id: string; fired: boolean }>(
      `SELECT subject_id, fired_at IS NOT NULL AS fired FROM social.cotask_reminders WHERE user_id = $1`,
      [anna.id],
    );
    expect(left.every((row) => row.fired)).toBe(true);
    expect(left.map((row) => row.subject_id).sort()).toEqual([...taskIds].sort());
  });

  it('counts completions in the last 7 and 30 days for the productivity profile, and nothing else', async () => {
    const tasks = social.service.app.get(TasksService);
    const boris = await social.user('boris');
    expect(await tasks.productivityOf(boris.id)).toEqual({ completedLast7Days: 0, completedLast30Days: 0 });
    const daily = await social.call<{ id: string }>('POST', '/tasks', boris, {
      title: 'Stretch',
      due: '2026-01-01',
      recurrence: 'every day',
    });
    for (let index = 0; index < 3; index += 1) {
      expect((await social.call('POST', `/tasks/${daily.body.id}/complete`, boris)).status).toBe(200);
    }
    // One completion 10 days ago, one 40 days ago.
    await social.query(
      `UPDATE social.cotask_task_completions SET created_at = now() - interval '10 days' WHERE occurrence = '2026-01-02'`,
    );
    await social.query(
      `UPDATE social.cotask_task_completions SET created_at = now() - interval '40 days' WHERE occurrence = '2026-01-03'`,
    );
    expect(await tasks.productivityOf(boris.id)).toEqual({ completedLast7Days: 1, completedLast30Days: 2 });
  });
});
