import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a notification tells its user. */
export const NOTIFICATION_KINDS = [
  'follower',
  'follow-request',
  'like',
  'comment',
  'mention',
  'chat-message',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notification for `userId` about what `actorId` did. Unread chat messages of one chat are one
 * notification whose `count` grows (and whose time moves up) until it is read.
 */
@Entity({ name: 'notifications' })
@Index('notifications_user_created_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_user_unread_idx', ['userId'], { where: '"read_at" IS NULL' })
@Index('notifications_unread_chat_key', ['userId', 'chatId'], {
  unique: true,
  where: `"kind" = 'chat-message' AND "read_at" IS NULL`,
})
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId!: string | null;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId!: string | null;

  @Column({ name: 'chat_id', type: 'uuid', nullable: true })
  chatId!: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  /** How many events it stands for (unread messages of one chat); 1 otherwise. */
  @Column({ type: 'integer', default: 1 })
  count!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
