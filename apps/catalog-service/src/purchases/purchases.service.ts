import { CHECKIN_KINDS, type CheckinKind, type StockItemKind } from '@agora/contracts';
import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CheckinsRepository } from '../checkins/checkins.repository.js';
import { applyRating, ratedOf } from '../checkins/rating.js';
import { ListingsRepository } from '../listings/listings.repository.js';
import { ProductsRepository } from '../products/products.repository.js';
import { ReviewEvents } from '../reviews/review-events.js';
import { ReviewsRepository } from '../reviews/reviews.repository.js';
import { PurchasesRepository, type Bought } from './purchases.repository.js';

/**
 * Purchases from order-service's orders, inside the stock saga's transaction for each order event (so each
 * event is applied once, by the same inbox): an order that becomes `issued` makes its buyer a buyer of each of
 * its items, and of the catalog coffee or watch each bought product or listing sells (`coffeeId` / `watchId`);
 * a refund after issue takes that back. Reviews by the buyer of a listing whose purchase changed follow in the
 * same transaction (`verifiedPurchase`, a new version and `catalog.review.saved.v1`), and so do the buyer's
 * check-ins on a coffee or watch whose purchase changed (`verifiedPurchase`, the item's aggregate re-weighed).
 */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly purchases: PurchasesRepository,
    private readonly listings: ListingsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly reviewEvents: ReviewEvents,
    private readonly products: ProductsRepository,
    private readonly checkins: CheckinsRepository,
  ) {}

  /** The order was issued: its buyer has bought each item it held. */
  async bought(
    tx: Tx,
    orderId: string,
    buyerId: string,
    items: readonly { readonly itemId: string; readonly kind: StockItemKind }[],
  ): Promise<void> {
    const bought = items.map((item) => ({ buyerId, itemId: item.itemId, kind: item.kind }));
    const sold = await this.soldItemsOf(tx, items);
    const added = await this.purchases.add(tx, orderId, [
      ...bought,
      ...sold.map((item) => ({ buyerId, ...item })),
    ]);
    await this.reverify(tx, added);
  }

  /** The issued order was refunded: its purchases are taken back (another issued order of an item keeps it). */
  async returned(tx: Tx, orderId: string): Promise<void> {
    await this.reverify(tx, await this.purchases.removeOrder(tx, orderId));
  }

  /** The catalog coffees and watches the ordered products and listings sell, as their rows say now. */
  private async soldItemsOf(
    tx: Tx,
    items: readonly { readonly itemId: string; readonly kind: StockItemKind }[],
  ): Promise<{ itemId: string; kind: CheckinKind }[]> {
    const idsOf = (kind: StockItemKind) =>
      items.filter((item) => item.kind === kind).map((item) => item.itemId);
    const rows = [
      ...(await this.products.soldItems(tx, idsOf('product'))),
      ...(await this.listings.soldItems(tx, idsOf('listing'))),
    ];
    return rows.flatMap((row): { itemId: string; kind: CheckinKind }[] =>
      row.coffeeId !== null
        ? [{ itemId: row.coffeeId, kind: 'coffee' }]
        : row.watchId !== null
          ? [{ itemId: row.watchId, kind: 'watch' }]
          : [],
    );
  }

  /**
   * Each review by these buyers of these listings says whether its author has bought the listing now. The
   * listings are locked first (in id order), as a review being written holds its listing shared while it asks
   * the same question: whichever commits second sees the other.
   */
  private async reverify(tx: Tx, changed: readonly Bought[]): Promise<void> {
    const listed = changed.filter((bought) => bought.kind === 'listing');
    const listings = await this.listings.lockAll(tx, [...new Set(listed.map((bought) => bought.itemId))]);
    for (const listing of listings) {
      const buyers = [
        ...new Set(listed.filter((bought) => bought.itemId === listing.id).map((b) => b.buyerId)),
      ];
      for (const buyerId of buyers.sort()) {
        const verified = await this.purchases.has(tx, buyerId, listing.id);
        const review = await this.reviews.setVerified(tx, listing.id, buyerId, verified);
        if (review) {
          await this.reviewEvents.saved(tx, review, listing.sellerId);
        }
      }
    }
    await this.reverifyCheckins(tx, changed);
  }

  /**
   * The check-ins by these buyers on these coffees and watches say whether their author has bought the item
   * now, and each item's aggregate takes the counted one at its new weight. Items are locked coffees first,
   * each kind in id order (after the listings above), and the item lock is the one a check-in being written
   * takes before it asks the same question: whichever commits second sees the other.
   */
  private async reverifyCheckins(tx: Tx, changed: readonly Bought[]): Promise<void> {
    for (const kind of CHECKIN_KINDS) {
      const ofKind = changed.filter((bought) => bought.kind === kind);
      for (const itemId of [...new Set(ofKind.map((bought) => bought.itemId))].sort()) {
        const item = await this.checkins.lockItem(tx, kind, itemId);
        if (!item) {
          continue;
        }
        let aggregate = item.aggregate;
        const buyers = [...new Set(ofKind.filter((b) => b.itemId === itemId).map((b) => b.buyerId))];
        for (const buyerId of buyers.sort()) {
          const verified = await this.purchases.has(tx, buyerId, itemId);
          const counted = await this.checkins.setVerifiedPurchase(tx, kind, itemId, buyerId, verified);
          if (counted) {
            aggregate = applyRating(aggregate, {
              removed: ratedOf(counted),
              added: ratedOf({ ...counted, verifiedPurchase: verified }),
            });
          }
        }
        if (aggregate !== item.aggregate) {
          await this.checkins.saveAggregate(tx, kind, itemId, aggregate);
        }
      }
    }
  }
}
