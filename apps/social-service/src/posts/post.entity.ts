import { VersionedEntity } from '@agora/database';
import type { PostVisibility } from '@agora/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProfileEntity } from '../profiles/profile.entity.js';

/**
 * Activity that becomes a post of its user: catalog's (from its events: a listing, an approved draft, a review,
 * a check-in) and CoTask's achievements (a task completed in a shared project, a habit's streak, a mastered deck).
 */
export const POST_ACTIVITIES = [
  'new-listing',
  'item-approved',
  'review',
  'checkin',
  'task-completed',
  'habit-streak',
  'deck-mastered',
] as const;
export type PostActivity = (typeof POST_ACTIVITIES)[number];

/** A post: sanitized text with its @mentions and #tags, photos, an optional catalog item, a visibility. */
@Entity({ name: 'posts' })
@Index('posts_author_created_idx', ['authorId', 'createdAt', 'id'])
@Index('posts_author_id_idx', ['authorId', 'id'])
@Index('posts_activity_key', ['authorId', 'activity', 'itemId'], {
  unique: true,
  where: '"activity" IS NOT NULL',
})
export class PostEntity extends VersionedEntity {
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: ProfileEntity;

  @Column({ type: 'text' })
  text!: string;

  /** Ids of the users the text mentions (@login of a public profile). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions!: string[];

  /** Lower-cased #tags of the text, each once. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Media ids (owned by the author when attached), in display order. */
  @Column({ name: 'media_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mediaIds!: string[];

  @Column({ name: 'item_kind', type: 'text', nullable: true })
  itemKind!: string | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ type: 'text' })
  visibility!: PostVisibility;

  /** A post made from the author's catalog activity (a new listing, an approved item); null for a written one. */
  @Column({ type: 'text', nullable: true })
  activity!: PostActivity | null;

  /** A CoTask achievement's number: the streak's days, the deck's cards, 1 for a task; null otherwise. */
  @Column({ type: 'integer', nullable: true })
  milestone!: number | null;

  @Column({ name: 'likes_count', type: 'integer', default: 0 })
  likesCount!: number;

  @Column({ name: 'comments_count', type: 'integer', default: 0 })
  commentsCount!: number;
}
