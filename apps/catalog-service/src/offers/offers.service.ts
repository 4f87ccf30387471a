import type { OfferSnapshotPageV1, PricedItemKind } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { snapshotPage } from '../items/snapshot-page.js';
import { OffersRepository } from './offers.repository.js';

/** The snapshot's order: listings, then products. */
const OFFER_KINDS: readonly PricedItemKind[] = ['listing', 'product'];

/**
 * The snapshot of everything that can be bought (listings, then products), page by page, for order-service's
 * read model: each item as its latest item event tells it.
 */
@Injectable()
export class OffersService {
  constructor(private readonly offers: OffersRepository) {}

  page(cursor: string | undefined, limit: number): Promise<OfferSnapshotPageV1> {
    return snapshotPage(OFFER_KINDS, cursor, limit, (kind, afterId, count) =>
      kind === 'listing' ? this.offers.listings(afterId, count) : this.offers.products(afterId, count),
    );
  }
}
