import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@agora/database';
import { CollectionEntryEntity } from './collection-entry.entity.js';

/** Seed 002 `collection`: which watches each user owns. */
@Injectable()
export class CollectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  page(userId: string, query: ParsedListQuery): Promise<Page<CollectionEntryEntity>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(CollectionEntryEntity, 'entry')
      .where('entry.userId = :userId', { userId });
    return findPage(builder, query);
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
