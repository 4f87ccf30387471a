import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MediaAttachmentsService } from './media-attachments.service.js';

/** catalog-service's word that an item shows a media. */
@Controller()
export class MediaEvents {
  constructor(private readonly attachments: MediaAttachmentsService) {}

  @EventPattern(Topics.CatalogMediaAttached)
  onMediaAttached(@Payload() event: EventEnvelope<'catalog.media.attached.v1'>): Promise<void> {
    return this.attachments.onMediaAttached(event);
  }
}
