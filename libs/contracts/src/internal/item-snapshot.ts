import {
  CATALOG_ITEM_KINDS,
  CatalogItemFactsV1Schema,
  type CatalogItemFactsV1,
  type CatalogItemKind,
} from '../events/topics.js';
import { SNAPSHOT_MAX_LIMIT } from './snapshot.js';
import {
  id,
  integer,
  listOf,
  nullable,
  object,
  oneOf,
  optional,
  text,
  type PayloadSchema,
} from '../events/schema.js';

/**
 * catalog-service's snapshot of every catalog item, for social-service to rebuild its copy of the catalog
 * (item discussions, posts about items, CoTask's generated decks) when it never had one:
 * `GET <CATALOG_URL>/internal/items?cursor=<nextCursor>&limit=<n>`, pages in a stable order until
 * `nextCursor` is null. Service to service only: the gateway does not route `/internal`.
 */
export const CATALOG_ITEM_SNAPSHOT_PATH = '/internal/items';

/** One catalog item as its latest `catalog.item.*` event tells it. */
export interface ItemSnapshotItemV1 {
  kind: CatalogItemKind;
  itemId: string;
  name: string;
  version: number;
  /** Coffees and watches: what CoTask's generated decks ask about them; absent for other kinds. */
  facts?: CatalogItemFactsV1;
}

export interface ItemSnapshotPageV1 {
  items: ItemSnapshotItemV1[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export const ItemSnapshotPageV1Schema: PayloadSchema<ItemSnapshotPageV1> = {
  items: listOf(
    object<ItemSnapshotItemV1>({
      kind: oneOf(CATALOG_ITEM_KINDS),
      itemId: id(),
      name: text({ nonEmpty: false, max: 1000 }),
      version: integer(1),
      facts: optional(object(CatalogItemFactsV1Schema)),
    }),
    { max: SNAPSHOT_MAX_LIMIT },
  ),
  nextCursor: nullable(text({ max: 500 })),
};

/** What is wrong with a snapshot page (empty when it fits). */
export function itemSnapshotProblems(page: unknown): string[] {
  const problems: string[] = [];
  object(ItemSnapshotPageV1Schema).check(page, 'page', problems);
  return problems;
}
