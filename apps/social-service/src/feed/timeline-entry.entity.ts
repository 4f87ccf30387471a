import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A post in a user's home timeline when no Redis is configured (the table timeline store): ordered by
 * `post_id` (UUIDv7, so by time), capped per user by SOCIAL_TIMELINE_CAP.
 */
@Entity({ name: 'timeline_entries' })
@Index('timeline_entries_post_idx', ['postId'])
@Index('timeline_entries_user_author_idx', ['userId', 'authorId'])
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;
}
