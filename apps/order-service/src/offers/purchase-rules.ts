import { OrderErrorCode, OrderException } from '../order.errors.js';
import { isOnSale, unitsLeft, type OfferEntity } from './offer.entity.js';

/** Most units of one item in a cart line or an order line. */
export const MAX_LINE_QUANTITY = 99;

/** Why a cart line cannot be bought as it is now. */
export type UnavailableReason = 'deleted' | 'not_on_sale' | 'out_of_stock';

/** Why `quantity` units of the offer cannot be bought now; null when they can. */
export function unavailableReason(
  offer: Pick<OfferEntity, 'deleted' | 'status' | 'stock' | 'reserved'>,
  quantity: number,
): UnavailableReason | null {
  if (offer.deleted) {
    return 'deleted';
  }
  if (!isOnSale(offer)) {
    return 'not_on_sale';
  }
  const left = unitsLeft(offer);
  return left !== null && left < quantity ? 'out_of_stock' : null;
}

/**
 * The offer `buyerId` asks `quantity` units of, if they may buy them now: it exists as that kind, is on sale,
 * is not their own listing, and enough units are left. Otherwise the domain error saying why.
 */
export function purchasable(
  offer: OfferEntity | undefined,
  request: { readonly itemId: string; readonly kind: string; readonly quantity: number },
  buyerId: string,
): OfferEntity {
  if (!offer || offer.kind !== request.kind || offer.deleted) {
    throw new OrderException(OrderErrorCode.ITEM_NOT_FOUND, `No ${request.kind} ${request.itemId} for sale`, {
      extensions: { itemId: request.itemId },
    });
  }
  if (offer.sellerId === buyerId) {
    throw new OrderException(OrderErrorCode.CANNOT_BUY_OWN, 'You sell this listing yourself', {
      extensions: { itemId: request.itemId },
    });
  }
  const reason = unavailableReason(offer, request.quantity);
  if (reason === 'out_of_stock') {
    throw new OrderException(
      OrderErrorCode.OUT_OF_STOCK,
      `Only ${unitsLeft(offer)} of ${offer.title || request.itemId} left`,
      { extensions: { itemId: request.itemId, left: unitsLeft(offer) } },
    );
  }
  if (reason) {
    throw new OrderException(
      OrderErrorCode.ITEM_UNAVAILABLE,
      `${offer.title || request.itemId} is not on sale now`,
      { extensions: { itemId: request.itemId, reason } },
    );
  }
  return offer;
}
