import type { CatalogOfferV1, OfferStatus } from '@agora/contracts';
import type { ListingEntity, ListingStatus } from '../listings/listing.entity.js';
import type { ProductEntity } from '../products/product.entity.js';

/** A reserved listing stays on sale with nothing left (held for an order that may still end). */
const LISTING_OFFER_STATUS: Readonly<Record<ListingStatus, OfferStatus>> = {
  active: 'active',
  reserved: 'active',
  sold: 'sold',
  draft: 'inactive',
  archived: 'inactive',
};

/** A menu product on sale: the shop sells it (no seller), while available; its stock, when counted. */
export function productOffer(product: ProductEntity): CatalogOfferV1 {
  return {
    sellerId: null,
    status: product.available ? 'active' : 'inactive',
    price: product.price,
    currency: product.currency,
    stock: product.stock,
  };
}

/** A listing on sale: one item of its seller's, bought while active, none left while reserved or once sold. */
export function listingOffer(listing: ListingEntity): CatalogOfferV1 {
  return {
    sellerId: listing.sellerId,
    status: LISTING_OFFER_STATUS[listing.status],
    price: listing.price,
    currency: listing.currency,
    stock: listing.status === 'sold' || listing.status === 'reserved' ? 0 : 1,
  };
}
