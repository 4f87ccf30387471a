import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import { Inbox, UnitOfWork, type Tx } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import type { NotificationEntity } from './notification.entity.js';
import {
  toNotificationDto,
  type MarkNotificationsReadDto,
  type NotificationPageDto,
  type UnreadCountDto,
} from './notifications.dto.js';
import { NotificationsRepository, type NotificationDraft } from './notifications.repository.js';

/** The inbox consumer name of social's own events turned into notifications. */
export const NOTIFICATIONS_CONSUMER = 'social.notifications';

/**
 * Notifications from social's own events (each event once, through the inbox), pushed over the socket
 * after they are stored: new followers and follow requests, likes, comments, mentions, and chat messages
 * that arrive while the recipient has no socket open; and from order-service's: a seller's new order, a
 * buyer's order that moved.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly inbox: Inbox,
    private readonly unitOfWork: UnitOfWork,
    private readonly hub: RealtimeHub,
  ) {}

  onFollowCreated(event: EventEnvelope<'social.follow.created.v1'>): Promise<void> {
    const { followerId, followeeId } = event.payload;
    return this.notify(event, [{ userId: followeeId, kind: 'follower', actorId: followerId }]);
  }

  onFollowRequested(event: EventEnvelope<'social.follow.requested.v1'>): Promise<void> {
    const { followerId, followeeId } = event.payload;
    return this.notify(event, [{ userId: followeeId, kind: 'follow-request', actorId: followerId }]);
  }

  onPostLiked(event: EventEnvelope<'social.post.liked.v1'>): Promise<void> {
    const { postId, authorId, userId } = event.payload;
    return this.notify(event, [{ userId: authorId, kind: 'like', actorId: userId, postId }]);
  }

  /** catalog-service: someone liked a check-in, comment, item or listing; its owner hears of it (not of unlikes). */
  onCatalogLiked(event: EventEnvelope<'catalog.like.added.v1'>): Promise<void> {
    const { targetKind, targetId, userId, ownerId } = event.payload;
    return this.notify(event, [
      { userId: ownerId, kind: 'catalog-like', actorId: userId, target: { kind: targetKind, id: targetId } },
    ]);
  }

  onPostCreated(event: EventEnvelope<'social.post.created.v1'>): Promise<void> {
    const { postId, authorId, mentions, visibility } = event.payload;
    return this.notify(
      event,
      mentions.map((userId) => ({
        userId,
        kind: 'mention' as const,
        actorId: authorId,
        postId,
        onlyFollowers: visibility === 'followers',
      })),
    );
  }

  onCommentCreated(event: EventEnvelope<'social.comment.created.v1'>): Promise<void> {
    const { commentId, postId, postAuthorId, authorId, mentions } = event.payload;
    return this.notify(event, [
      { userId: postAuthorId, kind: 'comment', actorId: authorId, postId, commentId },
      ...mentions
        .filter((userId) => userId !== postAuthorId)
        .map((userId) => ({ userId, kind: 'mention' as const, actorId: authorId, postId, commentId })),
    ]);
  }

  /** A message for recipients with no socket open on any replica (the others saw it arrive). */
  async onChatMessageSent(event: EventEnvelope<'social.chat.message.sent.v1'>): Promise<void> {
    const { chatId, messageId, authorId, recipientIds } = event.payload;
    const offline: string[] = [];
    for (const userId of recipientIds) {
      if (!(await this.hub.isOnline(userId))) {
        offline.push(userId);
      }
    }
    return this.notify(
      event,
      offline.map((userId) => ({
        userId,
        kind: 'chat-message' as const,
        actorId: authorId,
        chatId,
        messageId,
      })),
    );
  }

  /** A new order of the seller's (none for the shop menu's own products, which have no seller). */
  onOrderCreated(event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    const { orderId, buyerId, sellerId } = event.payload;
    return this.notify(
      event,
      sellerId === null
        ? []
        : [{ userId: sellerId, kind: 'order-placed', actorId: buyerId, orderId, orderStatus: 'created' }],
    );
  }

  /** The buyer's order moved; a buyer who moved it themself (a cancellation) is not told. */
  onOrderStatusChanged(event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    const { orderId, buyerId, actorId, to } = event.payload;
    return this.notify(event, [{ userId: buyerId, kind: 'order-status', actorId, orderId, orderStatus: to }]);
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<NotificationPageDto> {
    return mapPage(await this.notifications.list(user.id, query), toNotificationDto);
  }

  async unread(user: AuthenticatedUser): Promise<UnreadCountDto> {
    return { count: await this.notifications.unreadCount(user.id) };
  }

  /** Marks `ids` (or everything with `all`) read; every device of the user hears the new count. */
  async markRead(user: AuthenticatedUser, dto: MarkNotificationsReadDto): Promise<UnreadCountDto> {
    const ids = dto.all ? null : (dto.ids ?? []);
    if (ids === null || ids.length > 0) {
      await this.unitOfWork.run((tx) => this.notifications.markRead(tx, user.id, ids));
    }
    const unread = await this.unread(user);
    this.hub.toUsers([user.id], 'notifications.unread', unread);
    return unread;
  }

  /** Writes a notification in the caller's transaction (null when not written); {@link push} it after commit. */
  record(tx: Tx, draft: NotificationDraft): Promise<NotificationEntity | null> {
    return this.notifications.add(tx, draft);
  }

  /** Pushes notifications written by {@link record} (once committed), and each user's unread count. */
  async push(written: readonly NotificationEntity[]): Promise<void> {
    for (const notification of written) {
      this.hub.toUsers([notification.userId], 'notification', toNotificationDto(notification));
    }
    for (const userId of new Set(written.map((notification) => notification.userId))) {
      this.hub.toUsers([userId], 'notifications.unread', {
        count: await this.notifications.unreadCount(userId),
      });
    }
  }

  private async notify(event: EventEnvelope, drafts: readonly NotificationDraft[]): Promise<void> {
    const written: NotificationEntity[] = [];
    await this.inbox.consumeOnce(NOTIFICATIONS_CONSUMER, event, async (tx) => {
      for (const draft of drafts) {
        const notification = await this.notifications.add(tx, draft);
        if (notification) {
          written.push(notification);
        }
      }
    });
    // One count per user told, however many of their notifications the event made.
    await this.push(written);
  }
}
