import type { AuthenticatedUser } from '@agora/auth';
import type { VersionedEntity } from '@agora/database';
import type { ExpectedVersions } from '@agora/http';
import type { Page, ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DraftsService } from '../moderation/drafts.service.js';
import { writeOrPropose, type ModeratedResult } from '../moderation/moderated-write.js';
import { CatalogItemStore } from './catalog-item.store.js';
import type { ModeratedKind } from './item-kind.js';

/** A moderated kind with the reads its routes answer with. */
export interface ReadableKind<
  Item extends VersionedEntity,
  CreateInput extends PatchInput,
  PatchInput extends object,
  Dto,
> extends ModeratedKind<Item, CreateInput, PatchInput> {
  list(query: ParsedListQuery): Promise<Page<Dto>>;
  get(id: string): Promise<Dto>;
}

/**
 * The writes of every moderated kind's routes: moderators' creates and edits go through the one write
 * path now, anyone else's become drafts; replacing and deleting are for moderators (the routes say so).
 */
@Injectable()
export class ModeratedItemsService {
  constructor(
    private readonly store: CatalogItemStore,
    private readonly drafts: DraftsService,
  ) {}

  create<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object, Dto>(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto>,
    dto: CreateInput,
  ): Promise<ModeratedResult<Dto>> {
    return writeOrPropose(user, this.drafts, {
      subject: kind.subject,
      targetId: null,
      dto,
      direct: async () => kind.get(await this.store.create(user, kind, dto)),
    });
  }

  patch<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object, Dto>(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto>,
    id: string,
    dto: PatchInput,
    expected?: ExpectedVersions,
  ): Promise<ModeratedResult<Dto>> {
    return writeOrPropose(user, this.drafts, {
      subject: kind.subject,
      targetId: id,
      dto,
      expected,
      direct: async () => kind.get(await this.store.update(user, kind, id, dto, false, { expected })),
    });
  }

  /** PUT: the whole item as sent; optional fields left out are cleared. */
  async replace<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object, Dto>(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto>,
    id: string,
    dto: CreateInput,
    expected?: ExpectedVersions,
  ): Promise<Dto> {
    return kind.get(await this.store.update(user, kind, id, dto, true, { expected }));
  }

  delete<Item extends VersionedEntity, CreateInput extends PatchInput, PatchInput extends object, Dto>(
    user: AuthenticatedUser,
    kind: ReadableKind<Item, CreateInput, PatchInput, Dto>,
    id: string,
    expected?: ExpectedVersions,
  ): Promise<void> {
    return this.store.delete(user, kind, id, { expected });
  }
}
