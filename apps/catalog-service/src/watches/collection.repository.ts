import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@agora/database';
import { CollectionEntryEntity } from './collection-entry.entity.js';

/** Seed 002 `collection`: which watches each user owns. */
@Injectable()
export class CollectionRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<CollectionEntryEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<CollectionEntryEntity>(dataSource, CollectionEntryEntity, { alias: 'entry' });
  }

  page(userId: string, query: ParsedListQuery): Promise<Page<CollectionEntryEntity>> {
    return this.list.page(query, [{ field: 'userId', operator: 'eq', value: userId }]);
  }

  /** Adds the entry; one already there stays as it is. */
  async add(userId: string, watchId: string): Promise<void> {
    const manager = this.dataSource.manager;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CollectionEntryEntity)
      .values(manager.create(CollectionEntryEntity, { userId, watchId }))
      .orIgnore()
      .execute();
  }

  /** Whether there was an entry to remove. */
  async remove(userId: string, watchId: string): Promise<boolean> {
    const removed = await this.dataSource.manager.delete(CollectionEntryEntity, { userId, watchId });
    return Boolean(removed.affected);
  }

  async removeAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.delete(CollectionEntryEntity, { userId });
  }
}
