import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When a user last read the home feed. Posts are fanned out only to readers active within
 * SOCIAL_FEED_INACTIVE_DAYS; a feed read after a longer pause (or the first one) rebuilds the timeline
 * from the database.
 */
@Entity({ name: 'feed_readers' })
export class FeedReaderEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index('feed_readers_last_read_idx')
  @Column({ name: 'last_read_at', type: 'timestamptz' })
  lastReadAt!: Date;
}
