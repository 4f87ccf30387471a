import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type CatalogItemKind, type DraftSubject } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DataSource, type DeepPartial, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { FieldValues } from '../moderation/draft.entity.js';
import {
  directChange,
  type ChangeContext,
  type ItemEditor,
  type ItemSnapshot,
} from '../moderation/item-editor.js';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import { ItemEditors } from '../moderation/item-editors.js';
import { ItemHistoryService } from '../moderation/item-history.service.js';
import { PhotosService } from '../photos/photos.service.js';
import { isSearchKind, SearchIndex } from '../search/search-index.js';
import type { CatalogItemEntity } from './catalog-item.entity.js';
import { itemChanged } from './item-events.js';
import { itemNotFound, type CatalogException } from '../catalog.errors.js';

/** The services every store needs, injected as one and passed up by each subclass's constructor. */
@Injectable()
export class CatalogItemStoreDeps {
  constructor(
    readonly dataSource: DataSource,
    readonly outbox: OutboxWriter,
    readonly history: ItemHistoryService,
    readonly editors: ItemEditors,
    readonly search: SearchIndex,
    readonly photos: PhotosService,
    readonly dictionaries: DictionariesService,
  ) {}
}

/**
 * One write path for a kind of moderated item (coffees, watches, mechanisms): moderators' direct edits
 * and approved drafts both go through `createIn` / `updateIn`, which check the input, bump the version,
 * record history and emit the item's events in the caller's transaction. Subclasses say how input maps
 * onto the entity and which fields drafts diff.
 */
@Injectable()
export abstract class CatalogItemStore<
  Item extends CatalogItemEntity,
  CreateInput extends PatchInput,
  PatchInput extends object,
  Dto,
>
  implements ItemEditor, OnModuleInit
{
  abstract readonly subject: DraftSubject & CatalogItemKind;
  abstract readonly createInput: Type<CreateInput>;
  abstract readonly updateInput: Type<PatchInput>;
  protected abstract readonly entity: Type<Item>;
  /**
   * Input fields holding dictionary value ids (a list field: one id each), and their dictionaries; each
   * is checked before the input is applied, and pending ones are approved with the draft using them.
   */
  protected abstract readonly references: Readonly<Record<string, DictionaryKind>>;

  constructor(protected readonly deps: CatalogItemStoreDeps) {}

  /** The item as its routes answer with it. */
  abstract get(id: string): Promise<Dto>;
  /**
   * Checks the input (its dictionary references are checked already) and copies it onto the item;
   * `whole`: fields left out are cleared (PUT).
   */
  protected abstract assign(
    manager: EntityManager,
    item: Item,
    dto: PatchInput,
    whole: boolean,
    context: ChangeContext,
  ): void | Promise<void>;
  /** The item's editable fields as its create route takes them: drafts' payloads, diffs and history. */
  protected abstract fields(manager: EntityManager, item: Item): Promise<FieldValues>;
  /** The item's title in events. */
  protected abstract title(item: Item): string;
  /** A 409 for a unique violation, or null when the error is not one this item knows. */
  protected abstract duplicate(error: unknown): CatalogException | null;
  /** Writes what lives in other tables (aliases, link rows) after the item row is saved. */
  protected async saveRelated(
    _manager: EntityManager,
    _item: Item,
    _dto: PatchInput,
    _whole: boolean,
  ): Promise<void> {}

  /** Rewrites the item's search document (and those that show it) after a change. */
  protected async reindex(manager: EntityManager, id: string): Promise<void> {
    if (isSearchKind(this.subject)) {
      await this.deps.search.refresh(manager, this.subject, [id]);
    }
  }

  onModuleInit(): void {
    this.deps.editors.register(this);
  }

  create(dto: CreateInput, user: AuthenticatedUser): Promise<Dto> {
    return this.write((manager) => this.createIn(manager, dto, directChange(user.id)));
  }

  replace(id: string, dto: CreateInput, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<Dto> {
    return this.write((manager) => this.updateIn(manager, id, dto, true, directChange(user.id), expected));
  }

  patch(id: string, dto: PatchInput, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<Dto> {
    return this.write((manager) => this.updateIn(manager, id, dto, false, directChange(user.id), expected));
  }

  async delete(id: string, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<void> {
    await this.deps.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, id);
      assertVersionMatches(expected, item.version);
      const before = await this.fields(manager, item);
      await this.removeIn(manager, item);
      await this.reindex(manager, id);
      await this.deps.history.record(
        manager,
        {
          subject: this.subject,
          itemId: id,
          version: item.version + 1,
          action: 'deleted',
          before,
          after: null,
        },
        directChange(user.id),
      );
      await this.deps.outbox.add(manager, Topics.CatalogItemDeleted, id, {
        kind: this.subject,
        itemId: id,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      });
    });
  }

  async snapshot(manager: EntityManager, id: string, lock = false): Promise<ItemSnapshot | null> {
    const item = await manager.findOne(this.entity, {
      where: { id } as FindOptionsWhere<Item>,
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return item ? { version: item.version, fields: await this.fields(manager, item) } : null;
  }

  apply(
    manager: EntityManager,
    targetId: string | null,
    payload: FieldValues,
    context: ChangeContext,
  ): Promise<string> {
    return targetId === null
      ? this.createIn(manager, payload as CreateInput, context)
      : this.updateIn(manager, targetId, payload as PatchInput, false, context);
  }

  referencedValues(payload: FieldValues): string[] {
    return Object.keys(this.references)
      .flatMap((field) => payload[field])
      .filter((value): value is string => typeof value === 'string');
  }

  async createIn(manager: EntityManager, dto: CreateInput, context: ChangeContext): Promise<string> {
    const item = manager.create(this.entity, {
      version: 1,
      createdBy: context.authorId,
      updatedBy: context.authorId,
    } as DeepPartial<Item>);
    await this.requireReferences(manager, dto, context);
    await this.assign(manager, item, dto, true, context);
    await this.save(manager, item, dto, true);
    const after = await this.fields(manager, item);
    await this.deps.history.record(
      manager,
      { subject: this.subject, itemId: item.id, version: 1, action: 'created', before: null, after },
      context,
    );
    await this.reindex(manager, item.id);
    await this.deps.outbox.add(
      manager,
      Topics.CatalogItemCreated,
      item.id,
      itemChanged(this.subject, item, this.title(item), context.authorId),
    );
    return item.id;
  }

  async updateIn(
    manager: EntityManager,
    id: string,
    dto: PatchInput,
    whole: boolean,
    context: ChangeContext,
    expected?: ExpectedVersions,
  ): Promise<string> {
    const item = await this.lock(manager, id);
    assertVersionMatches(expected, item.version);
    const before = await this.fields(manager, item);
    await this.requireReferences(manager, dto, context);
    await this.assign(manager, item, dto, whole, context);
    item.version += 1;
    item.updatedBy = context.authorId;
    await this.save(manager, item, dto, whole);
    const after = await this.fields(manager, item);
    await this.deps.history.record(
      manager,
      { subject: this.subject, itemId: id, version: item.version, action: 'updated', before, after },
      context,
    );
    await this.reindex(manager, id);
    await this.deps.outbox.add(
      manager,
      Topics.CatalogItemUpdated,
      id,
      itemChanged(this.subject, item, this.title(item), context.authorId),
    );
    return id;
  }

  /** Deletes the row and its photo links; other related rows go with it by ON DELETE CASCADE. */
  protected async removeIn(manager: EntityManager, item: Item): Promise<void> {
    await manager.delete(this.entity, { id: item.id });
    await this.deps.photos.removeAllOf(manager, this.subject, item.id);
  }

  protected notFound(id: string): CatalogException {
    return itemNotFound(this.subject, id);
  }

  protected async lock(manager: EntityManager, id: string): Promise<Item> {
    const item = await manager.findOne(this.entity, {
      where: { id } as FindOptionsWhere<Item>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!item) {
      throw this.notFound(id);
    }
    return item;
  }

  /** Every dictionary value the input names must be one of its dictionary (a 400 naming the field). */
  private async requireReferences(
    manager: EntityManager,
    dto: PatchInput,
    context: ChangeContext,
  ): Promise<void> {
    for (const [field, kind] of Object.entries(this.references)) {
      const value: unknown = (dto as Record<string, unknown>)[field];
      const named: [unknown, string][] = Array.isArray(value)
        ? (value as unknown[]).map((id, index) => [id, `${field}.${index}`])
        : [[value, field]];
      for (const [id, name] of named) {
        if (typeof id === 'string') {
          await this.deps.dictionaries.require(manager, kind, id, name, context);
        }
      }
    }
  }

  /** Runs a change in a transaction and answers with the stored item. */
  private async write(change: (manager: EntityManager) => Promise<string>): Promise<Dto> {
    return this.get(await this.deps.dataSource.transaction(change));
  }

  private async save(manager: EntityManager, item: Item, dto: PatchInput, whole: boolean): Promise<void> {
    try {
      await manager.save(item);
      await this.saveRelated(manager, item, dto, whole);
    } catch (error) {
      throw this.duplicate(error) ?? error;
    }
  }
}
