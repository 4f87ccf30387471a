import type { DraftSubject } from '@agora/contracts';
import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldValues } from './draft.entity.js';

/** Who a change is credited to, and how it came about. */
export interface ChangeContext {
  /** The moderator editing directly, or the author of the draft being approved. */
  readonly authorId: string;
  /** The moderator who approved the draft; null for a direct edit. */
  readonly reviewerId: string | null;
  readonly draftId: string | null;
  /** Pending dictionary values this user proposed may be referenced (only while checking a proposal). */
  readonly pendingValuesOf: string | null;
  /** A proposal's trial run: the input is checked and the row written (to be rolled back), nothing else. */
  readonly trial: boolean;
}

export const directChange = (userId: string): ChangeContext => ({
  authorId: userId,
  reviewerId: null,
  draftId: null,
  pendingValuesOf: null,
  trial: false,
});

/** An item's editable fields and the version they belong to. */
export interface ItemSnapshot {
  readonly version: number;
  readonly fields: FieldValues;
}

/**
 * What moderation needs from each kind of item: the DTOs a proposal is validated with, a snapshot for
 * the diff, and the same write path a moderator's direct edit takes (so approval checks everything a
 * direct edit checks, writes history and emits the item's events).
 */
export interface ItemEditor {
  readonly subject: DraftSubject;
  readonly createInput: Type<object>;
  readonly updateInput: Type<object>;
  /** Whether the item exists now. */
  exists(id: string): Promise<boolean>;
  /** The item's fields and version; `lock`: row-locked for the rest of the transaction (approval). */
  snapshot(manager: EntityManager, id: string, lock?: boolean): Promise<ItemSnapshot | null>;
  /** Creates the item (`targetId` null) or applies the changed fields to it; returns the item's id. */
  apply(
    manager: EntityManager,
    targetId: string | null,
    payload: FieldValues,
    context: ChangeContext,
  ): Promise<string>;
  /** Ids of the dictionary values the payload refers to (pending ones are approved along with it). */
  referencedValues(payload: FieldValues): string[];
  /** Runs when a proposal is written; returns the target to record (a new dictionary value's pending row). */
  prepare?(manager: EntityManager, payload: FieldValues, authorId: string): Promise<string | null>;
  /** Runs when a proposal is rejected or withdrawn (drops a pending dictionary value). */
  discard?(manager: EntityManager, targetId: string | null): Promise<void>;
}
