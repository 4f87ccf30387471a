import {
  CatalogOfferV1Schema,
  PRICED_ITEM_KINDS,
  type CatalogOfferV1,
  type PricedItemKind,
} from '../events/topics.js';
import { SNAPSHOT_MAX_LIMIT } from './snapshot.js';
import { id, integer, listOf, nullable, object, oneOf, text, type PayloadSchema } from '../events/schema.js';

/**
 * catalog-service's snapshot of everything that can be bought, for order-service to rebuild its read model
 * when it starts empty: `GET <CATALOG_URL>/internal/offers?cursor=<nextCursor>&limit=<n>`, pages in a stable
 * order until `nextCursor` is null. Service to service only: the gateway does not route `/internal`.
 */
export const CATALOG_OFFER_SNAPSHOT_PATH = '/internal/offers';

/** One priced item as its latest `catalog.item.*` event tells it. */
export interface OfferSnapshotItemV1 {
  kind: PricedItemKind;
  itemId: string;
  name: string;
  version: number;
  offer: CatalogOfferV1;
}

export interface OfferSnapshotPageV1 {
  items: OfferSnapshotItemV1[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export const OfferSnapshotPageV1Schema: PayloadSchema<OfferSnapshotPageV1> = {
  items: listOf(
    object<OfferSnapshotItemV1>({
      kind: oneOf(PRICED_ITEM_KINDS),
      itemId: id(),
      name: text({ nonEmpty: false, max: 1000 }),
      version: integer(1),
      offer: object(CatalogOfferV1Schema),
    }),
    { max: SNAPSHOT_MAX_LIMIT },
  ),
  nextCursor: nullable(text({ max: 500 })),
};

/** What is wrong with a snapshot page (empty when it fits). */
export function offerSnapshotProblems(page: unknown): string[] {
  const problems: string[] = [];
  object(OfferSnapshotPageV1Schema).check(page, 'page', problems);
  return problems;
}
