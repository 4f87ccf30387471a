import { isDeepStrictEqual } from 'node:util';
import type { FieldValues } from './draft.entity.js';
import type { FieldChange } from './item-history.entity.js';

const valueOf = (values: FieldValues | null, field: string): unknown => values?.[field] ?? null;

/** The fields whose value differs between two snapshots (either may be null: created, deleted). */
export function changedFields(
  before: FieldValues | null,
  after: FieldValues | null,
): Record<string, FieldChange> {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const from = valueOf(before, field);
    const to = valueOf(after, field);
    if (!isDeepStrictEqual(from, to)) {
      changes[field] = { from, to };
    }
  }
  return changes;
}

/** One row of a draft's diff: the proposed value against the item as it is, and as it was when written. */
export interface DraftFieldDiff {
  field: string;
  /** The value when the draft was written (null for a new item). */
  base: unknown;
  /** The value now (null for a new item). */
  current: unknown;
  proposed: unknown;
  /** Someone else changed this field since the draft was written, to something other than proposed. */
  conflict: boolean;
}

/**
 * The draft's proposed fields in alphabetical order, each against the current item and the base the
 * author saw; fields the draft would not change (proposed equals current) are left out.
 */
export function diffDraft(
  payload: FieldValues,
  base: FieldValues | null,
  current: FieldValues | null,
): DraftFieldDiff[] {
  return Object.keys(payload)
    .sort()
    .flatMap((field) => {
      const proposed = valueOf(payload, field);
      const now = valueOf(current, field);
      if (isDeepStrictEqual(proposed, now)) {
        return [];
      }
      const then = valueOf(base, field);
      const conflict = base !== null && !isDeepStrictEqual(then, now);
      return [{ field, base: then, current: now, proposed, conflict }];
    });
}
