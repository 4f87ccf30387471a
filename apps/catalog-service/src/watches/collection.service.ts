import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { findPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CollectionPageDto } from './collection.dto.js';
import { CollectionEntryEntity, WatchEntity } from './watch.entity.js';
import { WatchesService } from './watches.service.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const CONSUMER = 'catalog.collections';

/** Seed 002 `collection`: the watches each user owns. */
@Injectable()
export class CollectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watches: WatchesService,
    private readonly inbox: Inbox,
  ) {}

  async list(userId: string, query: ParsedListQuery): Promise<CollectionPageDto> {
    const builder = this.dataSource.manager
      .createQueryBuilder(CollectionEntryEntity, 'entry')
      .where('entry.userId = :userId', { userId });
    const page = await findPage(builder, query);
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
  async add(userId: string, watchId: string): Promise<void> {
    if (!(await this.dataSource.manager.existsBy(WatchEntity, { id: watchId }))) {
      throw new CatalogException(CatalogErrorCode.WATCH_NOT_FOUND, `No watch ${watchId}`);
    }
    await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(CollectionEntryEntity)
      .values(this.dataSource.manager.create(CollectionEntryEntity, { userId, watchId }))
      .orIgnore()
      .execute();
  }

  async remove(userId: string, watchId: string): Promise<void> {
    const removed = await this.dataSource.manager.delete(CollectionEntryEntity, { userId, watchId });
    if (!removed.affected) {
      throw new CatalogException(
        CatalogErrorCode.NOT_IN_COLLECTION,
        `Watch ${watchId} is not in your collection`,
      );
    }
  }

  /** A deleted account's collection goes with it, once however often the event arrives. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(CONSUMER, event, async (manager) => {
      await manager.delete(CollectionEntryEntity, { userId: event.payload.userId });
    });
  }
}
