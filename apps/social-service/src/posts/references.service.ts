import { CATALOG_ITEM_KINDS, Topics, type CatalogItemKind, type EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { PoisonMessageError } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { MediaCopyService } from './media-copy.service.js';
import { PostsRepository } from './posts.repository.js';
import { ReferencesRepository } from './references.repository.js';

/** The inbox consumer name of media and catalog events in social-service. */
export const REFERENCES_CONSUMER = 'social.references';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const isCatalogItemKind = (value: string): value is CatalogItemKind =>
  (CATALOG_ITEM_KINDS as readonly string[]).includes(value);

/**
 * Keeps media owners and catalog items from their services' events, each event once, and turns a user's
 * catalog activity (a new listing, an approved draft) into a post of theirs.
 */
@Injectable()
export class ReferencesService {
  constructor(
    private readonly references: ReferencesRepository,
    private readonly posts: PostsRepository,
    private readonly inbox: Inbox,
    private readonly mediaCopy: MediaCopyService,
  ) {}

  async onMediaUploaded(event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    const { mediaId, ownerId } = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(mediaId) || !isText(ownerId)) {
      throw new PoisonMessageError('media.media.uploaded.v1 payload lacks mediaId or ownerId');
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.mediaCopy.remember(manager, { mediaId, ownerId }),
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
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, async (manager) => {
      await this.references.upsertItems(manager, [payload]);
      // A seller's new listing is news to their followers.
      if (
        event.topic === Topics.CatalogItemCreated &&
        payload.kind === 'listing' &&
        isText(payload.changedBy)
      ) {
        await this.posts.createActivity(manager, payload.changedBy, 'new-listing', {
          kind: payload.kind,
          id: payload.itemId,
        });
      }
    });
  }

  /** A user's draft approved as a catalog item becomes a post of theirs about the item. */
  async onDraftApproved(event: EventEnvelope<'catalog.draft.approved.v1'>): Promise<void> {
    const draft = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(draft.authorId) || !isText(draft.subject)) {
      throw new PoisonMessageError('catalog.draft.approved.v1 payload lacks authorId or subject');
    }
    const { authorId, subject, itemId } = draft;
    if (!isCatalogItemKind(subject) || !isText(itemId)) {
      return;
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, (manager) =>
      this.posts.createActivity(manager, authorId, 'item-approved', { kind: subject, id: itemId }),
    );
  }

  async onItemDeleted(event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    const { itemId, kind } = (event.payload ?? {}) as Partial<typeof event.payload>;
    if (!isText(itemId) || !isText(kind)) {
      throw new PoisonMessageError('catalog.item.deleted.v1 payload lacks itemId or kind');
    }
    await this.inbox.consumeOnce(REFERENCES_CONSUMER, event, async (manager) => {
      await this.references.removeItem(manager, kind, itemId);
      await this.posts.removeActivitiesOf(manager, [itemId]);
    });
  }
}
