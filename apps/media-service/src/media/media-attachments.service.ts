import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { MediaRepository } from './media.repository.js';

/** The inbox consumer name of attachment events. */
export const ATTACHMENTS_CONSUMER = 'media.attachments';

/** Which media something shows: a media shown once is no orphan. */
@Injectable()
export class MediaAttachmentsService {
  constructor(
    private readonly media: MediaRepository,
    private readonly inbox: Inbox,
  ) {}

  /** catalog-service shows the media on an item: it is kept, once, however often the event comes. */
  async onMediaAttached(event: EventEnvelope<'catalog.media.attached.v1'>): Promise<void> {
    const { mediaId, attachedAt } = event.payload;
    await this.inbox.consumeOnce(ATTACHMENTS_CONSUMER, event, (manager) =>
      this.media.markAttached(manager, mediaId, new Date(attachedAt)),
    );
  }
}
