import { QueryFailedError } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { strictMock } from '@agora/testing';
import { directChange, type ChangeContext } from '../moderation/item-editor.js';
import { ItemEditors } from '../moderation/item-editors.js';
import type { Tx } from '@agora/database';
import { DictionaryValueEditor } from './dictionary-value.editor.js';
import { DictionaryValueEntity } from './dictionary-value.entity.js';
import type { DictionaryValuesRepository } from './dictionary-values.repository.js';

const tx = strictMock<Tx>('tx');
const approval: ChangeContext = {
  authorId: 'author-1',
  reviewerId: 'moderator-1',
  draftId: 'draft-1',
  pendingValuesOf: null,
  trial: false,
};

function pending(values: Partial<DictionaryValueEntity> = {}): DictionaryValueEntity {
  return Object.assign(new DictionaryValueEntity(), {
    id: 'value-1',
    kind: 'roasters',
    name: 'Rockets',
    countryCode: null,
    status: 'pending',
    proposedBy: 'author-1',
    version: 1,
    ...values,
  });
}

/** The editor of proposed dictionary values on a mocked repository. */
function setUp() {
  const values = {
    lockPending: vi.fn<DictionaryValuesRepository['lockPending']>(),
    save: vi.fn<DictionaryValuesRepository['save']>((_tx, value) => Promise.resolve(value)),
    build: vi.fn<DictionaryValuesRepository['build']>((_tx, fields) =>
      pending(fields as Partial<DictionaryValueEntity>),
    ),
  };
  const editor = new DictionaryValueEditor(
    new ItemEditors(),
    strictMock<DictionaryValuesRepository>('values', values),
  );
  return { editor, values };
}

describe('DictionaryValueEditor', () => {
  it('reserves a proposed name as a pending value of its author', async () => {
    const { editor, values } = setUp();
    await editor.prepare(tx, { kind: 'origins', name: 'Huila', countryCode: 'CO' }, 'author-1');
    expect(values.save).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({
        kind: 'origins',
        name: 'Huila',
        countryCode: 'CO',
        status: 'pending',
        proposedBy: 'author-1',
      }),
    );
  });

  it('approves the pending value as the draft last proposed it', async () => {
    const { editor, values } = setUp();
    const value = pending();
    values.lockPending.mockResolvedValue(value);
    await expect(
      editor.apply(
        tx,
        'value-1',
        { kind: 'roasters', name: 'Rockets Roastery', countryCode: 'RU' },
        approval,
      ),
    ).resolves.toBe('value-1');
    expect(values.lockPending).toHaveBeenCalledWith(tx, 'value-1');
    expect(value).toMatchObject({ status: 'approved', name: 'Rockets Roastery', countryCode: 'RU' });
    expect(values.save).toHaveBeenCalledWith(tx, value);
  });

  it('answers DRAFT_NO_LONGER_APPLIES when the pending value is gone at approval, UNKNOWN_DICTIONARY_VALUE otherwise', async () => {
    const { editor, values } = setUp();
    values.lockPending.mockResolvedValue(null);
    const payload = { kind: 'roasters', name: 'Rockets' };
    await expect(editor.apply(tx, 'value-1', payload, approval)).rejects.toMatchObject({
      code: 'DRAFT_NO_LONGER_APPLIES',
    });
    await expect(editor.apply(tx, 'value-1', payload, directChange('author-1'))).rejects.toMatchObject({
      code: 'UNKNOWN_DICTIONARY_VALUE',
    });
    expect(values.save).not.toHaveBeenCalled();
  });

  it('answers DICTIONARY_VALUE_EXISTS when another value took the name meanwhile', async () => {
    const { editor, values } = setUp();
    values.lockPending.mockResolvedValue(pending());
    values.save.mockRejectedValue(
      new QueryFailedError(
        'UPDATE',
        [],
        Object.assign(new Error('duplicate'), {
          code: '23505',
          constraint: 'dictionary_values_kind_name_key',
        }),
      ),
    );
    await expect(
      editor.apply(tx, 'value-1', { kind: 'roasters', name: 'Taken' }, approval),
    ).rejects.toMatchObject({
      code: 'DICTIONARY_VALUE_EXISTS',
    });
  });
});
