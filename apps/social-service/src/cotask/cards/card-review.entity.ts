import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CardEntity } from './card.entity.js';
import { DeckEntity } from './deck.entity.js';

export const GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type Grade = (typeof GRADES)[number];

/** One review of a card (ts-fsrs `ReviewLog`): the grade and the memory state the card had before it. */
@Entity({ name: 'cotask_card_reviews' })
@Index('cotask_card_reviews_card_reviewed_idx', ['cardId', 'reviewedAt', 'id'])
@Index('cotask_card_reviews_deck_reviewed_idx', ['deckId', 'reviewedAt'])
@Index('cotask_card_reviews_user_reviewed_idx', ['userId', 'reviewedAt'])
export class CardReviewEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Null once the card is deleted: its reviews still count in the user's figures. */
  @Column({ name: 'card_id', type: 'uuid', nullable: true })
  cardId!: string | null;

  @ManyToOne(() => CardEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'card_id' })
  card?: CardEntity | null;

  @Column({ name: 'deck_id', type: 'uuid' })
  deckId!: string;

  @ManyToOne(() => DeckEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deck_id' })
  deck?: DeckEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  grade!: Grade;

  /** ts-fsrs State before the review (2 = review: these count in measured retention). */
  @Column({ type: 'smallint' })
  state!: number;

  /** When the card was due before the review. */
  @Column({ type: 'timestamptz' })
  due!: Date;

  @Column({ type: 'double precision' })
  stability!: number;

  @Column({ type: 'double precision' })
  difficulty!: number;

  @Column({ name: 'scheduled_days', type: 'integer' })
  scheduledDays!: number;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
