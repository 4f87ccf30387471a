import type { CatalogItemKind, DraftSubject } from '@agora/contracts';
import { itemNotFound } from '../catalog.errors.js';
import { ItemEditors } from './item-editors.js';
import { mapPage, type ListQuerySpec, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { Tx } from '@agora/database';
import { ItemHistoryRepository } from './item-history.repository.js';
import { changedFields } from './field-diff.js';
import type { FieldValues } from './draft.entity.js';
import type { ChangeContext } from './item-editor.js';
import type { HistoryAction } from './item-history.entity.js';
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
    private readonly history: ItemHistoryRepository,
    private readonly editors: ItemEditors,
  ) {}

  async record(tx: Tx, change: RecordedChange, context: ChangeContext): Promise<void> {
    await this.history.add(tx, {
      subject: change.subject,
      itemId: change.itemId,
      version: change.version,
      action: change.action,
      changes: changedFields(change.before, change.after),
      authorId: context.authorId,
      reviewerId: context.reviewerId,
      draftId: context.draftId,
    });
  }

  /** The item's history; a 404 with the item's not-found code when it neither exists nor ever did. */
  async list(
    subject: DraftSubject & CatalogItemKind,
    itemId: string,
    query: ParsedListQuery,
  ): Promise<HistoryPageDto> {
    const known =
      (await this.history.hasAny(subject, itemId)) || (await this.editors.get(subject).exists(itemId));
    if (!known) {
      throw itemNotFound(subject, itemId);
    }
    return mapPage(await this.history.page(subject, itemId, query), toHistoryEntryDto);
  }
}
