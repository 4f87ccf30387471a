import {
  PRICED_ITEM_KINDS,
  type CatalogOfferV1,
  type EventEnvelope,
  type OfferSnapshotItemV1,
  type PricedItemKind,
} from '@agora/contracts';
import { Inbox, ReadModelMarks, UnitOfWork } from '@agora/database';
import { rebuildFromSnapshot } from '@agora/runtime';
import { Injectable } from '@nestjs/common';
import { FavouritesRepository } from '../favourites/favourites.repository.js';
import { toMinor } from '../money.js';
import { CatalogSnapshotClient } from './catalog-snapshot.client.js';
import { OffersRepository, type OfferState } from './offers.repository.js';

/** The inbox consumer name of catalog's item events in order-service. */
export const OFFERS_CONSUMER = 'order.offers';

const isPriced = (kind: string): kind is PricedItemKind =>
  (PRICED_ITEM_KINDS as readonly string[]).includes(kind);

/** An item's offer as the read model keeps it. */
export function offerState(
  kind: PricedItemKind,
  itemId: string,
  title: string,
  version: number,
  offer: CatalogOfferV1,
): OfferState {
  return {
    itemId,
    kind,
    title,
    sellerId: offer.sellerId,
    status: offer.status,
    priceMinor: toMinor(offer.price, offer.currency),
    currency: offer.currency.toUpperCase(),
    stock: offer.stock,
    version,
  };
}

const fromSnapshot = (item: OfferSnapshotItemV1): OfferState =>
  offerState(item.kind, item.itemId, item.name, item.version, item.offer);

/** The offers' rebuild mark in `orders.read_model_state`. */
export const OFFERS_REBUILT = 'offers-rebuilt';

/**
 * The read model of what can be bought, from catalog's events (each applied once, in the inbox's
 * transaction; stale versions dropped) and, while it was never built, from catalog's snapshot (which also retires
 * what the snapshot no longer holds, e.g. after `npm run seed -- --reset`). An item event
 * of a hold for an order ends that order's hold of the item here in the same transaction (the stock saga).
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly inbox: Inbox,
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshot: CatalogSnapshotClient,
    private readonly favourites: FavouritesRepository,
    private readonly marks: ReadModelMarks,
  ) {}

  async onItemChanged(
    event: EventEnvelope<'catalog.item.created.v1' | 'catalog.item.updated.v1'>,
  ): Promise<void> {
    const { kind, itemId, name, version, offer, heldForOrderId } = event.payload;
    if (!isPriced(kind)) {
      return;
    }
    await this.inbox.consumeOnce(OFFERS_CONSUMER, event, async (tx) => {
      await (offer
        ? this.offers.upsert(tx, [offerState(kind, itemId, name, version, offer)])
        : this.offers.rename(tx, itemId, name, version));
      // catalog took the order's units into this stock: the order's own hold of them ends with it.
      if (heldForOrderId) {
        await this.offers.settle(tx, heldForOrderId, [itemId]);
      }
    });
  }

  async onPriceChanged(event: EventEnvelope<'catalog.price.changed.v1'>): Promise<void> {
    const { itemId, name, price, currency, version } = event.payload;
    await this.inbox.consumeOnce(OFFERS_CONSUMER, event, (tx) =>
      this.offers.reprice(tx, itemId, name, toMinor(price, currency), currency.toUpperCase(), version),
    );
  }

  /**
   * The item's tombstone and, for a listing, the end of every buyer's favourite of it, in one transaction: the
   * tombstone waits for favourites being added (they hold the offer row FOR SHARE), so none is left behind.
   */
  async onItemDeleted(event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    const { kind, itemId } = event.payload;
    if (!isPriced(kind)) {
      return;
    }
    await this.inbox.consumeOnce(OFFERS_CONSUMER, event, async (tx) => {
      await this.offers.remove(tx, itemId, kind);
      if (kind === 'listing') {
        await this.favourites.forgetListing(tx, itemId);
      }
    });
  }

  /**
   * Unless it was done before: reads catalog's snapshot page by page into the read model (each page in a
   * transaction; events that arrive meanwhile merge by version), then retires the offers it did not see that no
   * event wrote since it started (tombstones, as a deletion; a listing's favourites go too) and marks it done.
   * Resolves with how many items it read (0 when it had been done).
   */
  rebuildIfNeverBuilt(): Promise<number> {
    return rebuildFromSnapshot({
      mark: OFFERS_REBUILT,
      marks: this.marks,
      unitOfWork: this.unitOfWork,
      pages: () => this.snapshot.pages(),
      keep: (tx, page) => this.offers.upsert(tx, page.items.map(fromSnapshot)),
      retire: async (tx, startedAt) => {
        const retired = await this.offers.retireUnwrittenSince(tx, startedAt);
        await this.favourites.forgetListings(
          tx,
          retired.filter((offer) => offer.kind === 'listing').map((offer) => offer.itemId),
        );
      },
    });
  }
}
