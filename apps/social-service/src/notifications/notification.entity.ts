import type { LikeKind, OrderStatus } from '@agora/contracts';
import type { ReminderSubjectKind } from '../cotask/reminders/reminder.types.js';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a notification tells its user: social's own events, order-service's (`order-placed` to the seller
 * of a new order, `order-status` to the buyer of an order that moved), and catalog-service's likes
 * (`catalog-like` to the author of a check-in or comment, the creator of an item, the seller of a listing).
 */
export const NOTIFICATION_KINDS = [
  'follower',
  'follow-request',
  'like',
  'comment',
  'mention',
  'chat-message',
  'order-placed',
  'order-status',
  'catalog-like',
  'reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds about orders: told whatever blocks and mutes say, as a receipt is. */
export const ORDER_NOTIFICATION_KINDS: readonly NotificationKind[] = ['order-placed', 'order-status'];

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

  /** Null when nobody did it (the payment provider or order-service moved an order). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId!: string | null;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId!: string | null;

  @Column({ name: 'chat_id', type: 'uuid', nullable: true })
  chatId!: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId!: string | null;

  /** The order's state when the notification was made (its new state for `order-status`). */
  @Column({ name: 'order_status', type: 'text', nullable: true })
  orderStatus!: OrderStatus | null;

  /** What was liked, for `catalog-like`: a check-in, a comment under one, a catalog item or a listing. */
  @Column({ name: 'target_kind', type: 'text', nullable: true })
  targetKind!: LikeKind | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  /** What a `reminder` is about: `task` or `habit`. */
  @Column({ name: 'subject_kind', type: 'text', nullable: true })
  subjectKind!: ReminderSubjectKind | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** The subject's title when the reminder fired. */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** How many events it stands for (unread messages of one chat); 1 otherwise. */
  @Column({ type: 'integer', default: 1 })
  count!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
