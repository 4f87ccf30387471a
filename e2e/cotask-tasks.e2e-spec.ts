import {
  atOnce,
  connectRealtime,
  copies,
  eventually,
  queryRows,
  startSmtpInbox,
  tally,
  type RealtimeClient,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Project {
  id: string;
  ownerId: string;
  name: string;
  shareCompletions: string;
  role: string;
  sections: { id: string; name: string; position: number }[];
  version: number;
}

interface Task {
  id: string;
  ownerId: string;
  projectId: string | null;
  sectionId: string | null;
  parentId: string | null;
  title: string;
  notes: string;
  labels: string[];
  priority: number;
  due: string | null;
  dueAt: string | null;
  timeZone: string | null;
  deadline: string | null;
  recurrence: string | null;
  completedAt: string | null;
  version: number;
}

interface Completion {
  id: string;
  taskId: string;
  userId: string;
  occurrence: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Post {
  id: string;
  author: { userId: string };
  text: string;
  activity: string | null;
  visibility: string;
}

interface Notification {
  id: string;
  kind: string;
  subjectKind: string | null;
  subjectId: string | null;
  title: string | null;
}

const N = 8;
const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/** Today's date in `zone`, plus `days`, as YYYY-MM-DD. */
function dateIn(zone: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * CoTask's task manager through the gateway (issue 19): projects with sections shared with followers as
 * viewers or editors, tasks with due in a time zone, deadline, subtasks and recurrence (RRULE or plain
 * words), completion history, today / upcoming views, bad input as 4xx problems, a completion in a shared
 * project shared to the feed, N simultaneous completes, and a reminder delivered over the socket.
 */
describe('cotask tasks through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let anna: SignedInUser;
  let boris: SignedInUser;
  let clara: SignedInUser;
  let dan: SignedInUser;
  const sockets: RealtimeClient[] = [];
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'cotask_tasks', {
      env: { ...adminEnv(inbox), SOCIAL_REMINDERS_EVERY_MS: '300' },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    anna = await api.socialUser(users, 't_anna');
    boris = await api.socialUser(users, 't_boris');
    clara = await api.socialUser(users, 't_clara');
    dan = await api.socialUser(users, 't_dan');
    for (const follower of [boris, clara]) {
      expect((await call('PUT', `/me/following/${anna.id}`, follower)).status).toBe(200);
    }
  }, 240_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) {
      socket.close();
    }
  });

  afterAll(async () => {
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('keeps projects with sections, shared only with followers of the owner, as viewer or editor', async () => {
    const created = await call<Project>('POST', '/projects', anna, { name: '  Garden\u0007 ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Garden',
      shareCompletions: 'private',
      role: 'owner',
      sections: [],
    });
    const id = created.body.id;

    const withSection = await call<Project>('POST', `/projects/${id}/sections`, anna, { name: 'Spring' });
    expect(withSection.body.sections.map((section) => section.name)).toEqual(['Spring']);
    await call('POST', `/projects/${id}/sections`, anna, { name: 'Autumn' });

    const read = await call<Project>('GET', `/projects/${id}`, anna);
    expect(read.etag).toBe(`"${read.body.version}"`);
    const renamed = await call<Project>(
      'PATCH',
      `/projects/${id}`,
      anna,
      { name: 'Allotment' },
      { 'if-match': read.etag! },
    );
    expect(renamed.body.name).toBe('Allotment');
    expectProblem(
      await call('PATCH', `/projects/${id}`, anna, { name: 'Stale' }, { 'if-match': read.etag! }),
      412,
    );
    expectProblem(await call('POST', '/projects', anna, { name: ' \u0007 ' }), 422, 'EMPTY_TITLE');
    expectProblem(await call('POST', '/projects', anna, { name: 'x', shareCompletions: 'everyone' }), 400);

    expect(
      (await call('PUT', `/projects/${id}/members/${boris.id}`, anna, { role: 'editor' })).body,
    ).toMatchObject({
      userId: boris.id,
      role: 'editor',
    });
    expect((await call('PUT', `/projects/${id}/members/${clara.id}`, anna, { role: 'viewer' })).status).toBe(
      200,
    );
    expectProblem(
      await call('PUT', `/projects/${id}/members/${dan.id}`, anna, { role: 'viewer' }),
      422,
      'MEMBER_NOT_FOLLOWER',
    );
    expectProblem(
      await call('PUT', `/projects/${id}/members/${anna.id}`, anna, { role: 'viewer' }),
      422,
      'MEMBER_NOT_FOLLOWER',
    );
    expectProblem(
      await call('PUT', `/projects/${id}/members/${clara.id}`, boris, { role: 'editor' }),
      403,
      'NOT_PROJECT_OWNER',
    );
    expectProblem(await call('PUT', `/projects/${id}/members/${clara.id}`, anna, { role: 'admin' }), 400);

    const members = await call<Page<{ userId: string; role: string }>>(
      'GET',
      `/projects/${id}/members`,
      clara,
    );
    expect(members.body.items.map((member) => [member.userId, member.role])).toEqual([
      [boris.id, 'editor'],
      [clara.id, 'viewer'],
    ]);
    expect((await call<Project>('GET', `/projects/${id}`, clara)).body.role).toBe('viewer');
    const borisProjects = await call<Page<Project>>('GET', '/projects?sort=name', boris);
    expect(borisProjects.body.items.map((project) => project.id)).toContain(id);
    expectProblem(await call('GET', `/projects/${id}`, dan), 404, 'PROJECT_NOT_FOUND');
    expect((await call<Page<Project>>('GET', '/projects', dan)).body.items).toEqual([]);
    expectProblem(await call('PATCH', `/projects/${id}`, boris, { name: 'Mine' }), 403, 'NOT_PROJECT_OWNER');
    expectProblem(
      await call('POST', `/projects/${id}/sections`, clara, { name: 'Mine' }),
      403,
      'NOT_PROJECT_EDITOR',
    );

    const autumn = renamed.body.sections.find((section) => section.name === 'Autumn')!;
    expect((await call('DELETE', `/projects/${id}/sections/${autumn.id}`, boris)).status).toBe(204);
    expectProblem(
      await call('DELETE', `/projects/${id}/sections/${autumn.id}`, boris),
      422,
      'SECTION_NOT_FOUND',
    );

    // A member leaves; the owner removes; then the project is gone for them.
    const spare = (await call<Project>('POST', '/projects', anna, { name: 'Spare' })).body.id;
    await call('PUT', `/projects/${spare}/members/${clara.id}`, anna, { role: 'viewer' });
    expect((await call('DELETE', `/projects/${spare}/members/${clara.id}`, clara)).status).toBe(204);
    expectProblem(await call('GET', `/projects/${spare}`, clara), 404, 'PROJECT_NOT_FOUND');
    expectProblem(
      await call('DELETE', `/projects/${spare}/members/${clara.id}`, anna),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectProblem(await call('DELETE', `/projects/${spare}`, boris), 404, 'PROJECT_NOT_FOUND');
    expect((await call('DELETE', `/projects/${spare}`, anna)).status).toBe(204);
    expectProblem(await call('GET', `/projects/${spare}`, anna), 404);
  });

  it('creates, reads, edits (If-Match) and deletes tasks with subtasks; someone else’s task is a 404', async () => {
    const created = await call<Task>('POST', '/tasks', anna, {
      title: 'Pay\u202e rent',
      notes: 'by transfer',
      labels: ['home', 'home', 'money'],
      priority: 1,
      due: '2026-12-01T18:30',
      timeZone: 'Europe/Berlin',
      deadline: '2026-12-03',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Pay rent',
      labels: ['home', 'money'],
      priority: 1,
      due: '2026-12-01T18:30',
      dueAt: '2026-12-01T17:30:00.000Z',
      timeZone: 'Europe/Berlin',
      deadline: '2026-12-03',
      recurrence: null,
      completedAt: null,
      projectId: null,
    });
    const id = created.body.id;
    const read = await call<Task>('GET', `/tasks/${id}`, anna);
    expect(read.etag).toBe(`"${read.body.version}"`);

    const edited = await call<Task>(
      'PATCH',
      `/tasks/${id}`,
      anna,
      { priority: 2, due: '2026-12-02' },
      { 'if-match': read.etag! },
    );
    expect(edited.body).toMatchObject({ priority: 2, due: '2026-12-02', dueAt: null });
    expectProblem(
      await call('PATCH', `/tasks/${id}`, anna, { priority: 3 }, { 'if-match': read.etag! }),
      412,
    );

    const subtask = await call<Task>('POST', '/tasks', anna, { title: 'Find the IBAN', parentId: id });
    expect(subtask.body.parentId).toBe(id);
    expectProblem(
      await call('POST', '/tasks', anna, { title: 'Deeper', parentId: subtask.body.id }),
      422,
      'SUBTASK_TOO_DEEP',
    );
    expectProblem(
      await call('POST', '/tasks', boris, { title: 'Sneak', parentId: id }),
      422,
      'PARENT_TASK_NOT_FOUND',
    );
    const subtasks = await call<Page<Task>>('GET', `/tasks?filter[parentId]=${id}`, anna);
    expect(subtasks.body.items.map((task) => task.id)).toEqual([subtask.body.id]);

    // Someone else's task: not seen, not changed, not completed, not deleted.
    expectProblem(await call('GET', `/tasks/${id}`, boris), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('PATCH', `/tasks/${id}`, boris, { title: 'Mine' }), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('POST', `/tasks/${id}/complete`, boris), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('GET', `/tasks/${id}/completions`, boris), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('DELETE', `/tasks/${id}`, boris), 404, 'TASK_NOT_FOUND');
    expect((await call<Page<Task>>('GET', '/tasks', boris)).body.items.map((task) => task.id)).not.toContain(
      id,
    );
    expectProblem(await call('GET', `/tasks/${NOBODY}`, anna), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('GET', '/tasks/not-a-uuid', anna), 400);

    const listed = await call<Page<Task>>('GET', '/tasks?sort=priority&search=rent', anna);
    expect(listed.body.items.map((task) => task.id)).toEqual([id]);

    const done = await call<{ task: Task; completion: Completion }>('POST', `/tasks/${id}/complete`, anna);
    expect(done.status).toBe(200);
    expect(done.body.completion.occurrence).toBe('2026-12-02');
    expect(done.body.task.completedAt).not.toBeNull();
    expectProblem(await call('POST', `/tasks/${id}/complete`, anna), 409, 'TASK_COMPLETED');

    expect((await call('DELETE', `/tasks/${id}`, anna)).status).toBe(204);
    expectProblem(await call('GET', `/tasks/${id}`, anna), 404, 'TASK_NOT_FOUND');
    expectProblem(await call('GET', `/tasks/${subtask.body.id}`, anna), 404, 'TASK_NOT_FOUND');
  });

  it('answers bad input with 4xx problems and codes', async () => {
    const bad: [Record<string, unknown>, number, string?][] = [
      [{ title: 'x', priority: 5 }, 400],
      [{ title: 'x', priority: 0 }, 400],
      [{ title: 'x', priority: 1e300 }, 400],
      [{ title: 'x', due: '2026-03-16', recurrence: 'FREQ=SOMETIMES' }, 422, 'INVALID_RECURRENCE'],
      [{ title: 'x', due: '2026-03-16', recurrence: 'every blue moon' }, 422, 'INVALID_RECURRENCE'],
      [{ title: 'x', due: '2026-03-16', recurrence: 'FREQ=MINUTELY' }, 422, 'INVALID_RECURRENCE'],
      [
        { title: 'x', due: '2026-03-16', recurrence: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
        422,
        'INVALID_RECURRENCE',
      ],
      [{ title: 'x', recurrence: 'every day' }, 422, 'INVALID_DUE'],
      [{ title: 'x', due: '2026-03-16T09:00', timeZone: 'Mars/Olympus_Mons' }, 422, 'INVALID_TIME_ZONE'],
      [{ title: 'x', due: '2026-03-16T09:00', timeZone: 'Europe/Berlin\u0000' }, 400, 'INVALID_CHARACTERS'],
      [{ title: 'x', due: '2026-03-16T09:00', timeZone: '../../etc/passwd' }, 422, 'INVALID_TIME_ZONE'],
      [{ title: 'x', due: '2026-02-30' }, 422, 'INVALID_DUE'],
      [{ title: 'x', due: '2026-03-16T25:00' }, 422, 'INVALID_DUE'],
      [{ title: 'x', due: 'tomorrow' }, 422, 'INVALID_DUE'],
      [{ title: 'x', due: '0001-01-01' }, 422, 'INVALID_DUE'],
      [{ title: 'x', due: '9999-12-31T23:59', timeZone: 'Pacific/Kiritimati' }, 422, 'INVALID_DUE'],
      [{ title: 'x', deadline: '2026-13-01' }, 422, 'INVALID_DUE'],
      [{ title: 'x', remindMinutesBefore: 10 }, 422, 'REMINDER_WITHOUT_DUE'],
      [{ title: 'x', remindAt: 'soon' }, 400],
      [{ title: '\u0000' }, 400, 'INVALID_CHARACTERS'],
      [{ title: ' \u0007\u200f ' }, 422, 'EMPTY_TITLE'],
      [{ title: 'x'.repeat(501) }, 422, 'EMPTY_TITLE'],
      [{ title: 'x', projectId: NOBODY }, 404, 'PROJECT_NOT_FOUND'],
      [{ title: 'x', projectId: 'nope' }, 400],
      [{ title: 'x', sectionId: NOBODY }, 422, 'SECTION_NOT_FOUND'],
      [{ title: 'x', labels: 'home' }, 400],
      [{ title: null }, 400],
      [{ title: 'x', priority: null, timeZone: null }, 400],
    ];
    for (const [body, status, code] of bad) {
      expectProblem(await call('POST', '/tasks', anna, body), status, code);
    }
    expectProblem(await call('POST', '/tasks', anna, '{"title":'), 400);
    const own = (await call<Task>('POST', '/tasks', anna, { title: 'Nulls' })).body.id;
    expectProblem(await call('PATCH', `/tasks/${own}`, anna, { title: null }), 400);
    expectProblem(await call('PATCH', `/tasks/${own}`, anna, { labels: null, notes: null }), 400);
    const mine = (await call<Project>('POST', '/projects', anna, { name: 'Nulls' })).body.id;
    expectProblem(await call('PATCH', `/projects/${mine}`, anna, { name: null }), 400);
    expectProblem(await call('PATCH', `/projects/${mine}`, anna, { shareCompletions: null }), 400);
    expectProblem(await call('GET', '/tasks/today?timeZone=Nowhere/Special', anna), 422, 'INVALID_TIME_ZONE');
    expectProblem(await call('GET', '/tasks/upcoming?timeZone=UTC&days=0', anna), 422, 'INVALID_DUE');
    expectProblem(await call('GET', '/tasks/upcoming?days=99999999999999', anna), 422, 'INVALID_DUE');
    expectProblem(await call('GET', '/tasks?sort=title', anna), 400);
    expectProblem(await call('GET', '/tasks/today?bogus=1', anna), 400);
    expectProblem(await call('GET', '/tasks', undefined), 401);
  });

  it('lets viewers read a shared project’s tasks and editors change and complete them; a completion is shared to the feed', async () => {
    const project = (
      await call<Project>('POST', '/projects', anna, { name: 'Choir', shareCompletions: 'followers' })
    ).body;
    const section = (
      await call<Project>('POST', `/projects/${project.id}/sections`, anna, { name: 'Concert' })
    ).body.sections[0];
    await call('PUT', `/projects/${project.id}/members/${boris.id}`, anna, { role: 'editor' });
    await call('PUT', `/projects/${project.id}/members/${clara.id}`, anna, { role: 'viewer' });

    const task = await call<Task>('POST', '/tasks', boris, {
      title: 'Print the scores',
      projectId: project.id,
      sectionId: section.id,
    });
    expect(task.status).toBe(201);
    expectProblem(
      await call('POST', '/tasks', clara, { title: 'Mine', projectId: project.id }),
      403,
      'NOT_PROJECT_EDITOR',
    );
    expectProblem(
      await call('POST', '/tasks', dan, { title: 'Mine', projectId: project.id }),
      404,
      'PROJECT_NOT_FOUND',
    );

    expect((await call<Task>('GET', `/tasks/${task.body.id}`, clara)).body.title).toBe('Print the scores');
    expect((await call<Task>('GET', `/tasks/${task.body.id}`, anna)).status).toBe(200);
    const claraList = await call<Page<Task>>('GET', `/tasks?filter[projectId]=${project.id}`, clara);
    expect(claraList.body.items.map((item) => item.id)).toEqual([task.body.id]);
    expectProblem(
      await call('PATCH', `/tasks/${task.body.id}`, clara, { priority: 1 }),
      403,
      'NOT_PROJECT_EDITOR',
    );
    expectProblem(await call('POST', `/tasks/${task.body.id}/complete`, clara), 403, 'NOT_PROJECT_EDITOR');
    expectProblem(await call('DELETE', `/tasks/${task.body.id}`, clara), 403, 'NOT_PROJECT_EDITOR');
    expectProblem(await call('GET', `/tasks/${task.body.id}`, dan), 404, 'TASK_NOT_FOUND');
    expect((await call<Page<Task>>('GET', `/tasks?filter[projectId]=${project.id}`, dan)).body.items).toEqual(
      [],
    );

    expect((await call<Task>('PATCH', `/tasks/${task.body.id}`, anna, { priority: 1 })).body.priority).toBe(
      1,
    );
    const done = await call<{ completion: Completion }>('POST', `/tasks/${task.body.id}/complete`, boris);
    expect(done.body.completion.userId).toBe(boris.id);

    // Recorded in the completion's transaction, with the project's visibility (and shared as boris's post).
    const achievements = await queryRows<{ kind: string; visibility: string; post_id: string | null }>(
      platform.adminUrl,
      `SELECT kind, visibility, post_id FROM social.cotask_achievements WHERE user_id = $1 AND subject_id = $2`,
      [boris.id, task.body.id],
    );
    expect(achievements.map((row) => [row.kind, row.visibility])).toEqual([['task-completed', 'followers']]);
    expect(achievements[0]?.post_id).toMatch(/^[0-9a-f-]{36}$/);
    const history = await call<Page<Completion>>('GET', `/tasks/${task.body.id}/completions`, clara);
    expect(history.body.items.map((completion) => completion.userId)).toEqual([boris.id]);

    // Once clara leaves, the project's tasks are gone for her.
    await call('DELETE', `/projects/${project.id}/members/${clara.id}`, anna);
    expectProblem(await call('GET', `/tasks/${task.body.id}`, clara), 404, 'TASK_NOT_FOUND');
  });

  it('posts a completion to the feed with its project’s visibility: followers see it, others not; a private project posts none', async () => {
    /** Anna's task-completed posts that `user` sees, by `route` (a feed or her profile's posts). */
    const annasCompletions = async (user: SignedInUser, route = '/feed?limit=100') =>
      (await call<Page<Post>>('GET', route, user)).body.items.filter(
        (post) => post.author.userId === anna.id && post.activity === 'task-completed',
      );
    const completeIn = async (shareCompletions: string, title: string) => {
      const project = (await call<Project>('POST', '/projects', anna, { name: title, shareCompletions }))
        .body;
      await call('PUT', `/projects/${project.id}/members/${boris.id}`, anna, { role: 'viewer' });
      const task = await call<Task>('POST', '/tasks', anna, { title, projectId: project.id });
      expect((await call('POST', `/tasks/${task.body.id}/complete`, anna)).status).toBe(200);
    };
    await completeIn('private', 'Tune the piano');
    await completeIn('followers', 'Book the hall');

    // anna and her followers boris and clara: the shared completion, and not the private one
    for (const user of [anna, boris, clara]) {
      const posts = await eventually(
        async () => {
          const found = await annasCompletions(user);
          return found.length > 0 ? found : undefined;
        },
        20_000,
        'the completion in the feed',
      );
      expect(posts.map(({ text, visibility }) => ({ text, visibility }))).toEqual([
        { text: 'Book the hall', visibility: 'followers' },
      ]);
    }
    // dan does not follow anna: not in his feed, not on her profile, not by its id
    const [shared] = await annasCompletions(boris);
    expect(await annasCompletions(dan)).toEqual([]);
    expect(await annasCompletions(dan, `/profiles/${anna.id}/posts`)).toEqual([]);
    expect((await annasCompletions(boris, `/profiles/${anna.id}/posts`)).map((post) => post.id)).toEqual([
      shared.id,
    ]);
    expectProblem(await call('GET', `/posts/${shared.id}`, dan), 404);
  });

  it('moves a recurring task to its next occurrence in its time zone across DST, and keeps the history', async () => {
    const weekly = await call<Task>('POST', '/tasks', anna, {
      title: 'Team sync',
      due: '2026-03-16T09:00',
      timeZone: 'Europe/Berlin',
      recurrence: 'every week on Monday',
    });
    expect(weekly.body).toMatchObject({
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      dueAt: '2026-03-16T08:00:00.000Z',
    });
    const dues: [string, string | null][] = [];
    for (let index = 0; index < 5; index += 1) {
      const done = await call<{ task: Task }>('POST', `/tasks/${weekly.body.id}/complete`, anna);
      dues.push([done.body.task.due!, done.body.task.dueAt]);
      expect(done.body.task.completedAt).toBeNull();
    }
    expect(dues).toEqual([
      ['2026-03-23T09:00', '2026-03-23T08:00:00.000Z'],
      ['2026-03-30T09:00', '2026-03-30T07:00:00.000Z'],
      ['2026-04-06T09:00', '2026-04-06T07:00:00.000Z'],
      ['2026-04-13T09:00', '2026-04-13T07:00:00.000Z'],
      ['2026-04-20T09:00', '2026-04-20T07:00:00.000Z'],
    ]);
    const history = await call<Page<Completion>>('GET', `/tasks/${weekly.body.id}/completions`, anna);
    expect(history.body.items.map((completion) => completion.occurrence)).toEqual([
      '2026-04-13T09:00',
      '2026-04-06T09:00',
      '2026-03-30T09:00',
      '2026-03-23T09:00',
      '2026-03-16T09:00',
    ]);

    // A rule that ends: the last completion completes the task for good.
    const twice = await call<Task>('POST', '/tasks', anna, {
      title: 'Two lessons',
      due: '2026-05-01',
      recurrence: 'RRULE:FREQ=DAILY;COUNT=2',
    });
    await call('POST', `/tasks/${twice.body.id}/complete`, anna);
    const last = await call<{ task: Task }>('POST', `/tasks/${twice.body.id}/complete`, anna);
    expect(last.body.task.completedAt).not.toBeNull();

    // Changing the rule by PATCH validates it too.
    expectProblem(
      await call('PATCH', `/tasks/${weekly.body.id}`, anna, { recurrence: 'every fortnight-ish' }),
      422,
      'INVALID_RECURRENCE',
    );
    const biweekly = await call<Task>('PATCH', `/tasks/${weekly.body.id}`, anna, {
      recurrence: 'every 2 weeks on Monday',
    });
    expect(biweekly.body.recurrence).toBe('INTERVAL=2;FREQ=WEEKLY;BYDAY=MO');
  });

  it('shows today and upcoming in the caller’s time zone', async () => {
    const zone = 'Pacific/Kiritimati';
    const overdue = await call<Task>('POST', '/tasks', clara, { title: 'Overdue', due: dateIn(zone, -3) });
    const today = await call<Task>('POST', '/tasks', clara, {
      title: 'Today',
      due: dateIn(zone),
      timeZone: zone,
    });
    const soon = await call<Task>('POST', '/tasks', clara, { title: 'Soon', due: dateIn(zone, 2) });
    const later = await call<Task>('POST', '/tasks', clara, { title: 'Later', due: dateIn(zone, 20) });
    const done = await call<Task>('POST', '/tasks', clara, { title: 'Done', due: dateIn(zone) });
    await call('POST', `/tasks/${done.body.id}/complete`, clara);

    const todayView = await call<Page<Task>>('GET', `/tasks/today?timeZone=${zone}`, clara);
    expect(todayView.body.items.map((task) => task.title)).toEqual(['Overdue', 'Today']);
    expect(todayView.body.items.map((task) => task.id)).toEqual([overdue.body.id, today.body.id]);

    const upcoming = await call<Page<Task>>('GET', `/tasks/upcoming?timeZone=${zone}&days=7`, clara);
    expect(upcoming.body.items.map((task) => task.id)).toEqual([today.body.id, soon.body.id]);
    const month = await call<Page<Task>>(
      'GET',
      `/tasks/upcoming?timeZone=${zone}&days=30&sort=-dueOn`,
      clara,
    );
    expect(month.body.items.map((task) => task.id)).toEqual([later.body.id, soon.body.id, today.body.id]);
    // Dan sees none of clara's.
    expect((await call<Page<Task>>('GET', `/tasks/today?timeZone=${zone}`, dan)).body.items).toEqual([]);
  });

  it(`completes one occurrence per completion when ${N} completes of a recurring task arrive at once`, async () => {
    const daily = await call<Task>('POST', '/tasks', anna, {
      title: 'Water the plants',
      due: '2026-06-01T08:00',
      timeZone: 'Asia/Tokyo',
      recurrence: 'FREQ=DAILY',
    });
    const answers = await atOnce(
      copies(N, () => call<{ completion: Completion }>('POST', `/tasks/${daily.body.id}/complete`, anna)),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: N });
    const occurrences = answers.map((answer) => answer.body.completion.occurrence).sort();
    expect(occurrences).toEqual(
      Array.from({ length: N }, (_, index) => `2026-06-${String(index + 1).padStart(2, '0')}T08:00`),
    );
    const after = await call<Task>('GET', `/tasks/${daily.body.id}`, anna);
    expect(after.body.due).toBe(`2026-06-${String(N + 1).padStart(2, '0')}T08:00`);

    // Clients that name the version they saw complete that occurrence once: one 200, the rest 412.
    const racing = await atOnce(
      copies(N, () =>
        call('POST', `/tasks/${daily.body.id}/complete`, anna, undefined, { 'if-match': after.etag! }),
      ),
    );
    expect(tally(racing.map((answer) => answer.status))).toEqual({ 200: 1, 412: N - 1 });
    const history = await call<Page<Completion>>('GET', `/tasks/${daily.body.id}/completions?limit=50`, anna);
    expect(history.body.items).toHaveLength(N + 1);
    expect(new Set(history.body.items.map((completion) => completion.occurrence)).size).toBe(N + 1);
  });

  it(`keeps one outcome when ${N} edits with one If-Match, or ${N} shares of one project, arrive at once`, async () => {
    const task = await call<Task>('POST', '/tasks', anna, { title: 'Contested' });
    const edits = await atOnce(
      copies(N, (index) =>
        call<Task>(
          'PATCH',
          `/tasks/${task.body.id}`,
          anna,
          { title: `Edit ${index}` },
          { 'if-match': task.etag! },
        ),
      ),
    );
    expect(tally(edits.map((answer) => answer.status))).toEqual({ 200: 1, 412: N - 1 });
    const winner = edits.find((answer) => answer.status === 200)!.body.title;
    expect((await call<Task>('GET', `/tasks/${task.body.id}`, anna)).body).toMatchObject({
      title: winner,
      version: 2,
    });

    const project = (await call<Project>('POST', '/projects', anna, { name: 'Busy' })).body;
    const shares = await atOnce(
      copies(N, (index) =>
        call('PUT', `/projects/${project.id}/members/${boris.id}`, anna, {
          role: index % 2 ? 'viewer' : 'editor',
        }),
      ),
    );
    expect(tally(shares.map((answer) => answer.status))).toEqual({ 200: N });
    const members = await call<Page<{ userId: string }>>('GET', `/projects/${project.id}/members`, anna);
    expect(members.body.items.map((member) => member.userId)).toEqual([boris.id]);
    const sections = await atOnce(
      copies(N, (index) =>
        call<Project>('POST', `/projects/${project.id}/sections`, anna, { name: `S${index}` }),
      ),
    );
    expect(tally(sections.map((answer) => answer.status))).toEqual({ 201: N });
    const positions = (await call<Project>('GET', `/projects/${project.id}`, anna)).body.sections.map(
      (section) => section.position,
    );
    expect(positions).toEqual(Array.from({ length: N }, (_, index) => index + 1));
  });

  it('schedules a reminder minutes before the due, moves it with a recurring task, drops it when cleared', async () => {
    const pending = async (taskId: string) =>
      (
        await queryRows<{ fire_at: Date }>(
          platform.adminUrl,
          `SELECT fire_at FROM social.cotask_reminders WHERE subject_kind = 'task' AND subject_id = $1 AND fired_at IS NULL`,
          [taskId],
        )
      ).map((row) => new Date(row.fire_at).toISOString());
    const standup = await call<Task>('POST', '/tasks', anna, {
      title: 'Standup',
      due: '2030-01-11T09:30',
      timeZone: 'Europe/Berlin',
      recurrence: 'every weekday',
      remindMinutesBefore: 15,
    });
    expect(await pending(standup.body.id)).toEqual(['2030-01-11T08:15:00.000Z']);
    // Friday → Monday.
    const next = await call<{ task: Task }>('POST', `/tasks/${standup.body.id}/complete`, anna);
    expect(next.body.task.due).toBe('2030-01-14T09:30');
    expect(await pending(standup.body.id)).toEqual(['2030-01-14T08:15:00.000Z']);
    await call('PATCH', `/tasks/${standup.body.id}`, anna, { remindMinutesBefore: null });
    expect(await pending(standup.body.id)).toEqual([]);
    await call('PATCH', `/tasks/${standup.body.id}`, anna, { remindAt: '2030-01-14T06:00:00Z' });
    expect(await pending(standup.body.id)).toEqual(['2030-01-14T06:00:00.000Z']);
    expect((await call('DELETE', `/tasks/${standup.body.id}`, anna)).status).toBe(204);
    expect(await pending(standup.body.id)).toEqual([]);
  });

  it('delivers a task reminder over the socket at its time, once; a completed task’s reminder is cancelled', async () => {
    const socket = await connectRealtime(platform.gatewayUrl, { token: anna.token });
    sockets.push(socket);
    const reminders: Notification[] = [];
    socket.socket.on('notification', (notification: Notification) => {
      if (notification.kind === 'reminder') {
        reminders.push(notification);
      }
    });
    const soon = new Date(Date.now() + 1_500).toISOString();
    const cancelled = await call<Task>('POST', '/tasks', anna, { title: 'Never mind', remindAt: soon });
    await call('POST', `/tasks/${cancelled.body.id}/complete`, anna);
    const deleted = await call<Task>('POST', '/tasks', anna, { title: 'Deleted', remindAt: soon });
    await call('DELETE', `/tasks/${deleted.body.id}`, anna);
    const wanted = await call<Task>('POST', '/tasks', anna, {
      title: 'Call the plumber',
      remindAt: new Date(Date.now() + 2_000).toISOString(),
    });

    const startedAt = Date.now();
    const delivered = await socket.next<Notification>(
      'notification',
      (notification) => notification.kind === 'reminder' && notification.subjectId === wanted.body.id,
      15_000,
    );
    expect(Date.now() - startedAt).toBeGreaterThan(500);
    expect(delivered).toMatchObject({ kind: 'reminder', subjectKind: 'task', title: 'Call the plumber' });

    // Let a few more job runs pass: nothing fires twice, and the cancelled ones never fire.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reminders.map((reminder) => reminder.subjectId)).toEqual([wanted.body.id]);
    const stored = await call<Page<Notification>>('GET', '/notifications?filter[kind]=reminder', anna);
    expect(stored.body.items.map((notification) => notification.subjectId)).toEqual([wanted.body.id]);
  });
});
