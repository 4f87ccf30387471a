import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { PoisonMessageError } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { ReferencesRepository } from './references.repository.js';

/** The inbox consumer name of media and catalog events in social-service. */
export const REFERENCES_CONSUMER = 'social.references';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Keeps media owners and catalog items from their services' events, each event once. */
@Injectable()
export class ReferencesService {
  constructor(
    private readonly references: ReferencesRepository,
    private readonly inbox: Inbox,
  ) {}

  async onMediaUploaded(event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    const { mediaId, ownerId } = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(mediaId) || !isText(ownerId)) {
      throw new PoisonMessageError('media.media.uploaded.v1 payload lacks mediaId or ownerId');
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.references.addMedia(manager, mediaId, ownerId),
    );
  }

  async onMediaDeleted(event: EventEnvelope<'media.media.deleted.v1'>): Promise<void> {
    const { mediaId } = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(mediaId)) {
      throw new PoisonMessageError('media.media.deleted.v1 payload lacks mediaId');
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.references.removeMedia(manager, mediaId),
    );
  }

  async onItemChanged(
    event: EventEnvelope<'catalog.item.created.v1' | 'catalog.item.updated.v1'>,
  ): Promise<void> {
    const item = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (
      !isText(item.itemId) ||
      !isText(item.kind) ||
      typeof item.name !== 'string' ||
      typeof item.version !== 'number'
    ) {
      throw new PoisonMessageError(`${event.topic} payload lacks itemId, kind, name or version`);
    }
    const payload = event.payload;
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.references.upsertItem(manager, payload),
    );
  }

  async onItemDeleted(event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    const { itemId, kind } = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(itemId) || !isText(kind)) {
      throw new PoisonMessageError('catalog.item.deleted.v1 payload lacks itemId or kind');
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.references.removeItem(manager, kind, itemId),
    );
  }
}
