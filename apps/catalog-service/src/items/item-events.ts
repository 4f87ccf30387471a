import {
  Topics,
  type CatalogItemChangedV1,
  type CatalogItemFactsV1,
  type CatalogOfferV1,
  type CatalogItemKind,
  type PriceChangedV1,
  type PricedItemKind,
} from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { Tx } from '@agora/database';

/** A priced item's price. */
export interface ItemPrice {
  readonly price: string;
  readonly currency: string;
}

interface EventItem {
  readonly id: string;
  readonly version: number;
}

const PRICED: readonly CatalogItemKind[] = ['product', 'listing'] satisfies PricedItemKind[];
const isPriced = (kind: CatalogItemKind): kind is PricedItemKind => PRICED.includes(kind);

/** The payload of `catalog.item.created|updated.v1` for an item as it is after the change. */
export function itemChanged(
  kind: CatalogItemKind,
  item: EventItem,
  name: string,
  changedBy: string,
  offer?: CatalogOfferV1,
  facts?: CatalogItemFactsV1,
): CatalogItemChangedV1 {
  return {
    kind,
    itemId: item.id,
    name,
    version: item.version,
    changedBy,
    changedAt: new Date().toISOString(),
    ...(offer ? { offer } : {}),
    ...(facts ? { facts } : {}),
  };
}

/** The payload of `catalog.price.changed.v1`: the price now and before (null for a new item). */
export function priceChanged(
  kind: PricedItemKind,
  item: EventItem,
  name: string,
  now: ItemPrice,
  previous: ItemPrice | null,
): PriceChangedV1 {
  return {
    kind,
    itemId: item.id,
    name,
    price: now.price,
    currency: now.currency,
    previousPrice: previous?.price ?? null,
    previousCurrency: previous?.currency ?? null,
    version: item.version,
    changedAt: new Date().toISOString(),
  };
}

/**
 * The events of every item change, written to the outbox in the change's transaction: created, updated
 * and deleted, and for priced items a price event when the price is new or changed.
 */
@Injectable()
export class ItemEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async created(
    tx: Tx,
    kind: CatalogItemKind,
    item: EventItem,
    name: string,
    by: string,
    price?: ItemPrice,
    offer?: CatalogOfferV1,
    facts?: CatalogItemFactsV1,
  ): Promise<void> {
    await this.outbox.add(
      tx,
      Topics.CatalogItemCreated,
      item.id,
      itemChanged(kind, item, name, by, offer, facts),
    );
    await this.priced(tx, kind, item, name, price, null);
  }

  async updated(
    tx: Tx,
    kind: CatalogItemKind,
    item: EventItem,
    name: string,
    by: string,
    price?: ItemPrice,
    previous?: ItemPrice,
    offer?: CatalogOfferV1,
    facts?: CatalogItemFactsV1,
  ): Promise<void> {
    await this.outbox.add(
      tx,
      Topics.CatalogItemUpdated,
      item.id,
      itemChanged(kind, item, name, by, offer, facts),
    );
    if (price && previous && (price.price !== previous.price || price.currency !== previous.currency)) {
      await this.priced(tx, kind, item, name, price, previous);
    }
  }

  /**
   * A priced item's offer changed by the stock saga (units held, sold or given back): its item event, with the
   * order whose units it holds when it is a hold. The price did not change, so no price event.
   */
  async stockChanged(
    tx: Tx,
    kind: PricedItemKind,
    item: EventItem,
    name: string,
    by: string,
    offer: CatalogOfferV1,
    heldForOrderId?: string,
  ): Promise<void> {
    await this.outbox.add(tx, Topics.CatalogItemUpdated, item.id, {
      ...itemChanged(kind, item, name, by, offer),
      ...(heldForOrderId ? { heldForOrderId } : {}),
    });
  }

  async deleted(tx: Tx, kind: CatalogItemKind, id: string, by: string): Promise<void> {
    await this.outbox.add(tx, Topics.CatalogItemDeleted, id, {
      kind,
      itemId: id,
      deletedBy: by,
      deletedAt: new Date().toISOString(),
    });
  }

  private async priced(
    tx: Tx,
    kind: CatalogItemKind,
    item: EventItem,
    name: string,
    price: ItemPrice | undefined,
    previous: ItemPrice | null,
  ): Promise<void> {
    if (price && isPriced(kind)) {
      await this.outbox.add(
        tx,
        Topics.CatalogPriceChanged,
        item.id,
        priceChanged(kind, item, name, price, previous),
      );
    }
  }
}
