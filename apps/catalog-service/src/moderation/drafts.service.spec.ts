import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import type { OutboxWriter } from '@agora/database';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inlineUnitOfWork, strictMock } from '@agora/testing';
import { CatalogException } from '../catalog.errors.js';
import type { Tx } from '@agora/database';
import { DraftEntity, type FieldValues } from './draft.entity.js';
import type { DraftsRepository } from './drafts.repository.js';
import { DraftsService } from './drafts.service.js';
import type { ItemEditor } from './item-editor.js';
import { ItemEditors } from './item-editors.js';

const tx = strictMock<Tx>('tx');
const reviewer: AuthenticatedUser = { id: 'moderator-1', role: 'moderator' } as AuthenticatedUser;
const author: AuthenticatedUser = { id: 'author-1', role: 'user' } as AuthenticatedUser;

function draft(values: Partial<DraftEntity>): DraftEntity {
  return Object.assign(new DraftEntity(), {
    id: 'draft-1',
    subject: 'coffee',
    action: 'update',
    targetId: 'coffee-1',
    payload: {},
    base: null,
    baseVersion: null,
    status: 'pending',
    message: null,
    authorId: author.id,
    reviewerId: null,
    reviewedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...values,
  });
}

function editor(subject: ItemEditor['subject'], members: Partial<ItemEditor>): ItemEditor {
  return strictMock<ItemEditor>(`${subject} editor`, {
    subject,
    referencedValues: vi.fn(() => []),
    // Optional hooks this kind does not have.
    prepare: undefined,
    discard: undefined,
    ...members,
  });
}

/** The drafts service on mocked repositories; nothing but what each test stubs may be touched. */
function setUp(coffees: ItemEditor, values?: ItemEditor) {
  const editors = new ItemEditors();
  editors.register(coffees);
  if (values) {
    editors.register(values);
  }
  const drafts = {
    lock: vi.fn<DraftsRepository['lock']>(),
    save: vi.fn<DraftsRepository['save']>((_tx, saved) => Promise.resolve(saved)),
    lockOpenValueProposals: vi.fn<DraftsRepository['lockOpenValueProposals']>(() => Promise.resolve([])),
    build: vi.fn<DraftsRepository['build']>((_tx, values) => draft(values as Partial<DraftEntity>)),
    rolledBack: vi.fn<DraftsRepository['rolledBack']>((_tx, work) => work()),
  };
  const outbox = { add: vi.fn<OutboxWriter['add']>(() => Promise.resolve('outbox-row')) };
  const unitOfWork = inlineUnitOfWork(tx);
  const service = new DraftsService(
    unitOfWork,
    strictMock<DraftsRepository>('drafts', drafts),
    editors,
    strictMock<OutboxWriter>('outbox', outbox),
  );
  return { service, drafts, outbox };
}

describe('DraftsService', () => {
  let snapshot: ReturnType<typeof vi.fn<ItemEditor['snapshot']>>;
  let apply: ReturnType<typeof vi.fn<ItemEditor['apply']>>;

  beforeEach(() => {
    snapshot = vi.fn<ItemEditor['snapshot']>();
    apply = vi.fn<ItemEditor['apply']>(() => Promise.resolve('coffee-1'));
  });

  const current = (fields: FieldValues, version = 3) => ({ version, fields });

  it('refuses to approve an edit of a field someone else changed since, naming the field', async () => {
    const { service, drafts, outbox } = setUp(editor('coffee', { snapshot, apply }));
    drafts.lock.mockResolvedValue(
      draft({
        payload: { variety: 'Geisha' },
        base: { variety: 'Caturra', farm: 'La Palma' },
        baseVersion: 2,
      }),
    );
    snapshot.mockResolvedValue(current({ variety: 'Bourbon', farm: 'La Palma' }));

    const refused = await service.approve(reviewer, 'draft-1', {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CatalogException);
    expect(refused).toMatchObject({
      code: 'DRAFT_CONFLICT',
      extras: { errors: [{ field: 'variety', messages: ['changed since the draft was written'] }] },
    });
    expect(snapshot).toHaveBeenCalledWith(tx, 'coffee-1', true);
    expect(apply).not.toHaveBeenCalled();
    expect(drafts.save).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('approves over changes to fields the draft leaves alone, and over a conflict when told to', async () => {
    const { service, drafts, outbox } = setUp(editor('coffee', { snapshot, apply }));
    const untouched = draft({ payload: { variety: 'Geisha' }, base: { variety: 'Caturra', farm: 'A' } });
    drafts.lock.mockResolvedValueOnce(untouched);
    snapshot.mockResolvedValue(current({ variety: 'Caturra', farm: 'B' }));
    const approved = await service.approve(reviewer, 'draft-1', { message: 'Thanks' });
    expect(approved).toMatchObject({ status: 'approved', reviewerId: reviewer.id, message: 'Thanks' });
    expect(apply).toHaveBeenCalledWith(
      tx,
      'coffee-1',
      { variety: 'Geisha' },
      {
        authorId: author.id,
        reviewerId: reviewer.id,
        draftId: 'draft-1',
        pendingValuesOf: null,
        trial: false,
      },
    );
    expect(outbox.add).toHaveBeenCalledWith(
      tx,
      Topics.CatalogDraftApproved,
      'draft-1',
      expect.objectContaining({ decision: 'approved', itemId: 'coffee-1', reviewerId: reviewer.id }),
    );

    const conflicting = draft({ payload: { variety: 'Geisha' }, base: { variety: 'Caturra' } });
    drafts.lock.mockResolvedValueOnce(conflicting);
    snapshot.mockResolvedValue(current({ variety: 'Bourbon' }));
    await expect(service.approve(reviewer, 'draft-1', { overrideConflict: true })).resolves.toMatchObject({
      status: 'approved',
    });
    expect(apply).toHaveBeenCalledTimes(2);
  });

  it('refuses to approve an edit of an item deleted since', async () => {
    const { service, drafts } = setUp(editor('coffee', { snapshot, apply }));
    drafts.lock.mockResolvedValue(draft({ payload: { variety: 'Geisha' }, base: { variety: 'Caturra' } }));
    snapshot.mockResolvedValue(null);
    await expect(service.approve(reviewer, 'draft-1', {})).rejects.toMatchObject({ code: 'DRAFT_CONFLICT' });
    expect(apply).not.toHaveBeenCalled();
  });

  it('approves the pending dictionary values a new card uses before the card itself', async () => {
    const applyValue = vi.fn<ItemEditor['apply']>(() => Promise.resolve('roaster-9'));
    const { service, drafts, outbox } = setUp(
      editor('coffee', { snapshot, apply, referencedValues: vi.fn(() => ['roaster-9']) }),
      editor('dictionary-value', { apply: applyValue }),
    );
    const card = draft({
      action: 'create',
      targetId: null,
      payload: { name: 'Kenya', roasterId: 'roaster-9' },
    });
    const roaster = draft({
      id: 'draft-0',
      subject: 'dictionary-value',
      action: 'create',
      targetId: 'roaster-9',
      payload: { kind: 'roasters', name: 'Rockets' },
    });
    drafts.lock.mockResolvedValue(card);
    drafts.lockOpenValueProposals.mockImplementation((_tx, ids) =>
      Promise.resolve(ids.includes('roaster-9') ? [roaster] : []),
    );

    await service.approve(reviewer, 'draft-1', {});
    expect(drafts.lockOpenValueProposals).toHaveBeenCalledWith(tx, ['roaster-9'], author.id);
    expect(applyValue.mock.invocationCallOrder[0]).toBeLessThan(apply.mock.invocationCallOrder[0]);
    expect(applyValue).toHaveBeenCalledWith(
      tx,
      'roaster-9',
      roaster.payload,
      expect.objectContaining({ draftId: 'draft-0' }),
    );
    expect([roaster.status, card.status]).toEqual(['approved', 'approved']);
    expect(card.targetId).toBe('coffee-1');
    expect(outbox.add.mock.calls.map(([, topic, key]) => [topic, key])).toEqual([
      [Topics.CatalogDraftApproved, 'draft-0'],
      [Topics.CatalogDraftApproved, 'draft-1'],
    ]);
  });

  it('checks a proposal by a trial run that the repository rolls back, then queues it on the version read', async () => {
    const { service, drafts } = setUp(editor('coffee', { snapshot, apply }));
    snapshot.mockResolvedValue(current({ variety: 'Caturra' }, 4));

    const proposed = await service.propose(author, 'coffee', 'coffee-1', { variety: 'Geisha' }, [4]);
    expect(drafts.rolledBack).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith(
      tx,
      'coffee-1',
      { variety: 'Geisha' },
      {
        authorId: author.id,
        reviewerId: null,
        draftId: null,
        pendingValuesOf: author.id,
        trial: true,
      },
    );
    expect(proposed).toMatchObject({
      status: 'pending',
      action: 'update',
      baseVersion: 4,
      authorId: author.id,
    });
  });

  it('refuses to approve a draft that is no longer pending', async () => {
    const { service, drafts } = setUp(editor('coffee', { snapshot, apply }));
    drafts.lock.mockResolvedValue(draft({ status: 'rejected' }));
    await expect(service.approve(reviewer, 'draft-1', {})).rejects.toMatchObject({ code: 'DRAFT_NOT_OPEN' });
  });
});
