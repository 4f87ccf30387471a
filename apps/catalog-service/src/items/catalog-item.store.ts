import type { AuthenticatedUser } from '@agora/auth';
import type { VersionedEntity } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { Injectable } from '@nestjs/common';
import type { DeepPartial } from 'typeorm';
import { itemNotFound } from '../catalog.errors.js';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import { directChange, type ChangeContext } from '../moderation/item-editor.js';
import { ItemHistoryService } from '../moderation/item-history.service.js';
import { PhotosRepository } from '../photos/photos.repository.js';
import { UnitOfWork, type Tx } from '@agora/database';
import { ItemEvents } from './item-events.js';
import { isModerated, type ItemKind } from './item-kind.js';

/** How an edit is made: its If-Match, and a check of the locked row before anything changes (who may). */
export interface EditOptions<Item> {
  readonly expected?: ExpectedVersions;
  readonly check?: (item: Item) => void;
}

/**
 * The one write path of every catalog item (coffees, watches, mechanisms, products, listings): moderators'
 * direct edits, approved drafts, admins' menu and sellers' listings all create, change and delete through
 * it. In the change's transaction it checks the input, bumps the version, records history (moderated
 * kinds), refreshes search and writes the item's events (with price events for priced kinds). A draft's
 * trial run (`context.trial`) stops after the row is written: no history, search or outbox.
 */
@Injectable()
export class CatalogItemStore {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: ItemEvents,
    private readonly history: ItemHistoryService,
    private readonly dictionaries: DictionariesService,
    private readonly photos: PhotosRepository,
  ) {}

  /** Creates the item in a transaction of its own; returns its id. */
  create<Item extends VersionedEntity, PatchInput extends object>(
    user: AuthenticatedUser,
    kind: ItemKind<Item, PatchInput>,
    dto: PatchInput,
  ): Promise<string> {
    return this.unitOfWork.run(async (tx) => (await this.createIn(tx, kind, dto, directChange(user.id))).id);
  }

  /** Changes the item in a transaction of its own; `whole`: a PUT. Returns its id. */
  update<Item extends VersionedEntity, PatchInput extends object>(
    user: AuthenticatedUser,
    kind: ItemKind<Item, PatchInput>,
    id: string,
    dto: PatchInput,
    whole: boolean,
    options: EditOptions<Item> = {},
  ): Promise<string> {
    return this.unitOfWork.run(
      async (tx) => (await this.updateIn(tx, kind, id, dto, whole, directChange(user.id), options)).id,
    );
  }

  async delete<Item extends VersionedEntity, PatchInput extends object>(
    user: AuthenticatedUser,
    kind: ItemKind<Item, PatchInput>,
    id: string,
    options: EditOptions<Item> = {},
  ): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const item = await this.lock(tx, kind, id, options);
      const before = isModerated(kind) ? await kind.fields(tx, item) : null;
      try {
        await kind.removeRelated?.(tx, item);
        await kind.repository.remove(tx, id);
      } catch (error) {
        throw kind.removalConflict?.(error) ?? error;
      }
      await this.photos.removeAllOf(tx, kind.subject, id);
      await kind.reindex(tx, id);
      if (before && isModerated(kind)) {
        await this.history.record(
          tx,
          {
            subject: kind.subject,
            itemId: id,
            version: item.version + 1,
            action: 'deleted',
            before,
            after: null,
          },
          directChange(user.id),
        );
      }
      await this.events.deleted(tx, kind.subject, id, user.id);
    });
  }

  async createIn<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    dto: PatchInput,
    context: ChangeContext,
  ): Promise<Item> {
    const item = kind.repository.build(tx, { ...kind.newItem(context), version: 1 } as DeepPartial<Item>);
    await this.requireReferences(tx, kind, dto, context);
    await kind.assign(tx, item, dto, true, context);
    await this.save(tx, kind, item, dto, true);
    if (context.trial) {
      return item;
    }
    await this.record(tx, kind, item, 'created', null, context);
    await kind.reindex(tx, item.id);
    await this.events.created(
      tx,
      kind.subject,
      item,
      kind.title(item),
      context.authorId,
      kind.price?.(item),
      kind.offer?.(item),
      await kind.facts?.(tx, item),
    );
    return item;
  }

  async updateIn<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    id: string,
    dto: PatchInput,
    whole: boolean,
    context: ChangeContext,
    options: EditOptions<Item> = {},
  ): Promise<Item> {
    const item = await this.lock(tx, kind, id, options);
    const before = isModerated(kind) && !context.trial ? await kind.fields(tx, item) : null;
    const previousPrice = kind.price?.(item);
    await this.requireReferences(tx, kind, dto, context);
    await kind.assign(tx, item, dto, whole, context);
    item.version += 1;
    await this.save(tx, kind, item, dto, whole);
    if (context.trial) {
      return item;
    }
    await this.record(tx, kind, item, 'updated', before, context);
    await kind.reindex(tx, id);
    await this.events.updated(
      tx,
      kind.subject,
      item,
      kind.title(item),
      context.authorId,
      kind.price?.(item),
      previousPrice,
      kind.offer?.(item),
      await kind.facts?.(tx, item),
    );
    return item;
  }

  private async lock<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    id: string,
    options: EditOptions<Item>,
  ): Promise<Item> {
    const item = await kind.repository.lock(tx, id);
    if (!item) {
      throw itemNotFound(kind.subject, id);
    }
    options.check?.(item);
    assertVersionMatches(options.expected, item.version);
    return item;
  }

  private async record<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    item: Item,
    action: 'created' | 'updated',
    before: FieldValues | null,
    context: ChangeContext,
  ): Promise<void> {
    if (isModerated(kind)) {
      const after = await kind.fields(tx, item);
      await this.history.record(
        tx,
        { subject: kind.subject, itemId: item.id, version: item.version, action, before, after },
        context,
      );
    }
  }

  /** Every dictionary value the input names must be one of its dictionary (a 400 naming the field). */
  private async requireReferences<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    dto: PatchInput,
    context: ChangeContext,
  ): Promise<void> {
    for (const [field, dictionary] of Object.entries(kind.references ?? {})) {
      const value: unknown = (dto as Record<string, unknown>)[field];
      const named: [unknown, string][] = Array.isArray(value)
        ? (value as unknown[]).map((id, index) => [id, `${field}.${index}`])
        : [[value, field]];
      for (const [id, name] of named) {
        if (typeof id === 'string') {
          await this.dictionaries.require(tx, dictionary, id, name, context);
        }
      }
    }
  }

  private async save<Item extends VersionedEntity, PatchInput extends object>(
    tx: Tx,
    kind: ItemKind<Item, PatchInput>,
    item: Item,
    dto: PatchInput,
    whole: boolean,
  ): Promise<void> {
    try {
      await kind.repository.save(tx, item);
      await kind.saveRelated?.(tx, item, dto, whole);
    } catch (error) {
      throw kind.conflict?.(error) ?? error;
    }
  }
}
