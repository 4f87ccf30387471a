import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { DraftEntity, OPEN_DRAFT_STATUSES } from './draft.entity.js';

/** Drafts: proposed new items and edits, and the moderation queue. */
@Injectable()
export class DraftsRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<DraftEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<DraftEntity>(dataSource, DraftEntity, { alias: 'draft' });
  }

  build(tx: Tx, values: DeepPartial<DraftEntity>): DraftEntity {
    return tx.create(DraftEntity, values);
  }

  save(tx: Tx, draft: DraftEntity): Promise<DraftEntity> {
    return tx.save(draft);
  }

  find(id: string): Promise<DraftEntity | null> {
    return this.dataSource.manager.findOneBy(DraftEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<DraftEntity | null> {
    return tx.findOne(DraftEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The page of drafts; only this author's when `authorId` is given. */
  page(query: ParsedListQuery, authorId?: string): Promise<Page<DraftEntity>> {
    return this.list.page(
      query,
      authorId === undefined ? [] : [{ field: 'authorId', operator: 'eq', value: authorId }],
    );
  }

  /** The author's open proposals of these dictionary values, locked. */
  lockOpenValueProposals(tx: Tx, valueIds: readonly string[], authorId: string): Promise<DraftEntity[]> {
    if (valueIds.length === 0) {
      return Promise.resolve([]);
    }
    return tx.find(DraftEntity, {
      where: {
        subject: 'dictionary-value',
        targetId: In([...valueIds]),
        authorId,
        status: In([...OPEN_DRAFT_STATUSES]),
      },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Runs a change and undoes it whatever happens: a proposal's trial run. */
  async rolledBack(tx: Tx, work: () => Promise<void>): Promise<void> {
    await tx.query('SAVEPOINT draft_trial');
    try {
      await work();
    } finally {
      await tx.query('ROLLBACK TO SAVEPOINT draft_trial');
    }
  }
}
