import { describe, expect, it } from 'vitest';
import { changedFields, diffDraft } from './field-diff.js';

describe('changedFields', () => {
  it('lists only fields whose values differ, comparing arrays by content', () => {
    expect(
      changedFields(
        { name: 'Kochere', notes: ['jasmine'], farm: null, variety: 'Heirloom' },
        { name: 'Kochere', notes: ['jasmine', 'lemon'], farm: 'Banko', variety: 'Heirloom' },
      ),
    ).toEqual({
      notes: { from: ['jasmine'], to: ['jasmine', 'lemon'] },
      farm: { from: null, to: 'Banko' },
    });
  });

  it('treats a missing snapshot as all nulls, for created and deleted items', () => {
    expect(changedFields(null, { name: 'Kochere', farm: null })).toEqual({
      name: { from: null, to: 'Kochere' },
    });
    expect(changedFields({ name: 'Kochere' }, null)).toEqual({ name: { from: 'Kochere', to: null } });
  });
});

describe('diffDraft', () => {
  const base = { name: 'Kochere', variety: 'Heirloom', farm: null };

  it('shows each proposed change against the current value, leaving out no-ops', () => {
    expect(diffDraft({ name: 'Kochere', variety: '74110' }, base, base)).toEqual([
      { field: 'variety', base: 'Heirloom', current: 'Heirloom', proposed: '74110', conflict: false },
    ]);
  });

  it('flags a field someone else changed since the draft was written', () => {
    const current = { ...base, variety: 'Wolisho' };
    expect(diffDraft({ variety: '74110', farm: 'Banko' }, base, current)).toEqual([
      { field: 'farm', base: null, current: null, proposed: 'Banko', conflict: false },
      { field: 'variety', base: 'Heirloom', current: 'Wolisho', proposed: '74110', conflict: true },
    ]);
  });

  it('is no conflict when the other change already made the field what the draft proposes', () => {
    expect(diffDraft({ variety: '74110' }, base, { ...base, variety: '74110' })).toEqual([]);
  });

  it('lists every field of a new item, with nothing to conflict with', () => {
    expect(diffDraft({ name: 'Kochere', farm: null }, null, null)).toEqual([
      { field: 'name', base: null, current: null, proposed: 'Kochere', conflict: false },
    ]);
  });
});
