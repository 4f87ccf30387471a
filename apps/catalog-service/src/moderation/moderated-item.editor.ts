import type { DraftSubject } from '@agora/contracts';
import type { VersionedEntity } from '@agora/database';
import type { Type } from '@nestjs/common';
import type { CatalogItemStore } from '../items/catalog-item.store.js';
import type { ModeratedKind } from '../items/item-kind.js';
import type { Tx } from '@agora/database';
import type { FieldValues } from './draft.entity.js';
import type { ChangeContext, ItemEditor, ItemSnapshot } from './item-editor.js';

/**
 * Moderation's view of a moderated kind of item: snapshots for the diff, and approval through the one
 * write path a moderator's direct edit takes (so approval checks everything a direct edit checks).
 */
export class ModeratedItemEditor<
  Item extends VersionedEntity,
  CreateInput extends PatchInput,
  PatchInput extends object,
> implements ItemEditor {
  readonly subject: DraftSubject;
  readonly createInput: Type<object>;
  readonly updateInput: Type<object>;

  constructor(
    private readonly store: CatalogItemStore,
    private readonly kind: ModeratedKind<Item, CreateInput, PatchInput>,
  ) {
    this.subject = kind.subject;
    this.createInput = kind.createInput;
    this.updateInput = kind.updateInput;
  }

  exists(id: string): Promise<boolean> {
    return this.kind.repository.exists(id);
  }

  async snapshot(tx: Tx, id: string, lock = false): Promise<ItemSnapshot | null> {
    const item = lock ? await this.kind.repository.lock(tx, id) : await this.kind.repository.find(tx, id);
    return item ? { version: item.version, fields: await this.kind.fields(tx, item) } : null;
  }

  async apply(
    tx: Tx,
    targetId: string | null,
    payload: FieldValues,
    context: ChangeContext,
  ): Promise<string> {
    const item =
      targetId === null
        ? await this.store.createIn(tx, this.kind, payload as CreateInput, context)
        : await this.store.updateIn(tx, this.kind, targetId, payload as PatchInput, false, context);
    return item.id;
  }

  referencedValues(payload: FieldValues): string[] {
    return Object.keys(this.kind.references ?? {})
      .flatMap((field) => payload[field])
      .filter((value): value is string => typeof value === 'string');
  }
}
