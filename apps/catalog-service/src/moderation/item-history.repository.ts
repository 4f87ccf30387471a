import type { DraftSubject } from '@agora/contracts';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { ItemHistoryEntity } from './item-history.entity.js';

/** Who changed what: one row per change of a moderated item. */
@Injectable()
export class ItemHistoryRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<ItemHistoryEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<ItemHistoryEntity>(dataSource, ItemHistoryEntity, { alias: 'entry' });
  }

  async add(tx: Tx, entry: DeepPartial<ItemHistoryEntity>): Promise<void> {
    await tx.save(tx.create(ItemHistoryEntity, entry));
  }

  hasAny(subject: DraftSubject, itemId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(ItemHistoryEntity, { subject, itemId });
  }

  page(subject: DraftSubject, itemId: string, query: ParsedListQuery): Promise<Page<ItemHistoryEntity>> {
    return this.list.page(query, [
      { field: 'subject', operator: 'eq', value: subject },
      { field: 'itemId', operator: 'eq', value: itemId },
    ]);
  }
}
