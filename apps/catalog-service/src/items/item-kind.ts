import type { CatalogItemFactsV1, CatalogItemKind, CatalogOfferV1, DraftSubject } from '@agora/contracts';
import type { VersionedEntity } from '@agora/database';
import type { Type } from '@nestjs/common';
import type { CatalogException } from '../catalog.errors.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import type { Tx } from '@agora/database';
import type { ItemPrice } from './item-events.js';
import type { ItemRepository } from './item.repository.js';

/**
 * What the one write path (`CatalogItemStore`) needs to know of a kind of item: its repository, how input
 * maps onto a row, its title and price in events, which search documents to refresh. Moderated kinds
 * (coffees, watches, mechanisms) also say which fields drafts diff and history records.
 */
export interface ItemKind<Item extends VersionedEntity, PatchInput extends object = object> {
  readonly subject: CatalogItemKind;
  readonly repository: ItemRepository<Item>;
  /** Input fields holding dictionary value ids (a list field: one id each), checked before `assign`. */
  readonly references?: Readonly<Record<string, DictionaryKind>>;
  /** The columns a new row starts with besides its version (who created it). */
  newItem(context: ChangeContext): Partial<Item>;
  /** Checks the input and copies it onto the row; `whole`: fields left out are cleared (PUT). */
  assign(tx: Tx, item: Item, dto: PatchInput, whole: boolean, context: ChangeContext): void | Promise<void>;
  /** Writes what lives in other tables (aliases, link rows) after the row is saved. */
  saveRelated?(tx: Tx, item: Item, dto: PatchInput, whole: boolean): Promise<void>;
  /** Deletes what goes with the row and is no foreign key (photos of its reviews). */
  removeRelated?(tx: Tx, item: Item): Promise<void>;
  /** A 409 for a unique key the save broke, or null for another error. */
  conflict?(error: unknown): CatalogException | null;
  /** A 409 for a reference that keeps the item from being deleted, or null for another error. */
  removalConflict?(error: unknown): CatalogException | null;
  /** Rewrites the search documents showing the item after a change. */
  reindex(tx: Tx, id: string): Promise<void>;
  title(item: Item): string;
  /** Priced kinds (products, listings): their price events. */
  price?(item: Item): ItemPrice;
  /** Priced kinds: what the item offers for sale (seller, status, price, stock), in its item events. */
  offer?(item: Item): CatalogOfferV1;
  /** Coffees and watches: what CoTask's generated decks ask about them (origin, mechanism), in its item events. */
  facts?(tx: Tx, item: Item): Promise<CatalogItemFactsV1>;
}

/** A kind moderated through drafts, with history: its fields as its create route takes them. */
export interface ModeratedKind<
  Item extends VersionedEntity,
  CreateInput extends PatchInput,
  PatchInput extends object,
> extends ItemKind<Item, PatchInput> {
  readonly subject: CatalogItemKind & DraftSubject;
  readonly createInput: Type<CreateInput>;
  readonly updateInput: Type<PatchInput>;
  fields(tx: Tx, item: Item): Promise<FieldValues>;
}

export function isModerated<Item extends VersionedEntity, PatchInput extends object>(
  kind: ItemKind<Item, PatchInput>,
): kind is ModeratedKind<Item, PatchInput, PatchInput> {
  return 'fields' in kind;
}
