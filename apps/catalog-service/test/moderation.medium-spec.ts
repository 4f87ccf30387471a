import { queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Draft {
  id: string;
  subject: string;
  action: string;
  targetId: string | null;
  status: string;
  message: string | null;
  authorId: string;
  reviewerId: string | null;
  baseVersion: number | null;
  currentVersion: number | null;
  conflict: boolean;
  changes: { field: string; base: unknown; current: unknown; proposed: unknown; conflict: boolean }[];
}

interface Coffee {
  id: string;
  name: string;
  roaster: { id: string; name: string };
  variety: string | null;
  farm: string | null;
  version: number;
}

/** Seeds 000 and 002: users propose, moderators review a diff and approve atomically or reject with a message. */
describe('catalog-service drafts and moderation', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let moderator: string;
  let user: string;
  let userId: string;
  let welder: string;

  const draft = (id: string, token: string) => catalog.call<Draft>('GET', `/drafts/${id}`, { token });
  const card = (overrides: Record<string, unknown> = {}) => ({
    name: 'Colombia Huila',
    roasterId: welder,
    variety: 'Caturra',
    ...overrides,
  });

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'moder');
    ({ catalog, moderator, user, userId } = platform);
    welder = await platform.dictionaryValue('roasters', 'Welder Moderated');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('queues a new card proposed by a user, visible to its author and moderators only', async () => {
    const proposed = await catalog.call<Draft>('POST', '/coffees', { body: card(), token: user });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      subject: 'coffee',
      action: 'create',
      status: 'pending',
      targetId: null,
      authorId: userId,
    });
    expect((await catalog.call<{ total: number }>('GET', '/coffees?search=Huila')).body.total).toBe(0);

    const own = await catalog.call<{ items: Draft[] }>('GET', '/drafts', { token: user });
    expect(own.body.items.map((item) => item.id)).toContain(proposed.body.id);
    const stranger = await platform.signedUp('stranger');
    expect((await draft(proposed.body.id, stranger.accessToken)).status).toBe(404);
    const theirs = await catalog.call<{ total: number }>('GET', '/drafts', { token: stranger.accessToken });
    expect(theirs.body.total).toBe(0);

    const queue = await catalog.call<{ items: Draft[] }>(
      'GET',
      '/drafts?filter[status]=pending&filter[subject]=coffee&sort=createdAt',
      { token: moderator },
    );
    expect(queue.body.items.map((item) => item.id)).toContain(proposed.body.id);
    const bad = await catalog.call('GET', '/drafts?sort=status;--', { token: moderator });
    expect(bad.status).toBe(400);

    const detail = await draft(proposed.body.id, moderator);
    expect(detail.body.conflict).toBe(false);
    expect(detail.body.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', base: null, current: null, proposed: 'Colombia Huila', conflict: false },
        { field: 'variety', base: null, current: null, proposed: 'Caturra', conflict: false },
      ]),
    );
  });

  it('lets the author use a pending dictionary value, and approves it with the card in one go', async () => {
    const valueDraft = await catalog.call<Draft>('POST', '/dictionaries/roasters', {
      body: { name: 'Sibaristica', countryCode: 'it' },
      token: user,
    });
    expect(valueDraft.status).toBe(202);
    expect(valueDraft.body).toMatchObject({ subject: 'dictionary-value', status: 'pending' });
    const pendingRoaster = valueDraft.body.targetId!;
    const listed = await catalog.call<{ total: number }>('GET', '/dictionaries/roasters?search=Sibaristica');
    expect(listed.body.total).toBe(0);

    // Only its author may refer to the pending value, and only in drafts.
    const other = await platform.signedUp('other');
    const foreign = await catalog.call('POST', '/coffees', {
      body: card({ name: 'Foreign', roasterId: pendingRoaster }),
      token: other.accessToken,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: 'UNKNOWN_DICTIONARY_VALUE' });
    const direct = await catalog.call('POST', '/coffees', {
      body: card({ name: 'Direct', roasterId: pendingRoaster }),
      token: moderator,
    });
    expect(direct.status).toBe(400);

    const coffeeDraft = await catalog.call<Draft>('POST', '/coffees', {
      body: card({ name: 'Ethiopia Guji', roasterId: pendingRoaster }),
      token: user,
    });
    expect(coffeeDraft.status).toBe(202);

    const approved = await catalog.call<Draft>('POST', `/drafts/${coffeeDraft.body.id}/approve`, {
      body: { message: 'Welcome aboard' },
      token: moderator,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', message: 'Welcome aboard' });
    const coffee = await catalog.call<Coffee>('GET', `/coffees/${approved.body.targetId}`);
    expect(coffee.body).toMatchObject({
      name: 'Ethiopia Guji',
      roaster: { name: 'Sibaristica' },
      version: 1,
    });
    expect((await draft(valueDraft.body.id, user)).body.status).toBe('approved');
    expect(
      (await catalog.call<{ total: number }>('GET', '/dictionaries/roasters?search=Sibaristica')).body.total,
    ).toBe(1);

    const history = await catalog.call<{ items: Record<string, unknown>[] }>(
      'GET',
      `/coffees/${coffee.body.id}/history`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        version: 1,
        action: 'created',
        authorId: userId,
        reviewerId: platform.moderatorId,
        draftId: coffeeDraft.body.id,
        changes: expect.objectContaining({ name: { from: null, to: 'Ethiopia Guji' } }) as object,
      }),
    ]);
    expect(await platform.events(coffee.body.id)).toEqual([
      {
        topic: 'catalog.item.created.v1',
        payload: expect.objectContaining({ changedBy: userId, version: 1 }) as object,
      },
    ]);
    expect(await platform.events(coffeeDraft.body.id)).toEqual([
      {
        topic: 'catalog.draft.approved.v1',
        payload: expect.objectContaining({
          decision: 'approved',
          itemId: coffee.body.id,
          authorId: userId,
          reviewerId: platform.moderatorId,
        }) as object,
      },
    ]);
  });

  it('applies nothing when any part of an approval fails', async () => {
    const valueDraft = await catalog.call<Draft>('POST', '/dictionaries/roasters', {
      body: { name: 'Rockets Roastery' },
      token: user,
    });
    const coffeeDraft = await catalog.call<Draft>('POST', '/coffees', {
      body: card({ name: 'Kenya Nyeri', roasterId: valueDraft.body.targetId, barcode: '4600680000107' }),
      token: user,
    });
    expect(coffeeDraft.status).toBe(202);
    // Meanwhile a moderator gives that barcode to another card.
    const taken = await catalog.call('POST', '/coffees', {
      body: card({ name: 'Barcode holder', barcode: '4600680000107' }),
      token: moderator,
    });
    expect(taken.status).toBe(201);

    const approval = await catalog.call('POST', `/drafts/${coffeeDraft.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(approval.status).toBe(409);
    expect(approval.body).toMatchObject({ code: 'BARCODE_TAKEN' });
    // The pending roaster approved on the way was rolled back with everything else.
    expect((await draft(valueDraft.body.id, user)).body.status).toBe('pending');
    expect((await draft(coffeeDraft.body.id, user)).body.status).toBe('pending');
    expect(
      await queryRows(adminUrl, `SELECT status FROM catalog.dictionary_values WHERE id = $1`, [
        valueDraft.body.targetId,
      ]),
    ).toEqual([{ status: 'pending' }]);
    expect((await catalog.call<{ total: number }>('GET', '/coffees?search=Nyeri')).body.total).toBe(0);
    expect(await platform.events(coffeeDraft.body.id)).toEqual([]);
  });

  it('diffs an edit, flags a conflict, returns it for changes and approves the revision', async () => {
    const created = await catalog.call<Coffee>('POST', '/coffees', {
      body: card({ name: 'Brazil Cerrado', variety: 'Heirloom' }),
      token: moderator,
    });
    const id = created.body.id;
    const proposed = await catalog.call<Draft>('PATCH', `/coffees/${id}`, {
      body: { variety: '74110', farm: 'Banko' },
      token: user,
    });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({ action: 'update', targetId: id, baseVersion: 1 });
    expect((await catalog.call<Coffee>('GET', `/coffees/${id}`)).body.variety).toBe('Heirloom');

    let detail = await draft(proposed.body.id, moderator);
    expect(detail.body).toMatchObject({ conflict: false, currentVersion: 1 });
    expect(detail.body.changes).toEqual([
      { field: 'farm', base: null, current: null, proposed: 'Banko', conflict: false },
      { field: 'variety', base: 'Heirloom', current: 'Heirloom', proposed: '74110', conflict: false },
    ]);

    // A moderator changes the same field directly: the draft is now in conflict.
    await catalog.call('PATCH', `/coffees/${id}`, { body: { variety: 'Wolisho' }, token: moderator });
    detail = await draft(proposed.body.id, moderator);
    expect(detail.body).toMatchObject({ conflict: true, currentVersion: 2, baseVersion: 1 });
    expect(detail.body.changes[1]).toEqual({
      field: 'variety',
      base: 'Heirloom',
      current: 'Wolisho',
      proposed: '74110',
      conflict: true,
    });
    const refused = await catalog.call('POST', `/drafts/${proposed.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DRAFT_CONFLICT', errors: [{ field: 'variety' }] });

    const returned = await catalog.call<Draft>('POST', `/drafts/${proposed.body.id}/reject`, {
      body: { message: 'Variety was corrected meanwhile; please check.', returnForChanges: true },
      token: moderator,
    });
    expect(returned.body).toMatchObject({ status: 'changes-requested' });
    const seenByAuthor = await draft(proposed.body.id, user);
    expect(seenByAuthor.body).toMatchObject({
      status: 'changes-requested',
      message: 'Variety was corrected meanwhile; please check.',
    });
    expect((await platform.events(proposed.body.id)).at(-1)).toMatchObject({
      topic: 'catalog.draft.rejected.v1',
      payload: { decision: 'changes-requested', message: 'Variety was corrected meanwhile; please check.' },
    });

    const revised = await catalog.call<Draft>('PUT', `/drafts/${proposed.body.id}`, {
      body: { payload: { variety: 'Wolisho 74110', farm: 'Banko' } },
      token: user,
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ status: 'pending', conflict: false, baseVersion: 2 });

    const approved = await catalog.call<Draft>('POST', `/drafts/${proposed.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(approved.status).toBe(200);
    expect((await catalog.call<Coffee>('GET', `/coffees/${id}`)).body).toMatchObject({
      variety: 'Wolisho 74110',
      farm: 'Banko',
      version: 3,
    });
    const history = await catalog.call<{ items: Record<string, unknown>[] }>(
      'GET',
      `/coffees/${id}/history?sort=version`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        version: 1,
        action: 'created',
        authorId: platform.moderatorId,
        draftId: null,
      }),
      expect.objectContaining({
        version: 2,
        action: 'updated',
        changes: { variety: { from: 'Heirloom', to: 'Wolisho' } },
      }),
      expect.objectContaining({
        version: 3,
        authorId: userId,
        reviewerId: platform.moderatorId,
        draftId: proposed.body.id,
        changes: { variety: { from: 'Wolisho', to: 'Wolisho 74110' }, farm: { from: null, to: 'Banko' } },
      }),
    ]);
  });

  it('approves over a conflict only when the moderator overrides it, and refuses a draft whose item is gone', async () => {
    const created = await catalog.call<Coffee>('POST', '/coffees', {
      body: card({ name: 'Peru Cajamarca' }),
      token: moderator,
    });
    const proposed = await catalog.call<Draft>('PATCH', `/coffees/${created.body.id}`, {
      body: { variety: 'Typica' },
      token: user,
    });
    await catalog.call('PATCH', `/coffees/${created.body.id}`, {
      body: { variety: 'Bourbon' },
      token: moderator,
    });
    const overridden = await catalog.call<Draft>('POST', `/drafts/${proposed.body.id}/approve`, {
      body: { overrideConflict: true },
      token: moderator,
    });
    expect(overridden.status).toBe(200);
    expect((await catalog.call<Coffee>('GET', `/coffees/${created.body.id}`)).body.variety).toBe('Typica');

    const orphan = await catalog.call<Draft>('PATCH', `/coffees/${created.body.id}`, {
      body: { variety: 'Geisha' },
      token: user,
    });
    await catalog.call('DELETE', `/coffees/${created.body.id}`, { token: moderator });
    expect((await draft(orphan.body.id, moderator)).body.conflict).toBe(true);
    const gone = await catalog.call('POST', `/drafts/${orphan.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(gone.status).toBe(409);
    expect(gone.body).toMatchObject({ code: 'DRAFT_CONFLICT' });
  });

  it('rejects with a message the author reads, dropping a proposed dictionary value', async () => {
    const valueDraft = await catalog.call<Draft>('POST', '/dictionaries/roasters', {
      body: { name: 'Typo Roastrs' },
      token: user,
    });
    const rejected = await catalog.call<Draft>('POST', `/drafts/${valueDraft.body.id}/reject`, {
      body: { message: 'Spelled wrong, and we already have it.' },
      token: moderator,
    });
    expect(rejected.status).toBe(200);
    expect((await draft(valueDraft.body.id, user)).body).toMatchObject({
      status: 'rejected',
      message: 'Spelled wrong, and we already have it.',
    });
    expect(
      await queryRows(adminUrl, `SELECT id FROM catalog.dictionary_values WHERE id = $1`, [
        valueDraft.body.targetId,
      ]),
    ).toEqual([]);
    expect(await platform.events(valueDraft.body.id)).toEqual([
      {
        topic: 'catalog.draft.rejected.v1',
        payload: expect.objectContaining({
          decision: 'rejected',
          message: 'Spelled wrong, and we already have it.',
        }) as object,
      },
    ]);
    const again = await catalog.call('POST', `/drafts/${valueDraft.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DRAFT_NOT_OPEN' });
    // The name is free again.
    const reproposed = await catalog.call('POST', '/dictionaries/roasters', {
      body: { name: 'Typo Roastrs' },
      token: user,
    });
    expect(reproposed.status).toBe(202);
  });

  it('answers DRAFT_NO_LONGER_APPLIES when what a draft relies on changed since it was written', async () => {
    // A new card naming a roaster the moderators delete before approving it.
    const doomed = await platform.dictionaryValue('roasters', 'Short-lived Roasters');
    const proposed = await catalog.call<Draft>('POST', '/coffees', {
      body: card({ name: 'Peru Cajamarca', roasterId: doomed }),
      token: user,
    });
    expect(proposed.status).toBe(202);
    expect(
      (await catalog.call('DELETE', `/dictionaries/roasters/${doomed}`, { token: moderator })).status,
    ).toBe(204);
    const gone = await catalog.call('POST', `/drafts/${proposed.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(gone.status).toBe(409);
    expect(gone.body).toMatchObject({
      code: 'DRAFT_NO_LONGER_APPLIES',
      errors: [{ field: 'roasterId', messages: ['must be the id of one of roasters'] }],
    });

    // An edit of one bound that no longer fits the other bound a moderator changed meanwhile.
    const coffee = await catalog.call<Coffee>('POST', '/coffees', {
      body: card({ name: 'Bolivia Caranavi', altitudeMin: 1400, altitudeMax: 1900 }),
      token: moderator,
    });
    const edit = await catalog.call<Draft>('PATCH', `/coffees/${coffee.body.id}`, {
      body: { altitudeMin: 1800 },
      token: user,
    });
    expect(edit.status).toBe(202);
    await catalog.call('PATCH', `/coffees/${coffee.body.id}`, {
      body: { altitudeMax: 1700 },
      token: moderator,
    });
    const reversed = await catalog.call('POST', `/drafts/${edit.body.id}/approve`, {
      body: {},
      token: moderator,
    });
    expect(reversed.status).toBe(409);
    expect(reversed.body).toMatchObject({
      code: 'DRAFT_NO_LONGER_APPLIES',
      errors: [{ field: 'altitudeMin' }],
    });
    expect((await draft(edit.body.id, user)).body.status).toBe('pending');

    // Sent directly, the same input is a plain 400.
    const direct = await catalog.call('PATCH', `/coffees/${coffee.body.id}`, {
      body: { altitudeMin: 1800 },
      token: moderator,
    });
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("answers an unknown item's history with the item's not-found code", async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    for (const [path, code] of [
      [`/coffees/${unknown}/history`, 'COFFEE_NOT_FOUND'],
      [`/watches/${unknown}/history`, 'WATCH_NOT_FOUND'],
      [`/mechanisms/${unknown}/history`, 'MECHANISM_NOT_FOUND'],
    ]) {
      const reply = await catalog.call('GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toMatchObject({ code });
    }
    // A deleted item's history stays readable.
    const coffee = await catalog.call<Coffee>('POST', '/coffees', {
      body: card({ name: 'Burundi Kayanza' }),
      token: moderator,
    });
    expect((await catalog.call('DELETE', `/coffees/${coffee.body.id}`, { token: moderator })).status).toBe(
      204,
    );
    const history = await catalog.call<{ items: { action: string }[] }>(
      'GET',
      `/coffees/${coffee.body.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry) => entry.action)).toEqual(['deleted', 'created']);
  });

  it('refuses bad review and revision requests with 4xx, changing nothing', async () => {
    const proposed = await catalog.call<Draft>('POST', '/coffees', {
      body: card({ name: 'Rwanda Huye' }),
      token: user,
    });
    const id = proposed.body.id;
    const other = await platform.signedUp('meddler');
    const cases: [string, string, { body?: unknown; token?: string }, number][] = [
      ['POST', `/drafts/${id}/approve`, { body: {}, token: user }, 403],
      ['POST', `/drafts/${id}/reject`, { body: {}, token: moderator }, 400],
      ['POST', `/drafts/${id}/reject`, { body: { message: '   ' }, token: moderator }, 400],
      ['POST', `/drafts/not-a-uuid/approve`, { body: {}, token: moderator }, 400],
      ['PUT', `/drafts/${id}`, { body: { payload: { name: 'Mine now' } }, token: other.accessToken }, 404],
      ['PUT', `/drafts/${id}`, { body: { payload: { ...card(), roastLevel: 'burnt' } }, token: user }, 400],
      ['PUT', `/drafts/${id}`, { body: { payload: 'name' }, token: user }, 400],
      ['DELETE', `/drafts/${id}`, { token: other.accessToken }, 404],
      ['GET', `/drafts`, {}, 401],
    ];
    for (const [method, path, options, status] of cases) {
      const reply = await catalog.call(method, path, options);
      expect(reply.status, `${method} ${path}`).toBe(status);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await draft(id, user)).body).toMatchObject({
      status: 'pending',
      payload: card({ name: 'Rwanda Huye' }),
    });

    expect((await catalog.call('DELETE', `/drafts/${id}`, { token: user })).status).toBe(204);
    expect((await draft(id, user)).body.status).toBe('withdrawn');
    expect((await catalog.call('DELETE', `/drafts/${id}`, { token: user })).status).toBe(409);
  });
});
