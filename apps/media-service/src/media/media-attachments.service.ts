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

  /** Another service shows these media (an item's photo, a post's): each is kept, once per event. */
  async markShown(event: EventEnvelope, mediaIds: readonly string[], at: string): Promise<void> {
    await this.inbox.consumeOnce(ATTACHMENTS_CONSUMER, event, (manager) =>
      this.media.markAttached(manager, mediaIds, new Date(at)),
    );
  }
}
