import {
  atOnce,
  connectRealtime,
  copies,
  queryRows,
  startSmtpInbox,
  tally,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi, type Answer } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Habit {
  id: string;
  version: number;
  title: string;
  type: string;
  target: number | null;
  unit: string | null;
  schedule: string;
  timesPerWeek: number | null;
  weekdays: number[];
  timeZone: string;
  reminderTime: string | null;
  shareMilestones: string;
  archived: boolean;
  startDate: string;
  today: string;
  strength: number;
  streak: number;
  bestStreak: number;
}

interface Checkin {
  id: string;
  habitId: string;
  date: string;
  kind: 'done' | 'freeze';
  value: number | null;
  note: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Notification {
  kind: string;
  subjectKind: string | null;
  subjectId: string | null;
  title: string | null;
}

interface Achievement {
  kind: string;
  milestone: number;
  title: string;
  visibility: string;
}

const DAY_MS = 86_400_000;
/** A UTC habit's local date `offset` days from today. */
const utcDay = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
const weekdayOf = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** Loop's multiplier of a daily habit. */
const M = 0.5 ** (1 / 13);
const percent = (score: number): number => Math.round(score * 1000) / 10;

/**
 * CoTask's habits through `npm start`'s gateway (issue 19): yes/no and numeric habits on schedules in their
 * own time zones, check-ins once per day, planned freezes (one per week), Loop's strength, streaks and their
 * milestones as achievements, a reminder over the socket, owners only, hostile input and races.
 */
describe('habits through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let ann: SignedInUser;
  let bob: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const habit = async (user: SignedInUser, body: Record<string, unknown>): Promise<Habit> => {
    const created = await call<Habit>('POST', '/habits', user, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const checkIn = (user: SignedInUser, habitId: string, body: Record<string, unknown> = {}) =>
    call<{ checkin: Checkin; habit: Habit }>('POST', `/habits/${habitId}/checkins`, user, body);

  /** The habit's achievements with the visibility of the feed post that shares each (null: none). */
  const achievementsOf = (habitId: string) =>
    query<Achievement & { postVisibility: string | null }>(
      `SELECT a.kind, a.milestone, a.title, a.visibility, p.visibility AS "postVisibility"
         FROM social.cotask_achievements a LEFT JOIN social.posts p ON p.id = a.post_id
        WHERE a.subject_id = $1 ORDER BY a.milestone`,
      [habitId],
    );

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'habits', {
      env: { ...adminEnv(inbox), REGISTRATION_MAX_PER_IP: '100', SOCIAL_REMINDERS_EVERY_MS: '300' },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    ann = await api.socialUser(users, 'hb_ann');
    bob = await api.socialUser(users, 'hb_bob');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('creates a daily yes/no habit in UTC by default and answers it with strength and streaks', async () => {
    const created = await call<Habit>('POST', '/habits', ann, { title: '  Stretch\u202e ' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      title: 'Stretch',
      type: 'yes-no',
      target: null,
      schedule: 'daily',
      timeZone: 'UTC',
      reminderTime: null,
      shareMilestones: 'private',
      archived: false,
      startDate: utcDay(0),
      today: utcDay(0),
      strength: 0,
      streak: 0,
      bestStreak: 0,
    });
    const read = await call<Habit>('GET', `/habits/${created.body.id}`, ann);
    expect(read.status).toBe(200);
    expect(read.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);
  });

  it('counts streaks and Loop strength over check-ins, and records the 7-day milestone once, as shared', async () => {
    const run = await habit(ann, {
      title: 'Morning run',
      startDate: utcDay(-10),
      shareMilestones: 'public',
      reminderTime: '07:30',
    });
    for (let offset = -9; offset <= -7; offset += 1) {
      expect((await checkIn(ann, run.id, { date: utcDay(offset) })).status).toBe(201);
    }
    // day −6 missed; then the last 6 days
    for (let offset = -5; offset <= 0; offset += 1) {
      expect((await checkIn(ann, run.id, { date: utcDay(offset) })).status).toBe(201);
    }
    let read = await call<Habit>('GET', `/habits/${run.id}`, ann);
    expect(read.body).toMatchObject({ streak: 6, bestStreak: 6 });
    // the missed day, checked in late: the runs join into 10 (days −9 … 0)
    const late = await checkIn(ann, run.id, { date: utcDay(-6), note: 'late\u0007 entry' });
    expect(late.status).toBe(201);
    expect(late.body.checkin).toMatchObject({ date: utcDay(-6), kind: 'done', note: 'late entry' });
    expect(late.body.habit).toMatchObject({ streak: 10, bestStreak: 10 });
    read = await call<Habit>('GET', `/habits/${run.id}`, ann);
    // start day −10 unchecked (0), then 10 check-ins: score = 1 − m^10
    expect(read.body).toMatchObject({ streak: 10, bestStreak: 10, strength: percent(1 - M ** 10) });

    // a repeat of today's check-in updates the day: 200, still one row, no second achievement
    const again = await checkIn(ann, run.id, { note: 'second thoughts' });
    expect(again.status).toBe(200);
    expect(again.body.checkin).toMatchObject({ date: utcDay(0), note: 'second thoughts' });
    const rows = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM social.cotask_habit_checkins WHERE habit_id = $1`,
      [run.id],
    );
    expect(rows[0].n).toBe(10);
    // (read from the table: GET /profiles/:id/achievements documents postId without its type yet)
    expect(await achievementsOf(run.id)).toEqual([
      {
        kind: 'habit-streak',
        milestone: 7,
        title: 'Morning run',
        visibility: 'public',
        postVisibility: 'public',
      },
    ]);
  });

  it('answers the strength of the hand-computed table (habit-schedule.spec.ts), one row per day', async () => {
    // A daily yes/no habit, days 1–3 ✓, day 4 ✗, day 5 ✓; row k is the strength on day k.
    const table = [0.051922, 0.101149, 0.14782, 0.140144, 0.18479];
    const checked = [0, 1, 2, 4];
    for (const [row, expected] of table.entries()) {
      // started `row` days ago, so today is day row + 1
      const tracked = await habit(ann, { title: `Table row ${row + 1}`, startDate: utcDay(-row) });
      for (const day of checked.filter((day) => day <= row)) {
        expect((await checkIn(ann, tracked.id, { date: utcDay(day - row) })).status).toBe(201);
      }
      const read = await call<Habit>('GET', `/habits/${tracked.id}`, ann);
      expect(read.body.strength, `row ${row + 1}`).toBe(percent(expected));
    }
  });

  it('keeps a weekdays streak across the weekends it is not scheduled on', async () => {
    const commute = await habit(ann, {
      title: 'Cycle to work',
      schedule: 'weekdays',
      weekdays: [1, 2, 3, 4, 5],
      startDate: utcDay(-13),
    });
    // two weeks: every Monday to Friday checked in, the Saturdays and Sundays skipped
    const workdays = Array.from({ length: 14 }, (_, index) => index - 13).filter(
      (offset) => weekdayOf(utcDay(offset)) <= 5,
    );
    for (const offset of workdays) {
      expect((await checkIn(ann, commute.id, { date: utcDay(offset) })).status).toBe(201);
    }
    const read = await call<Habit>('GET', `/habits/${commute.id}`, ann);
    expect(read.body).toMatchObject({ streak: workdays.length, bestStreak: workdays.length });
  });

  it('delivers a habit reminder over the socket at its reminder time', async () => {
    const socket = await connectRealtime(platform.gatewayUrl, { token: ann.token });
    try {
      const stretch = await habit(ann, { title: 'Evening stretch', reminderTime: '21:00' });
      const delivered = socket.next<Notification>(
        'notification',
        (notification) => notification.kind === 'reminder' && notification.subjectId === stretch.id,
        15_000,
      );
      // its time comes: the pending reminder is due now
      const moved = await query(
        `UPDATE social.cotask_reminders SET fire_at = now()
          WHERE subject_kind = 'habit' AND subject_id = $1 AND fired_at IS NULL RETURNING id`,
        [stretch.id],
      );
      expect(moved).toHaveLength(1);
      expect(await delivered).toMatchObject({
        kind: 'reminder',
        subjectKind: 'habit',
        title: 'Evening stretch',
      });
    } finally {
      socket.close();
    }
  });

  it("keeps a private habit's milestone from other users", async () => {
    const quiet = await habit(ann, { title: 'Quiet habit', startDate: utcDay(-7) });
    for (let offset = -6; offset <= 0; offset += 1) {
      expect((await checkIn(ann, quiet.id, { date: utcDay(offset) })).status).toBe(201);
    }
    // recorded, and not posted: only its user sees it
    expect(await achievementsOf(quiet.id)).toEqual([
      {
        kind: 'habit-streak',
        milestone: 7,
        title: 'Quiet habit',
        visibility: 'private',
        postVisibility: null,
      },
    ]);
  });

  it('counts the fraction of a numeric target and takes values only where they belong', async () => {
    const water = await habit(ann, { title: 'Water', type: 'numeric', target: 3, unit: 'cups' });
    expect(water).toMatchObject({ type: 'numeric', target: 3, unit: 'cups' });
    const half = await checkIn(ann, water.id, { value: 1.5 });
    expect(half.status).toBe(201);
    // half the target: score = 0.5 · (1 − m); not a streak day
    expect(half.body.habit).toMatchObject({ strength: percent(0.5 * (1 - M)), streak: 0 });
    const full = await checkIn(ann, water.id, { value: 4 });
    expect(full.status).toBe(200);
    expect(full.body.habit).toMatchObject({ strength: percent(1 - M), streak: 1 });

    expectProblem(await checkIn(ann, water.id, {}), 422, 'HABIT_VALUE_REQUIRED');
    const yesNo = await habit(ann, { title: 'Floss' });
    expectProblem(await checkIn(ann, yesNo.id, { value: 1 }), 422, 'HABIT_VALUE_NOT_ALLOWED');
    for (const value of [-1, 1e300, 1_000_001, '3', 0.0001, null]) {
      expectProblem(await checkIn(ann, water.id, { value }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(
      await call('POST', '/habits', ann, { title: 'No target', type: 'numeric' }),
      422,
      'HABIT_INVALID_TARGET',
    );
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Target', target: 2 }),
      422,
      'HABIT_INVALID_TARGET',
    );
    for (const target of [0, -5, 1e12, 'ten']) {
      expectProblem(await call('POST', '/habits', ann, { title: 'T', type: 'numeric', target }), 400);
    }
  });

  it('takes schedules: N times a week and chosen weekdays, refusing ones that do not fit', async () => {
    const gym = await habit(ann, { title: 'Gym', schedule: 'weekly', timesPerWeek: 3 });
    expect(gym).toMatchObject({ schedule: 'weekly', timesPerWeek: 3, weekdays: [] });
    const piano = await habit(ann, { title: 'Piano', schedule: 'weekdays', weekdays: [5, 1, 3] });
    expect(piano).toMatchObject({ schedule: 'weekdays', weekdays: [1, 3, 5], timesPerWeek: null });
    for (const body of [
      { schedule: 'weekly' },
      { schedule: 'weekdays' },
      { schedule: 'daily', timesPerWeek: 2 },
      { schedule: 'weekly', timesPerWeek: 2, weekdays: [1] },
    ]) {
      expectProblem(
        await call('POST', '/habits', ann, { title: 'S', ...body }),
        422,
        'HABIT_INVALID_SCHEDULE',
      );
    }
    for (const body of [{ weekdays: [0] }, { weekdays: [8] }, { weekdays: [1, 1] }, { timesPerWeek: 8 }]) {
      expectProblem(await call('POST', '/habits', ann, { title: 'S', schedule: 'weekdays', ...body }), 400);
    }
  });

  it('counts days in the habit’s own time zone and refuses impossible zones and dates', async () => {
    const tokyo = await habit(ann, { title: 'Tokyo tea', timeZone: 'Asia/Tokyo' });
    const tokyoToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const honoluluToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Honolulu' }).format(
      new Date(),
    );
    expect(tokyo).toMatchObject({ timeZone: 'Asia/Tokyo', today: tokyoToday, startDate: tokyoToday });
    const checked = await checkIn(ann, tokyo.id);
    expect(checked.body.checkin.date).toBe(tokyoToday);
    // moved to a zone 19 hours behind: the start is not after its today, and today's check-in is taken there
    const moved = await call<Habit>('PATCH', `/habits/${tokyo.id}`, ann, { timeZone: 'Pacific/Honolulu' });
    expect(moved.body).toMatchObject({ today: honoluluToday });
    expect(moved.body.startDate <= honoluluToday).toBe(true);
    expect((await checkIn(ann, tokyo.id)).body.checkin.date).toBe(honoluluToday);

    for (const timeZone of ['Mars/Olympus_Mons', '+03:00', 'Europe/', 'UTC\u00a0']) {
      expectProblem(
        await call('POST', '/habits', ann, { title: 'Z', timeZone }),
        422,
        'HABIT_INVALID_TIME_ZONE',
      );
    }
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Z', startDate: '2026-02-30' }),
      422,
      'HABIT_INVALID_DATE',
    );
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Z', startDate: utcDay(2) }),
      422,
      'HABIT_DATE_OUT_OF_RANGE',
    );
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Z', startDate: '1999-12-31' }),
      422,
      'HABIT_DATE_OUT_OF_RANGE',
    );
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Z', startDate: 'yesterday' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('POST', '/habits', ann, { title: 'Z', reminderTime: '24:00' }),
      400,
      'VALIDATION_FAILED',
    );

    const daily = await habit(ann, { title: 'Dates', startDate: utcDay(-3) });
    expectProblem(await checkIn(ann, daily.id, { date: '2026-13-01' }), 422, 'HABIT_INVALID_DATE');
    expectProblem(await checkIn(ann, daily.id, { date: '2025-02-29' }), 422, 'HABIT_INVALID_DATE');
    expectProblem(await checkIn(ann, daily.id, { date: utcDay(2) }), 422, 'HABIT_DATE_OUT_OF_RANGE');
    expectProblem(await checkIn(ann, daily.id, { date: utcDay(-4) }), 422, 'HABIT_DATE_OUT_OF_RANGE');
    expectProblem(await checkIn(ann, daily.id, { date: '20260101' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses NUL bytes, empty and overlong texts, unknown fields', async () => {
    expectProblem(await call('POST', '/habits', ann, { title: 'Nul\u0000' }), 400);
    expectProblem(await call('POST', '/habits', ann, { title: ' \u200f ' }), 422, 'HABIT_EMPTY_TITLE');
    expectProblem(await call('POST', '/habits', ann, { title: 'x'.repeat(201) }), 422, 'HABIT_TEXT_TOO_LONG');
    expectProblem(
      await call('POST', '/habits', ann, { title: 'x', userId: bob.id }),
      400,
      'VALIDATION_FAILED',
    );
    const notes = await habit(ann, { title: 'Notes' });
    expectProblem(await checkIn(ann, notes.id, { note: 'a\u0000b' }), 400);
    expectProblem(await checkIn(ann, notes.id, { note: 'n'.repeat(1001) }), 422, 'HABIT_TEXT_TOO_LONG');
  });

  it("answers 404 for someone else's habit on every route, 400 for a malformed id", async () => {
    const own = await habit(ann, { title: 'Private one' });
    await checkIn(ann, own.id);
    const attempts: Answer<unknown>[] = [
      await call('GET', `/habits/${own.id}`, bob),
      await call('PATCH', `/habits/${own.id}`, bob, { title: 'Mine now' }),
      await call('DELETE', `/habits/${own.id}`, bob),
      await call('POST', `/habits/${own.id}/checkins`, bob, {}),
      await call('GET', `/habits/${own.id}/checkins`, bob),
      await call('DELETE', `/habits/${own.id}/checkins/${utcDay(0)}`, bob),
      await call('POST', `/habits/${own.id}/freezes`, bob, { date: utcDay(1) }),
    ];
    for (const attempt of attempts) {
      expectProblem(attempt, 404, 'HABIT_NOT_FOUND');
    }
    const list = await call<Page<Habit>>('GET', '/habits', bob);
    expect(list.body.items.some((item) => item.id === own.id)).toBe(false);
    expectProblem(await call('GET', '/habits/not-a-uuid', ann), 400, 'VALIDATION_FAILED');
    expect((await call('GET', `/habits/${own.id}`)).status).toBe(401);
    expect((await call<Habit>('GET', `/habits/${own.id}`, ann)).body.title).toBe('Private one');
  });

  it('edits with If-Match like posts, archives, and deletes with the check-ins', async () => {
    const edited = await habit(ann, { title: 'Read', schedule: 'weekly', timesPerWeek: 2 });
    const stale = await call(
      'PATCH',
      `/habits/${edited.id}`,
      ann,
      { title: 'Read more' },
      { 'if-match': '"7"' },
    );
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    const changed = await call<Habit>(
      'PATCH',
      `/habits/${edited.id}`,
      ann,
      {
        title: 'Read more',
        schedule: 'weekdays',
        weekdays: [6, 7],
        timeZone: 'Europe/Berlin',
        reminderTime: '21:15',
      },
      { 'if-match': '"1"' },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.etag).toBe('"2"');
    expect(changed.body).toMatchObject({
      version: 2,
      title: 'Read more',
      schedule: 'weekdays',
      weekdays: [6, 7],
      timesPerWeek: null,
      timeZone: 'Europe/Berlin',
      reminderTime: '21:15',
    });
    expectProblem(
      await call('PATCH', `/habits/${edited.id}`, ann, { timeZone: 'Nowhere/Land' }),
      422,
      'HABIT_INVALID_TIME_ZONE',
    );
    expectProblem(
      await call('PATCH', `/habits/${edited.id}`, ann, { target: 5 }),
      422,
      'HABIT_INVALID_TARGET',
    );
    expectProblem(
      await call('PATCH', `/habits/${edited.id}`, ann, { schedule: 'weekly' }),
      422,
      'HABIT_INVALID_SCHEDULE',
    );
    const cleared = await call<Habit>('PATCH', `/habits/${edited.id}`, ann, {
      reminderTime: null,
      archived: true,
    });
    expect(cleared.body).toMatchObject({ version: 3, reminderTime: null, archived: true });
    expectProblem(await checkIn(ann, edited.id), 409, 'HABIT_ARCHIVED');
    expectProblem(
      await call('POST', `/habits/${edited.id}/freezes`, ann, { date: utcDay(1) }),
      409,
      'HABIT_ARCHIVED',
    );

    const archivedOnly = await call<Page<Habit>>('GET', '/habits?filter[archived]=true', ann);
    expect(archivedOnly.body.items.map((item) => item.id)).toEqual([edited.id]);

    const gone = await habit(ann, { title: 'Short-lived' });
    await checkIn(ann, gone.id);
    expect((await call('DELETE', `/habits/${gone.id}`, ann)).status).toBe(204);
    expectProblem(await call('GET', `/habits/${gone.id}`, ann), 404, 'HABIT_NOT_FOUND');
    const rows = await query(`SELECT 1 FROM social.cotask_habit_checkins WHERE habit_id = $1`, [gone.id]);
    expect(rows).toEqual([]);
  });

  it('lists habits and check-ins with the list query, and deletes a day', async () => {
    const carol = await api.socialUser(users, 'hb_carol');
    for (const title of ['Beta', 'Alpha', 'Gamma']) {
      await habit(carol, { title });
    }
    const byTitle = await call<Page<Habit>>('GET', '/habits?sort=title&limit=2', carol);
    expect(byTitle.status).toBe(200);
    expect(byTitle.body.items.map((item) => item.title)).toEqual(['Alpha', 'Beta']);
    const next = await call<Page<Habit>>(
      'GET',
      `/habits?sort=title&limit=2&cursor=${encodeURIComponent(byTitle.body.nextCursor ?? '')}`,
      carol,
    );
    expect(next.body.items.map((item) => item.title)).toEqual(['Gamma']);
    expect(next.body.nextCursor).toBeNull();
    expectProblem(await call('GET', '/habits?sort=strength', carol), 400);

    const days = await habit(carol, { title: 'Days', startDate: utcDay(-4) });
    for (let offset = -4; offset <= 0; offset += 1) {
      await checkIn(carol, days.id, { date: utcDay(offset) });
    }
    const first = await call<Page<Checkin>>('GET', `/habits/${days.id}/checkins?limit=2`, carol);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.date)).toEqual([utcDay(0), utcDay(-1)]);
    const second = await call<Page<Checkin>>(
      'GET',
      `/habits/${days.id}/checkins?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      carol,
    );
    expect(second.body.items.map((item) => item.date)).toEqual([utcDay(-2), utcDay(-3)]);

    expect((await call('DELETE', `/habits/${days.id}/checkins/${utcDay(-2)}`, carol)).status).toBe(204);
    expectProblem(
      await call('DELETE', `/habits/${days.id}/checkins/${utcDay(-2)}`, carol),
      404,
      'HABIT_CHECKIN_NOT_FOUND',
    );
    expectProblem(
      await call('DELETE', `/habits/${days.id}/checkins/2026-02-31`, carol),
      422,
      'HABIT_INVALID_DATE',
    );
    const after = await call<Habit>('GET', `/habits/${days.id}`, carol);
    expect(after.body).toMatchObject({ streak: 2, bestStreak: 2 });
  });

  it('plans freezes ahead, one per week, that a check-in replaces', async () => {
    const plan = await habit(ann, { title: 'Freezable' });
    // a Monday 8 to 14 days ahead, so the week is whole and ahead
    const ahead = 8 + ((8 - weekdayOf(utcDay(8))) % 7);
    const monday = utcDay(ahead);
    const frozen = await call<Checkin>('POST', `/habits/${plan.id}/freezes`, ann, { date: monday });
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(201);
    expect(frozen.body).toMatchObject({ date: monday, kind: 'freeze', value: null });
    expect((await call('POST', `/habits/${plan.id}/freezes`, ann, { date: monday })).status).toBe(200);
    expectProblem(
      await call('POST', `/habits/${plan.id}/freezes`, ann, { date: utcDay(ahead + 6) }),
      409,
      'HABIT_FREEZE_LIMIT',
    );
    expect((await call('POST', `/habits/${plan.id}/freezes`, ann, { date: utcDay(ahead + 7) })).status).toBe(
      201,
    );
    expectProblem(
      await call('POST', `/habits/${plan.id}/freezes`, ann, { date: utcDay(-1) }),
      422,
      'HABIT_FREEZE_NOT_AHEAD',
    );
    expectProblem(
      await call('POST', `/habits/${plan.id}/freezes`, ann, { date: utcDay(31) }),
      422,
      'HABIT_FREEZE_NOT_AHEAD',
    );
    expectProblem(
      await call('POST', `/habits/${plan.id}/freezes`, ann, { date: '2026-02-29' }),
      422,
      'HABIT_INVALID_DATE',
    );
    // a check-in can't be planned; a frozen future day takes none yet
    expectProblem(await checkIn(ann, plan.id, { date: monday }), 422, 'HABIT_DATE_OUT_OF_RANGE');

    // today: checked in, then no freeze; on another habit, frozen today, then checked in after all
    await checkIn(ann, plan.id);
    expectProblem(
      await call('POST', `/habits/${plan.id}/freezes`, ann, { date: utcDay(0) }),
      409,
      'HABIT_DAY_CHECKED_IN',
    );
    const other = await habit(ann, { title: 'Frozen today', startDate: utcDay(-2) });
    await checkIn(ann, other.id, { date: utcDay(-2) });
    await checkIn(ann, other.id, { date: utcDay(-1) });
    expect((await call('POST', `/habits/${other.id}/freezes`, ann, { date: utcDay(0) })).status).toBe(201);
    expect((await call<Habit>('GET', `/habits/${other.id}`, ann)).body).toMatchObject({ streak: 2 });
    const thawed = await checkIn(ann, other.id);
    expect(thawed.status).toBe(200);
    expect(thawed.body.checkin.kind).toBe('done');
    expect(thawed.body.habit).toMatchObject({ streak: 3 });
    const freezes = await call<Page<Checkin>>('GET', `/habits/${plan.id}/checkins?filter[kind]=freeze`, ann);
    expect(freezes.body.items.map((item) => item.date)).toEqual([utcDay(ahead + 7), monday]);
  });

  it('keeps one row per day when copies of a check-in race, and one freeze per week when freezes race', async () => {
    const raced = await habit(ann, { title: 'Raced', type: 'numeric', target: 10, unit: 'km' });
    const answers = await atOnce<Answer<unknown>>(
      copies(10, (index) => checkIn(ann, raced.id, { value: index + 1, note: `copy ${index}` })),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 9, 201: 1 });
    const rows = await query<{ value: number }>(
      `SELECT value FROM social.cotask_habit_checkins WHERE habit_id = $1`,
      [raced.id],
    );
    expect(rows).toHaveLength(1);

    const ahead = 8 + ((8 - weekdayOf(utcDay(8))) % 7);
    const freezes = await atOnce<Answer<unknown>>(
      copies(7, (index) => call('POST', `/habits/${raced.id}/freezes`, ann, { date: utcDay(ahead + index) })),
    );
    expect(tally(freezes.map((answer) => answer.status))).toEqual({ 201: 1, 409: 6 });
  });
});
