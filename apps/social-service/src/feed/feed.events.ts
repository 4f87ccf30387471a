import { SocialTopics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FeedService } from './feed.service.js';

/** social-service's own graph and post events, applied to the timelines (every step is idempotent). */
@Controller()
export class FeedEvents {
  constructor(private readonly feed: FeedService) {}

  @EventPattern(SocialTopics.PostCreated)
  onPostCreated(@Payload() event: EventEnvelope<'social.post.created.v1'>): Promise<void> {
    return this.feed.onPostCreated(event);
  }

  @EventPattern(SocialTopics.PostDeleted)
  onPostDeleted(@Payload() event: EventEnvelope<'social.post.deleted.v1'>): Promise<void> {
    return this.feed.onPostDeleted(event);
  }

  @EventPattern(SocialTopics.FollowCreated)
  onFollowCreated(@Payload() event: EventEnvelope<'social.follow.created.v1'>): Promise<void> {
    return this.feed.onFollowCreated(event);
  }

  @EventPattern(SocialTopics.FollowDeleted)
  onFollowDeleted(@Payload() event: EventEnvelope<'social.follow.deleted.v1'>): Promise<void> {
    return this.feed.onFollowDeleted(event);
  }

  @EventPattern(SocialTopics.BlockCreated)
  onBlockCreated(@Payload() event: EventEnvelope<'social.block.created.v1'>): Promise<void> {
    return this.feed.onBlockCreated(event);
  }
}
