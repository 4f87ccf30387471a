import { LikeTopics, OrderTopics, SocialTopics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { NotificationsService } from './notifications.service.js';

/** social-service's own events, order-service's and catalog-service's likes, that notify someone. */
@Controller()
export class NotificationsEvents {
  constructor(private readonly notifications: NotificationsService) {}

  @EventPattern(SocialTopics.FollowCreated)
  onFollowCreated(@Payload() event: EventEnvelope<'social.follow.created.v1'>): Promise<void> {
    return this.notifications.onFollowCreated(event);
  }

  @EventPattern(SocialTopics.FollowRequested)
  onFollowRequested(@Payload() event: EventEnvelope<'social.follow.requested.v1'>): Promise<void> {
    return this.notifications.onFollowRequested(event);
  }

  @EventPattern(SocialTopics.PostLiked)
  onPostLiked(@Payload() event: EventEnvelope<'social.post.liked.v1'>): Promise<void> {
    return this.notifications.onPostLiked(event);
  }

  @EventPattern(LikeTopics.CatalogLikeAdded)
  onCatalogLiked(@Payload() event: EventEnvelope<'catalog.like.added.v1'>): Promise<void> {
    return this.notifications.onCatalogLiked(event);
  }

  @EventPattern(SocialTopics.PostCreated)
  onPostCreated(@Payload() event: EventEnvelope<'social.post.created.v1'>): Promise<void> {
    return this.notifications.onPostCreated(event);
  }

  @EventPattern(SocialTopics.CommentCreated)
  onCommentCreated(@Payload() event: EventEnvelope<'social.comment.created.v1'>): Promise<void> {
    return this.notifications.onCommentCreated(event);
  }

  @EventPattern(SocialTopics.ChatMessageSent)
  onChatMessageSent(@Payload() event: EventEnvelope<'social.chat.message.sent.v1'>): Promise<void> {
    return this.notifications.onChatMessageSent(event);
  }

  @EventPattern(OrderTopics.OrderCreated)
  onOrderCreated(@Payload() event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    return this.notifications.onOrderCreated(event);
  }

  @EventPattern(OrderTopics.OrderStatusChanged)
  onOrderStatusChanged(@Payload() event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    return this.notifications.onOrderStatusChanged(event);
  }
}
