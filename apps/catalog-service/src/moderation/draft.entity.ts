import { DRAFT_SUBJECTS, type DraftSubject } from '@agora/contracts';
import { AgoraEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';

export const DRAFT_ACTIONS = ['create', 'update'] as const;
export type DraftAction = (typeof DRAFT_ACTIONS)[number];

/**
 * `pending` waits in the moderators' queue; `changes-requested` is back with its author, who may revise
 * it; `approved`, `rejected` and `withdrawn` are final.
 */
export const DRAFT_STATUSES = ['pending', 'changes-requested', 'approved', 'rejected', 'withdrawn'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export const OPEN_DRAFT_STATUSES: readonly DraftStatus[] = ['pending', 'changes-requested'];

/** The item's editable fields, as a draft's payload and as snapshots for the diff. */
export type FieldValues = Record<string, unknown>;

const quoted = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/**
 * A user's proposal (seeds 000, 002: draft tables with the admin's message): a new item, an edit of an
 * item, or a new dictionary value, kept until a moderator approves or rejects it.
 */
@Entity({ name: 'drafts' })
// List sorts (ties by id) and filters (the ListIndexes migration).
@Index('drafts_subject_sort_idx', ['subject', 'id'])
@Index('drafts_action_sort_idx', ['action', 'id'])
@Index('drafts_status_sort_idx', ['status', 'id'])
@Index('drafts_target_id_sort_idx', ['targetId', 'id'])
@Index('drafts_author_id_sort_idx', ['authorId', 'id'])
@Index('drafts_reviewer_id_sort_idx', ['reviewerId', 'id'])
@Index('drafts_created_at_sort_idx', ['createdAt', 'id'])
@Index('drafts_updated_at_sort_idx', ['updatedAt', 'id'])
@Index('drafts_queue_idx', ['status', 'createdAt'])
@Check('drafts_subject_check', `"subject" IN (${quoted(DRAFT_SUBJECTS)})`)
@Check('drafts_action_check', `"action" IN (${quoted(DRAFT_ACTIONS)})`)
@Check('drafts_status_check', `"status" IN (${quoted(DRAFT_STATUSES)})`)
export class DraftEntity extends AgoraEntity {
  @Column({ type: 'text' })
  subject!: DraftSubject;

  @Column({ type: 'text' })
  action!: DraftAction;

  /** The item edited; for a new item, the item created on approval (a dictionary value: its pending row). */
  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  /** The proposed fields: the whole item for `create`, the changed fields for `update`. */
  @Column({ type: 'jsonb' })
  payload!: FieldValues;

  /** The item's fields when the draft was written (`update`): what the diff flags conflicts against. */
  @Column({ type: 'jsonb', nullable: true })
  base!: FieldValues | null;

  @Column({ name: 'base_version', type: 'integer', nullable: true })
  baseVersion!: number | null;

  @Column({ type: 'text', default: 'pending' })
  status!: DraftStatus;

  /** The moderator's message to the author (why rejected, what to change). */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;
}
