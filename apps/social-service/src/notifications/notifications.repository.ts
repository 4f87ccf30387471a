import { modifyReturning, newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LikeKind, OrderStatus } from '@agora/contracts';
import type { ReminderSubjectKind } from '../cotask/reminders/reminder.types.js';
import {
  NotificationEntity,
  ORDER_NOTIFICATION_KINDS,
  type NotificationKind,
} from './notification.entity.js';

/** A notification to write. */
export interface NotificationDraft {
  readonly userId: string;
  readonly kind: NotificationKind;
  /** Null when nobody did it (an order moved by the payment provider or order-service). */
  readonly actorId: string | null;
  readonly postId?: string;
  readonly commentId?: string;
  readonly chatId?: string;
  readonly messageId?: string;
  readonly orderId?: string;
  readonly orderStatus?: OrderStatus;
  readonly target?: { readonly kind: LikeKind; readonly id: string };
  /** What a reminder is about, and its title. */
  readonly subject?: { readonly kind: ReminderSubjectKind; readonly id: string; readonly title: string };
  /** Only when the user follows the actor (a mention in a followers-only post). */
  readonly onlyFollowers?: boolean;
}

/** Unread notifications are counted up to this; clients show "99+"-style badges. */
export const UNREAD_COUNT_CAP = 1000;

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  actor_id: string | null;
  post_id: string | null;
  comment_id: string | null;
  chat_id: string | null;
  message_id: string | null;
  order_id: string | null;
  order_status: OrderStatus | null;
  target_kind: LikeKind | null;
  target_id: string | null;
  subject_kind: ReminderSubjectKind | null;
  subject_id: string | null;
  title: string | null;
  count: number;
  created_at: Date;
  read_at: Date | null;
}

const toEntity = (row: NotificationRow): NotificationEntity =>
  Object.assign(new NotificationEntity(), {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    actorId: row.actor_id,
    postId: row.post_id,
    commentId: row.comment_id,
    chatId: row.chat_id,
    messageId: row.message_id,
    orderId: row.order_id,
    orderStatus: row.order_status,
    targetKind: row.target_kind,
    targetId: row.target_id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    title: row.title,
    count: row.count,
    createdAt: new Date(row.created_at),
    readAt: row.read_at ? new Date(row.read_at) : null,
  });

/** The only code that touches notifications. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the notification unless it is about the user themself, the user has no profile (deleted, or never
   * known), either blocked the other, or the user muted the actor; an unread one for the same chat grows
   * instead. Order kinds skip blocks and mutes: a buyer hears of their order whoever moved it. Returns what
   * was written, or null.
   */
  async add(tx: Tx, draft: NotificationDraft): Promise<NotificationEntity | null> {
    if (draft.userId === draft.actorId) {
      return null;
    }
    const [row] = await modifyReturning<NotificationRow>(
      tx,
      `INSERT INTO "social"."notifications"
              ("id", "user_id", "kind", "actor_id", "post_id", "comment_id", "chat_id", "message_id",
               "order_id", "order_status", "target_kind", "target_id", "subject_kind", "subject_id", "title")
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $10, $11, $13, $14, $15, $16, $17
        WHERE EXISTS (SELECT 1 FROM "social"."profiles" WHERE "id" = $2)
          AND ($12::boolean OR NOT EXISTS (SELECT 1 FROM "social"."blocks"
                           WHERE ("blocker_id" = $2 AND "blocked_id" = $4) OR ("blocker_id" = $4 AND "blocked_id" = $2)))
          AND ($12::boolean OR NOT EXISTS (SELECT 1 FROM "social"."mutes" WHERE "muter_id" = $2 AND "muted_id" = $4))
          AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM "social"."follows"
                                  WHERE "follower_id" = $2 AND "followee_id" = $4 AND "status" = 'active'))
       ON CONFLICT ("user_id", "chat_id") WHERE "kind" = 'chat-message' AND "read_at" IS NULL
       DO UPDATE SET "count" = "notifications"."count" + 1, "message_id" = EXCLUDED."message_id",
                     "actor_id" = EXCLUDED."actor_id", "created_at" = now()
       RETURNING *`,
      [
        newId(),
        draft.userId,
        draft.kind,
        draft.actorId,
        draft.postId ?? null,
        draft.commentId ?? null,
        draft.chatId ?? null,
        draft.messageId ?? null,
        draft.onlyFollowers ?? false,
        draft.orderId ?? null,
        draft.orderStatus ?? null,
        ORDER_NOTIFICATION_KINDS.includes(draft.kind),
        draft.target?.kind ?? null,
        draft.target?.id ?? null,
        draft.subject?.kind ?? null,
        draft.subject?.id ?? null,
        draft.subject?.title ?? null,
      ],
    );
    return row ? toEntity(row) : null;
  }

  list(userId: string, query: ParsedListQuery): Promise<Page<NotificationEntity>> {
    const builder = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('notification')
      .where('notification.userId = :userId', { userId });
    return findPage(builder, query);
  }

  /** The user's unread notifications, counted up to UNREAD_COUNT_CAP. */
  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM "social"."notifications" WHERE "user_id" = $1 AND "read_at" IS NULL LIMIT $2) AS unread`,
      [userId, UNREAD_COUNT_CAP],
    );
    return row.count;
  }

  /** Marks the user's notifications read: those of `ids`, or all when `ids` is null. */
  async markRead(tx: Tx, userId: string, ids: readonly string[] | null): Promise<void> {
    await tx.query(
      `UPDATE "social"."notifications" SET "read_at" = now()
        WHERE "user_id" = $1 AND "read_at" IS NULL AND ($2::uuid[] IS NULL OR "id" = ANY($2::uuid[]))`,
      [userId, ids],
    );
  }
}
