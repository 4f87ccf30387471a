import { atOnce, copies, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface PlannedTask {
  title: string;
  notes: string | null;
  due: string;
  recurrence: string | null;
  priority: number;
}
interface PlannedHabit {
  title: string;
  target: number | null;
  unit: string | null;
  schedule: { kind: string; times?: number; days?: string[] };
}
interface Plan {
  template: string;
  tasks: PlannedTask[];
  habits: PlannedHabit[];
  decks: { title: string; source: string | null }[];
}
interface Goal {
  id: string;
  title: string;
  deadline: string;
  timeZone: string;
  status: 'proposed' | 'accepted';
  plan: Plan;
  outcome: { taskIds: string[]; habitIds: string[]; deckIds: string[] } | null;
  version: number;
}
interface Productivity {
  userId: string;
  tasks: { completedLast7Days: number; completedLast30Days: number };
  habits: { habits: number; bestCurrentStreak: number; longestStreak: number };
  cards: { reviewedLast7Days: number; reviewedLast30Days: number; measuredRetention: number | null };
}

const DAY_MS = 86_400_000;
const utcDay = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
/** The date `offset` days after today in the time zone (Berlin's today is UTC's tomorrow from 23:00 UTC in winter). */
const dayIn = (timeZone: string, offset: number): string => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
};

/**
 * CoTask's concretizer and productivity profile through `npm start`'s gateway (issue 19): a goal gets a proposed
 * plan, edited under If-Match, then accepted once — its decks, tasks and habits made together or not at all —
 * and a profile's viewers see counts and streaks, never contents.
 */
describe('goals and the productivity profile through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let ann: SignedInUser;
  let bob: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const propose = async (user: SignedInUser, body: Record<string, unknown>): Promise<Goal> => {
    const created = await call<Goal>('POST', '/goals', user, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const tasksTitled = async (title: string) =>
    (
      await query<{ count: number }>(
        `SELECT count(*)::int AS count FROM social.cotask_tasks WHERE title = $1`,
        [title],
      )
    )[0].count;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'goals', {
      env: { ...adminEnv(inbox), REGISTRATION_MAX_PER_IP: '100', SOCIAL_COTASK_BULK_WRITES_PER_HOUR: '20' },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    ann = await api.socialUser(users, 'gl_ann');
    bob = await api.socialUser(users, 'gl_bob');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('proposes a plan for a goal, takes the user’s edits under If-Match, and makes it all when accepted, once', async () => {
    // 13 weeks from the goal's own today: the weekly reviews count from there.
    const deadline = dayIn('Europe/Berlin', 91);
    const goal = await propose(ann, {
      title: 'Learn the coffee origins by March',
      deadline,
      timeZone: 'Europe/Berlin',
    });
    expect(goal).toMatchObject({ status: 'proposed', outcome: null, version: 1, timeZone: 'Europe/Berlin' });
    expect(goal.plan.template).toBe('learn');
    expect(goal.plan.decks).toEqual([{ title: 'Coffee origins', source: 'coffee-origins' }]);
    expect(goal.plan.habits).toEqual([
      expect.objectContaining({ title: 'Review the cards of “Coffee origins”', schedule: { kind: 'daily' } }),
    ]);
    expect(goal.plan.tasks.at(-1)).toMatchObject({ due: deadline, recurrence: null });
    expect(goal.plan.tasks[0].recurrence).toBe('FREQ=WEEKLY;COUNT=13');
    // Nothing is made before the goal is accepted.
    expect(await tasksTitled('Weekly review: Learn the coffee origins by March')).toBe(0);
    expect((await call<{ items: Goal[] }>('GET', '/goals', ann)).body.items.map((item) => item.id)).toContain(
      goal.id,
    );
    expectProblem(await call('GET', `/goals/${goal.id}`, bob), 404, 'GOAL_NOT_FOUND');

    // The user reviews on weekdays only and adds a task of their own.
    const plan: Plan = {
      ...goal.plan,
      habits: [{ ...goal.plan.habits[0], schedule: { kind: 'weekdays', days: ['MO', 'WE', 'FR'] } }],
      tasks: [
        ...goal.plan.tasks,
        { title: 'Buy a world map', notes: 'For the wall', due: utcDay(3), recurrence: null, priority: 2 },
      ],
    };
    expectProblem(await call('PATCH', `/goals/${goal.id}`, ann, { plan }, { 'if-match': '"7"' }), 412);
    const edited = await call<Goal>('PATCH', `/goals/${goal.id}`, ann, { plan }, { 'if-match': '"1"' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.plan.tasks).toHaveLength(goal.plan.tasks.length + 1);
    // A field sent as null is left as it was.
    const kept = await call<Goal>(
      'PATCH',
      `/goals/${goal.id}`,
      ann,
      { plan: null, title: null },
      { 'if-match': '"2"' },
    );
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.plan).toEqual(edited.body.plan);

    const accepted = await call<Goal>('POST', `/goals/${goal.id}/accept`, ann);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const outcome = accepted.body.outcome!;
    expect(outcome.taskIds).toHaveLength(plan.tasks.length);
    expect(outcome.habitIds).toHaveLength(1);
    expect(outcome.deckIds).toHaveLength(1);

    const review = await call<{ title: string; recurrence: string | null; timeZone: string }>(
      'GET',
      `/tasks/${outcome.taskIds[0]}`,
      ann,
    );
    expect(review.body).toMatchObject({ title: plan.tasks[0].title, timeZone: 'Europe/Berlin' });
    expect(review.body.recurrence).toContain('FREQ=WEEKLY');
    const habit = await call<{ schedule: string; weekdays: number[]; timeZone: string }>(
      'GET',
      `/habits/${outcome.habitIds[0]}`,
      ann,
    );
    expect(habit.body).toMatchObject({
      schedule: 'weekdays',
      weekdays: [1, 3, 5],
      timeZone: 'Europe/Berlin',
    });
    const deck = await call<{ title: string; generated: string | null }>(
      'GET',
      `/decks/${outcome.deckIds[0]}`,
      ann,
    );
    expect(deck.body).toMatchObject({ title: 'Coffee origins', generated: 'coffee-origins' });

    expectProblem(await call('POST', `/goals/${goal.id}/accept`, ann), 409, 'GOAL_ALREADY_ACCEPTED');
    expectProblem(
      await call('PATCH', `/goals/${goal.id}`, ann, { title: 'Later' }, { 'if-match': '"4"' }),
      409,
      'GOAL_ALREADY_ACCEPTED',
    );
    // A second goal with the same catalog deck follows the deck the user has.
    const again = await propose(ann, { title: 'Study coffee origins once more', deadline: utcDay(30) });
    const second = await call<Goal>('POST', `/goals/${again.id}/accept`, ann);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.outcome!.deckIds).toEqual(outcome.deckIds);
  });

  it('accepts a goal once however many accepts meet, and makes nothing when an item is refused', async () => {
    const title = 'Renovate the bathroom';
    const goal = await propose(ann, { title, deadline: utcDay(60) });
    expect(goal.plan.template).toBe('project');
    const answers = await atOnce(copies(8, () => call('POST', `/goals/${goal.id}/accept`, ann)));
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 1, 409: 7 });
    expect(await tasksTitled(`Check the result: ${title}`)).toBe(1);

    const broken = await propose(ann, { title: 'Run 5 km 3 times a week', deadline: utcDay(40) });
    expect(broken.plan.habits[0]).toMatchObject({
      target: 5,
      unit: 'km',
      schedule: { kind: 'times-per-week', times: 3 },
    });
    const plan = {
      ...broken.plan,
      tasks: [
        ...broken.plan.tasks,
        { title: 'Never made', notes: null, due: utcDay(2), recurrence: 'every blue moon', priority: 1 },
      ],
    };
    expect((await call('PATCH', `/goals/${broken.id}`, ann, { plan }, { 'if-match': '"1"' })).status).toBe(
      200,
    );
    expectProblem(await call('POST', `/goals/${broken.id}/accept`, ann), 422, 'INVALID_RECURRENCE');
    expect(await tasksTitled('Never made')).toBe(0);
    expect(await tasksTitled(`Check the result: ${broken.title}`)).toBe(0);
    expect((await call<Goal>('GET', `/goals/${broken.id}`, ann)).body.status).toBe('proposed');
  });

  it('refuses bad goals and plans with 4xx problems', async () => {
    expectProblem(
      await call('POST', '/goals', ann, { title: 'Yesterday', deadline: utcDay(-1) }),
      422,
      'GOAL_DEADLINE_OUT_OF_RANGE',
    );
    expectProblem(
      await call('POST', '/goals', ann, { title: 'Far', deadline: '2099-01-01' }),
      422,
      'GOAL_DEADLINE_OUT_OF_RANGE',
    );
    expectProblem(await call('POST', '/goals', ann, { title: 'Leap', deadline: '2027-02-30' }), 400);
    expectProblem(
      await call('POST', '/goals', ann, { title: 'Zone', deadline: utcDay(9), timeZone: 'Mars/Base' }),
      422,
      'INVALID_TIME_ZONE',
    );
    expectProblem(
      await call('POST', '/goals', ann, { title: '   ', deadline: utcDay(9) }),
      422,
      'GOAL_PLAN_INVALID',
    );
    expectProblem(await call('POST', '/goals', ann, { title: 'x'.repeat(5000), deadline: utcDay(9) }), 400);
    expectProblem(await call('POST', '/goals', ann, { title: 'Nul\u0000', deadline: utcDay(9) }), 400);
    expectProblem(await call('POST', '/goals', undefined, { title: 'Anonymous', deadline: utcDay(9) }), 401);

    const goal = await propose(ann, { title: 'Write a novel', deadline: utcDay(200) });
    const patch = (plan: unknown) => call('PATCH', `/goals/${goal.id}`, ann, { plan }, { 'if-match': '"1"' });
    expectProblem(await patch({ ...goal.plan, tasks: [], habits: [], decks: [] }), 422, 'GOAL_PLAN_INVALID');
    expectProblem(
      await patch({
        ...goal.plan,
        habits: [{ title: 'Write', target: null, unit: null, schedule: { kind: 'weekdays' } }],
      }),
      422,
      'GOAL_PLAN_INVALID',
    );
    expectProblem(await patch({ ...goal.plan, tasks: [{ ...goal.plan.tasks[0], priority: 9 }] }), 400);
    expectProblem(await patch({ ...goal.plan, tasks: [{ ...goal.plan.tasks[0], due: '2026-13-01' }] }), 400);
    expectProblem(await patch({ ...goal.plan, decks: [{ title: 'Mine', source: 'moon-rocks' }] }), 400);
    expectProblem(await call('POST', `/goals/${goal.id}/accept`, bob), 404, 'GOAL_NOT_FOUND');
    expectProblem(await call('DELETE', `/goals/${goal.id}`, bob), 404, 'GOAL_NOT_FOUND');
    expect((await call('DELETE', `/goals/${goal.id}`, ann)).status).toBe(204);
    expectProblem(await call('GET', `/goals/${goal.id}`, ann), 404, 'GOAL_NOT_FOUND');
  });

  it('limits an account’s writes that make many rows: accepting goals, following and copying decks', async () => {
    const dan = await api.socialUser(users, 'gl_dan');
    const missing = '00000000-0000-7000-8000-000000000001';
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expectProblem(await call('POST', `/goals/${missing}/accept`, dan), 404, 'GOAL_NOT_FOUND');
    }
    expectProblem(await call('POST', `/goals/${missing}/accept`, dan), 429, 'RATE_LIMITED');
    // Each kind is counted apart, and each account: following a catalog deck still works, as do others' accepts.
    expect((await call('POST', '/decks/generated/soviet-calibres', dan)).status).toBe(201);
    expectProblem(await call('POST', `/goals/${missing}/accept`, bob), 404, 'GOAL_NOT_FOUND');
  });

  it('shows a profile’s productivity as counts and streaks, habits only as far as their milestones are shared', async () => {
    const cat = await api.socialUser(users, 'gl_cat');
    const task = await call<{ id: string }>('POST', '/tasks', cat, { title: 'Water the plants' });
    expect((await call('POST', `/tasks/${task.body.id}/complete`, cat)).status).toBe(200);
    for (const shareMilestones of ['public', 'private']) {
      const habit = await call<{ id: string }>('POST', '/habits', cat, {
        title: `Secret habit ${shareMilestones}`,
        shareMilestones,
      });
      expect((await call('POST', `/habits/${habit.body.id}/checkins`, cat, {})).status).toBe(201);
    }

    const own = await call<Productivity>('GET', `/profiles/${cat.id}/productivity`, cat);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toEqual({
      userId: cat.id,
      tasks: { completedLast7Days: 1, completedLast30Days: 1 },
      habits: { habits: 2, bestCurrentStreak: 1, longestStreak: 1 },
      cards: { reviewedLast7Days: 0, reviewedLast30Days: 0, measuredRetention: null },
    });
    const stranger = await call<Productivity>('GET', `/profiles/${cat.id}/productivity`);
    expect(stranger.status).toBe(200);
    expect(stranger.body.habits).toEqual({ habits: 1, bestCurrentStreak: 1, longestStreak: 1 });
    expect(stranger.body.tasks).toEqual(own.body.tasks);
    expect(JSON.stringify(stranger.body)).not.toMatch(/Water the plants|Secret habit/);
    expectProblem(await call('GET', '/profiles/00000000-0000-7000-8000-000000000000/productivity', bob), 404);
    expectProblem(await call('GET', '/profiles/not-a-uuid/productivity', bob), 400);
  });
});
