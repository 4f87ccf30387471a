import { Topics, type EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IsNull } from 'typeorm';
import { MediaEntity } from './media.entity.js';

/** catalog-service's word that an item shows a media: it is no orphan. */
@Controller()
export class MediaEventsController {
  constructor(private readonly inbox: Inbox) {}

  @EventPattern(Topics.CatalogMediaAttached)
  async onMediaAttached(@Payload() event: EventEnvelope<'catalog.media.attached.v1'>): Promise<void> {
    await this.inbox.consumeOnce('media.attachments', event, async (manager) => {
      await manager.update(
        MediaEntity,
        { id: event.payload.mediaId, attachedAt: IsNull() },
        { attachedAt: new Date(event.payload.attachedAt) },
      );
    });
  }
}
