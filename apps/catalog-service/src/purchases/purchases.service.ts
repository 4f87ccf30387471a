import type { StockItemKind } from '@agora/contracts';
import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { ListingsRepository } from '../listings/listings.repository.js';
import { ReviewEvents } from '../reviews/review-events.js';
import { ReviewsRepository } from '../reviews/reviews.repository.js';
import { PurchasesRepository, type Bought } from './purchases.repository.js';

/**
 * Purchases from order-service's orders, inside the stock saga's transaction for each order event (so each
 * event is applied once, by the same inbox): an order that becomes `issued` makes its buyer a buyer of each of
 * its items; a refund after issue takes that back. Reviews by the buyer of a listing whose purchase changed
 * follow in the same transaction (`verifiedPurchase`, a new version and `catalog.review.saved.v1`).
 */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly purchases: PurchasesRepository,
    private readonly listings: ListingsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly reviewEvents: ReviewEvents,
  ) {}

  /** The order was issued: its buyer has bought each item it held. */
  async bought(
    tx: Tx,
    orderId: string,
    buyerId: string,
    items: readonly { readonly itemId: string; readonly kind: StockItemKind }[],
  ): Promise<void> {
    const added = await this.purchases.add(
      tx,
      orderId,
      items.map((item) => ({ buyerId, itemId: item.itemId, kind: item.kind })),
    );
    await this.reverify(tx, added);
  }

  /** The issued order was refunded: its purchases are taken back (another issued order of an item keeps it). */
  async returned(tx: Tx, orderId: string): Promise<void> {
    await this.reverify(tx, await this.purchases.removeOrder(tx, orderId));
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
  }
}
