import type { CatalogItemChangedV1, CatalogItemKind, PriceChangedV1, PricedItemKind } from '@agora/contracts';

/** The payload of `catalog.item.created|updated.v1` for an item as it is after the change. */
export function itemChanged(
  kind: CatalogItemKind,
  item: { id: string; version: number },
  name: string,
  changedBy: string,
): CatalogItemChangedV1 {
  return {
    kind,
    itemId: item.id,
    name,
    version: item.version,
    changedBy,
    changedAt: new Date().toISOString(),
  };
}

/** The payload of `catalog.price.changed.v1`: the price now and before (null for a new item). */
export function priceChanged(
  kind: PricedItemKind,
  item: { id: string; version: number; price: string; currency: string },
  name: string,
  previous: { price: string; currency: string } | null,
): PriceChangedV1 {
  return {
    kind,
    itemId: item.id,
    name,
    price: item.price,
    currency: item.currency,
    previousPrice: previous?.price ?? null,
    previousCurrency: previous?.currency ?? null,
    version: item.version,
    changedAt: new Date().toISOString(),
  };
}
