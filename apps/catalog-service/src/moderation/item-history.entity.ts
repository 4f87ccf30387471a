import { DRAFT_SUBJECTS, type DraftSubject } from '@agora/contracts';
import { AgoraEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';

export const HISTORY_ACTIONS = ['created', 'updated', 'deleted'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** One field's change: what it was and what it became. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** Who changed what in a catalog item, and through which draft (MusicBrainz-style edit history). */
@Entity({ name: 'item_history' })
@Index('item_history_item_idx', ['subject', 'itemId', 'version'])
@Check(
  'item_history_action_check',
  `"action" IN (${HISTORY_ACTIONS.map((action) => `'${action}'`).join(', ')})`,
)
@Check(
  'item_history_subject_check',
  `"subject" IN (${DRAFT_SUBJECTS.map((subject) => `'${subject}'`).join(', ')})`,
)
export class ItemHistoryEntity extends AgoraEntity {
  @Column({ type: 'text' })
  subject!: DraftSubject;

  /** Not a foreign key: the history outlives a deleted item. */
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** The item's version after this change. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  action!: HistoryAction;

  /** Changed fields only. */
  @Column({ type: 'jsonb' })
  changes!: Record<string, FieldChange>;

  /** Whose change it is: the moderator who edited directly, or the approved draft's author. */
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  /** The moderator who approved the draft; null for a direct edit. */
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'draft_id', type: 'uuid', nullable: true })
  draftId!: string | null;
}
