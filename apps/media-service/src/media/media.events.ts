import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MediaAttachmentsService } from './media-attachments.service.js';

/** Other services' word that they show a media: catalog on an item or a check-in, social on a post. */
@Controller()
export class MediaEvents {
  constructor(private readonly attachments: MediaAttachmentsService) {}

  @EventPattern(Topics.CatalogMediaAttached)
  onMediaAttached(@Payload() event: EventEnvelope<'catalog.media.attached.v1'>): Promise<void> {
    return this.attachments.markShown(event, [event.payload.mediaId], event.payload.attachedAt);
  }

  @EventPattern(Topics.PostCreated)
  onPostCreated(@Payload() event: EventEnvelope<'social.post.created.v1'>): Promise<void> {
    return this.attachments.markShown(event, event.payload.mediaIds, event.payload.createdAt);
  }

  @EventPattern(Topics.PostUpdated)
  onPostUpdated(@Payload() event: EventEnvelope<'social.post.updated.v1'>): Promise<void> {
    return this.attachments.markShown(event, event.payload.mediaIds, event.payload.updatedAt);
  }

  @EventPattern(Topics.CatalogCheckinCreated)
  onCheckinCreated(@Payload() event: EventEnvelope<'catalog.checkin.created.v1'>): Promise<void> {
    return this.attachments.markShown(event, event.payload.mediaIds, event.payload.savedAt);
  }

  @EventPattern(Topics.CatalogCheckinUpdated)
  onCheckinUpdated(@Payload() event: EventEnvelope<'catalog.checkin.updated.v1'>): Promise<void> {
    return this.attachments.markShown(event, event.payload.mediaIds, event.payload.savedAt);
  }
}
