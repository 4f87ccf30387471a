import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { type ParsedListQuery } from '@agora/list-query';
import type { AuthenticatedUser } from '@agora/auth';
import { Injectable } from '@nestjs/common';
import type { CollectionPageDto } from './collection.dto.js';
import { CollectionRepository } from './collection.repository.js';
import { WatchesService } from './watches.service.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const CONSUMER = 'catalog.collections';

/** Seed 002 `collection`: the watches each user owns. */
@Injectable()
export class CollectionService {
  constructor(
    private readonly collections: CollectionRepository,
    private readonly watches: WatchesService,
    private readonly inbox: Inbox,
  ) {}

  async list(userId: string, query: ParsedListQuery): Promise<CollectionPageDto> {
    const page = await this.collections.page(userId, query);
    const watches = new Map(
      (await this.watches.getMany(page.items.map((entry) => entry.watchId))).map((watch) => [
        watch.id,
        watch,
      ]),
    );
    return {
      ...page,
      items: page.items.flatMap((entry) => {
        const watch = watches.get(entry.watchId);
        return watch ? [{ watch, addedAt: entry.createdAt.toISOString() }] : [];
      }),
    };
  }

  /** Adds the watch; adding it again changes nothing. */
  async add(user: AuthenticatedUser, watchId: string): Promise<void> {
    if (!(await this.watches.repository.exists(watchId))) {
      throw new CatalogException(CatalogErrorCode.WATCH_NOT_FOUND, `No watch ${watchId}`);
    }
    await this.collections.add(user.id, watchId);
  }

  async remove(user: AuthenticatedUser, watchId: string): Promise<void> {
    if (!(await this.collections.remove(user.id, watchId))) {
      throw new CatalogException(
        CatalogErrorCode.NOT_IN_COLLECTION,
        `Watch ${watchId} is not in your collection`,
      );
    }
  }

  /** A deleted account's collection goes with it, once however often the event arrives. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(CONSUMER, event, async (manager) => {
      await this.collections.removeAllOf(manager, event.payload.userId);
    });
  }
}
