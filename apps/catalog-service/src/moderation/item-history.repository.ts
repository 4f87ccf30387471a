import type { DraftSubject } from '@agora/contracts';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { ItemHistoryEntity } from './item-history.entity.js';

/** Who changed what: one row per change of a moderated item. */
@Injectable()
export class ItemHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(tx: Tx, entry: DeepPartial<ItemHistoryEntity>): Promise<void> {
    await tx.save(tx.create(ItemHistoryEntity, entry));
  }

  hasAny(subject: DraftSubject, itemId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(ItemHistoryEntity, { subject, itemId });
  }

  page(subject: DraftSubject, itemId: string, query: ParsedListQuery): Promise<Page<ItemHistoryEntity>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(ItemHistoryEntity, 'entry')
      .where('entry.subject = :subject AND entry.itemId = :itemId', { subject, itemId });
    return findPage(builder, query);
  }
}
