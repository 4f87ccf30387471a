import type { AuthenticatedUser } from '@agora/auth';
import type { VersionedEntity } from '@agora/database';
import type { ExpectedVersions } from '@agora/http';
import { mapPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { itemNotFound } from '../catalog.errors.js';
import { DraftsService } from '../moderation/drafts.service.js';
import { ItemEditors } from '../moderation/item-editors.js';
import { ModeratedItemEditor } from '../moderation/moderated-item.editor.js';
import { writeOrPropose, type ModeratedResult } from '../moderation/moderated-write.js';
import { CatalogItemStore } from './catalog-item.store.js';
import type { ModeratedKind } from './item-kind.js';
import type { ItemRepository } from './item.repository.js';
import type { Translatable } from '../translations/translatable.js';
import { applyTranslation, type TranslationChange } from '../translations/translation-change.js';

/** The reads of a kind's repository its routes answer with: pages and items with their relations. */
export interface ReadableRepository<Loaded> {
  page(query: ParsedListQuery): Promise<Page<Loaded>>;
  findLoaded(id: string): Promise<Loaded | null>;
}

/** A moderated kind with the reads its routes answer with. */
export interface ReadableKind<
  Item extends VersionedEntity,
  CreateInput extends PatchInput,
  PatchInput extends object,
  Dto,
  Loaded = Item,
> extends ModeratedKind<Item, CreateInput, PatchInput> {
  readonly repository: ItemRepository<Item> & ReadableRepository<Loaded>;
  toDto(item: Loaded): Dto;
}

/**
 * The reads and writes of every moderated kind's routes: moderators' creates and edits go through the one
 * write path now, anyone else's become drafts; replacing and deleting are for moderators (the routes say so).
 */
@Injectable()
export class ModeratedItemsService {
  constructor(
    private readonly store: CatalogItemStore,
    private readonly drafts: DraftsService,
    private readonly editors: ItemEditors,
  ) {}

  /** Lets moderation propose, diff and approve changes of the kind. */
  register<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object>(
    kind: ModeratedKind<Item, CreateInput, PatchInput>,
  ): void {
    this.editors.register(new ModeratedItemEditor(this.store, kind));
  }

  async list<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    query: ParsedListQuery,
  ): Promise<Page<Dto>> {
    return mapPage(await kind.repository.page(query), (item) => kind.toDto(item));
  }

  async get<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>, id: string): Promise<Dto> {
    const item = await kind.repository.findLoaded(id);
    if (!item) {
      throw itemNotFound(kind.subject, id);
    }
    return kind.toDto(item);
  }

  create<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    dto: CreateInput,
  ): Promise<ModeratedResult<Dto>> {
    return writeOrPropose(user, this.drafts, {
      subject: kind.subject,
      targetId: null,
      dto,
      direct: async () => this.get(kind, await this.store.create(user, kind, dto)),
    });
  }

  patch<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object, Dto, Loaded>(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    id: string,
    dto: PatchInput,
    expected?: ExpectedVersions,
  ): Promise<ModeratedResult<Dto>> {
    return writeOrPropose(user, this.drafts, {
      subject: kind.subject,
      targetId: id,
      dto,
      expected,
      direct: async () => this.get(kind, await this.store.update(user, kind, id, dto, false, { expected })),
    });
  }

  /** PUT: the whole item as sent; optional fields left out are cleared. */
  async replace<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    id: string,
    dto: CreateInput,
    expected?: ExpectedVersions,
  ): Promise<Dto> {
    return this.get(kind, await this.store.update(user, kind, id, dto, true, { expected }));
  }

  /**
   * Sets or removes the item's translation into one language (issue 17) by moderators and admins, through the
   * one write path: If-Match, the version, history, search documents and item events as for any edit.
   */
  async translate<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    id: string,
    change: TranslationChange,
    expected?: ExpectedVersions,
  ): Promise<Dto> {
    // The kind as it is, but for what an edit assigns: the translations only, no references or related rows.
    const translating = Object.create(kind, {
      references: { value: {} },
      saveRelated: { value: undefined },
      assign: {
        value: (_tx: unknown, item: Item & Translatable & { updatedBy?: string }) => {
          item.translations = applyTranslation(item, change);
          item.updatedBy = user.id;
        },
      },
    }) as ReadableKind<Item, CreateInput, object, Dto, Loaded>;
    return this.get(kind, await this.store.update(user, translating, id, {}, false, { expected }));
  }

  delete<
    Item extends VersionedEntity,
    CreateInput extends PatchInput,
    PatchInput extends object,
    Dto,
    Loaded,
  >(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto, Loaded>,
    id: string,
    expected?: ExpectedVersions,
  ): Promise<void> {
    return this.store.delete(user, kind, id, { expected });
  }
}
