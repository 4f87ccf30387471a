import { OrderErrorCode, OrderException } from '../order.errors.js';
import type { OfferEntity } from '../offers/offer.entity.js';

/** One requested item with the offer it was checked against (locked, purchasable). */
export interface PricedRequest {
  readonly offer: Pick<OfferEntity, 'itemId' | 'kind' | 'title' | 'sellerId' | 'priceMinor' | 'currency'>;
  readonly quantity: number;
}

export interface PlannedLine {
  readonly itemId: string;
  readonly kind: 'product' | 'listing';
  readonly title: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly lineTotalMinor: number;
}

/** One seller's order of a checkout, priced server-side. */
export interface PlannedOrder {
  readonly sellerId: string | null;
  readonly currency: string;
  readonly totalMinor: number;
  readonly lines: readonly PlannedLine[];
}

/**
 * Splits a checkout into one order per seller (the shop's own products together, seller null), in the order
 * sellers first appear, with each line's and order's total in minor units from the offers' current prices.
 * One seller's items must share a currency.
 */
export function planOrders(requests: readonly PricedRequest[]): PlannedOrder[] {
  const bySeller = new Map<string | null, PricedRequest[]>();
  for (const request of requests) {
    const group = bySeller.get(request.offer.sellerId) ?? [];
    group.push(request);
    bySeller.set(request.offer.sellerId, group);
  }
  return [...bySeller].map(([sellerId, group]) => {
    const currency = group[0].offer.currency;
    if (group.some((request) => request.offer.currency !== currency)) {
      throw new OrderException(
        OrderErrorCode.MIXED_CURRENCIES,
        `One seller's items are priced in ${[...new Set(group.map((request) => request.offer.currency))].join(' and ')}: check them out separately`,
      );
    }
    const lines = group.map(({ offer, quantity }) => ({
      itemId: offer.itemId,
      kind: offer.kind,
      title: offer.title,
      quantity,
      unitPriceMinor: offer.priceMinor,
      lineTotalMinor: offer.priceMinor * quantity,
    }));
    return {
      sellerId,
      currency,
      totalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
      lines,
    };
  });
}
