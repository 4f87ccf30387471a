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
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { ShareVisibility } from '../achievements/achievement.types.js';

/** Who may read a deck besides its owner: nobody (`private`) or anyone (`public`, listed and copyable). */
export const DECK_SHARINGS = ['private', 'public'] as const;
export type DeckSharing = (typeof DECK_SHARINGS)[number];

/** The decks generated from the catalog: coffee → country and region; watch → mechanism (calibre). */
export const GENERATED_DECKS = ['coffee-origins', 'soviet-calibres'] as const;
export type GeneratedDeck = (typeof GENERATED_DECKS)[number];

/** A user's deck of flashcards (CoTask's forgetting curve, issue 19), scheduled by FSRS at its desired retention. */
@Entity({ name: 'cotask_decks' })
@Index('cotask_decks_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Index('cotask_decks_owner_title_idx', ['ownerId', 'title', 'id'])
@Index('cotask_decks_public_created_idx', ['createdAt', 'id'], { where: `"sharing" = 'public'` })
@Index('cotask_decks_generated_idx', ['generated', 'id'], { where: '"generated" IS NOT NULL' })
// One subscription per user and generated deck.
@Index('cotask_decks_owner_generated_key', ['ownerId', 'generated'], {
  unique: true,
  where: '"generated" IS NOT NULL',
})
export class DeckEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** A deleted account's decks go with its profile. */
  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: ProfileEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** FSRS `request_retention`: the recall probability reviews are scheduled at (0.70–0.99). */
  @Column({ name: 'desired_retention', type: 'double precision', default: 0.9 })
  desiredRetention!: number;

  /** Who sees the deck's mastery in the feed (an achievement). */
  @Column({ name: 'share_mastery', type: 'text', default: 'followers' })
  shareMastery!: ShareVisibility;

  @Column({ type: 'text', default: 'private' })
  sharing!: DeckSharing;

  /** The catalog deck it subscribes to (its cards follow the catalog); null for a deck of the user's own. */
  @Column({ type: 'text', nullable: true })
  generated!: GeneratedDeck | null;

  /** The deck it was copied from (null when it was not, or that deck is gone). */
  @Column({ name: 'copied_from', type: 'uuid', nullable: true })
  copiedFrom!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
