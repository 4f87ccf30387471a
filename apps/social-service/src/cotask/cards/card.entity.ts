import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DeckEntity } from './deck.entity.js';

export const CARD_KINDS = ['basic', 'cloze'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** FSRS's learning states, as ts-fsrs numbers them. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type CardState = (typeof CARD_STATES)[number];

/** A card counts as mastered in review state with at least this stability (days). */
export const MASTERED_STABILITY_DAYS = 21;

/**
 * A flashcard and its FSRS memory state (ts-fsrs `Card`). A cloze card is one deletion (`clozeNumber`) of its
 * note text (`text`); `front`/`back` are rendered from it. A generated deck's card names its catalog item.
 */
@Entity({ name: 'cotask_cards' })
// The due queue: a deck's cards by due time, ties by id (keyset).
@Index('cotask_cards_deck_due_idx', ['deckId', 'due', 'id'])
// The user's forecast over all decks.
@Index('cotask_cards_owner_due_idx', ['ownerId', 'due'])
@Index('cotask_cards_deck_created_idx', ['deckId', 'createdAt', 'id'])
// Mastery: is any card of the deck not mastered yet? (an index probe, not a scan of the deck)
@Index('cotask_cards_deck_unmastered_idx', ['deckId'], {
  where: `"state" <> 2 OR "stability" < ${MASTERED_STABILITY_DAYS}`,
})
// A generated deck holds one card per catalog item.
@Index('cotask_cards_deck_item_key', ['deckId', 'itemId'], { unique: true, where: '"item_id" IS NOT NULL' })
@Index('cotask_cards_item_idx', ['itemId'], { where: '"item_id" IS NOT NULL' })
export class CardEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'deck_id', type: 'uuid' })
  deckId!: string;

  @ManyToOne(() => DeckEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deck_id' })
  deck?: DeckEntity;

  /** The deck's owner, kept here for the user-wide due index. */
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  kind!: CardKind;

  @Column({ type: 'text' })
  front!: string;

  @Column({ type: 'text' })
  back!: string;

  /** A cloze card's note text with its `{{cN::…}}` deletions; null for a basic card. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ name: 'cloze_number', type: 'smallint', nullable: true })
  clozeNumber!: number | null;

  /** The catalog item a generated card is about. */
  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  // FSRS memory state (ts-fsrs Card)
  @Column({ type: 'timestamptz' })
  due!: Date;

  @Column({ type: 'double precision', default: 0 })
  stability!: number;

  @Column({ type: 'double precision', default: 0 })
  difficulty!: number;

  @Column({ name: 'elapsed_days', type: 'integer', default: 0 })
  elapsedDays!: number;

  @Column({ name: 'scheduled_days', type: 'integer', default: 0 })
  scheduledDays!: number;

  @Column({ name: 'learning_steps', type: 'integer', default: 0 })
  learningSteps!: number;

  @Column({ type: 'integer', default: 0 })
  reps!: number;

  @Column({ type: 'integer', default: 0 })
  lapses!: number;

  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  @Column({ type: 'smallint', default: 0 })
  state!: number;

  @Column({ name: 'last_review', type: 'timestamptz', nullable: true })
  lastReview!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
