import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { LIKE_KINDS, ORDER_STATUSES, type LikeKind, type OrderStatus } from '@agora/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsUUID } from 'class-validator';
import { REMINDER_SUBJECT_KINDS, type ReminderSubjectKind } from '../cotask/reminders/reminder.types.js';
import { NOTIFICATION_KINDS, type NotificationEntity, type NotificationKind } from './notification.entity.js';

/** Newest first; `filter[readAt][null]=true` for the unread ones, `filter[kind]=mention` by kind. */
export const NOTIFICATION_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', kind: 'string', readAt: 'date' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};

export const MARK_READ_MAX = 100;

export class MarkNotificationsReadDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', isArray: true, maxItems: MARK_READ_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MARK_READ_MAX)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every notification read (instead of `ids`)' })
  @Omittable()
  @IsBoolean()
  all?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Who followed, liked, commented, mentioned, wrote, ordered or moved the order; null when the payment provider or Agora itself moved it',
  })
  actorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  postId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  commentId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  chatId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  messageId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The order of `order-*` kinds' })
  orderId!: string | null;

  @ApiProperty({
    type: String,
    enum: ORDER_STATUSES,
    nullable: true,
    description: 'The order state: its new one for `order-status`, `created` for `order-placed`',
  })
  orderStatus!: OrderStatus | null;

  @ApiProperty({
    type: String,
    enum: LIKE_KINDS,
    nullable: true,
    description: 'What was liked, for `catalog-like`: a check-in, a comment, an item or a listing',
  })
  targetKind!: LikeKind | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Its id, for `catalog-like`' })
  targetId!: string | null;

  @ApiProperty({
    type: String,
    enum: REMINDER_SUBJECT_KINDS,
    nullable: true,
    description: 'What a `reminder` is about: a task or a habit',
  })
  subjectKind!: ReminderSubjectKind | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Its id, for `reminder`' })
  subjectId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The task's or habit's title, for `reminder`" })
  title!: string | null;

  @ApiProperty({ description: 'Unread messages of one chat are one notification; 1 otherwise' })
  count!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;
}

export const NotificationPageDto = PageOf(NotificationDto);
export type NotificationPageDto = Page<NotificationDto>;

export class UnreadCountDto {
  @ApiProperty({ description: 'Unread notifications, counted up to 1000' })
  count!: number;
}

export function toNotificationDto(notification: NotificationEntity): NotificationDto {
  return {
    id: notification.id,
    kind: notification.kind,
    actorId: notification.actorId,
    postId: notification.postId,
    commentId: notification.commentId,
    chatId: notification.chatId,
    messageId: notification.messageId,
    orderId: notification.orderId,
    orderStatus: notification.orderStatus,
    targetKind: notification.targetKind,
    targetId: notification.targetId,
    subjectKind: notification.subjectKind,
    subjectId: notification.subjectId,
    title: notification.title,
    count: notification.count,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
