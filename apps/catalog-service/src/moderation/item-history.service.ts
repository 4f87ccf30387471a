import type { CatalogItemKind, DraftSubject } from '@agora/contracts';
import { itemNotFound } from '../catalog.errors.js';
import { ItemEditors } from './item-editors.js';
import { findPage, mapPage, type ListQuerySpec, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedFields } from './field-diff.js';
import type { FieldValues } from './draft.entity.js';
import type { ChangeContext } from './item-editor.js';
import { ItemHistoryEntity, type HistoryAction } from './item-history.entity.js';
import { toHistoryEntryDto, type HistoryPageDto } from './moderation.dto.js';

export const HISTORY_LIST_QUERY: ListQuerySpec = {
  fields: { version: 'integer', action: 'string', authorId: 'uuid', reviewerId: 'uuid', createdAt: 'date' },
  defaultSort: '-version',
};

export interface RecordedChange {
  readonly subject: DraftSubject;
  readonly itemId: string;
  readonly version: number;
  readonly action: HistoryAction;
  readonly before: FieldValues | null;
  readonly after: FieldValues | null;
}

/** Writes and reads who changed what, inside the transaction of the change. */
@Injectable()
export class ItemHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editors: ItemEditors,
  ) {}

  async record(manager: EntityManager, change: RecordedChange, context: ChangeContext): Promise<void> {
    await manager.save(
      manager.create(ItemHistoryEntity, {
        subject: change.subject,
        itemId: change.itemId,
        version: change.version,
        action: change.action,
        changes: changedFields(change.before, change.after),
        authorId: context.authorId,
        reviewerId: context.reviewerId,
        draftId: context.draftId,
      }),
    );
  }

  /** The item's history; a 404 with the item's not-found code when it neither exists nor ever did. */
  async list(
    subject: DraftSubject & CatalogItemKind,
    itemId: string,
    query: ParsedListQuery,
  ): Promise<HistoryPageDto> {
    const manager = this.dataSource.manager;
    const known =
      (await manager.existsBy(ItemHistoryEntity, { subject, itemId })) ||
      (await this.editors.get(subject).snapshot(manager, itemId)) !== null;
    if (!known) {
      throw itemNotFound(subject, itemId);
    }
    const builder = manager
      .createQueryBuilder(ItemHistoryEntity, 'entry')
      .where('entry.subject = :subject AND entry.itemId = :itemId', { subject, itemId });
    return mapPage(await findPage(builder, query), toHistoryEntryDto);
  }
}
