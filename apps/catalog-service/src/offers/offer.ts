import type { CatalogOfferV1, OfferStatus } from '@agora/contracts';
import type { ListingEntity, ListingStatus } from '../listings/listing.entity.js';
import type { ProductEntity } from '../products/product.entity.js';

const LISTING_OFFER_STATUS: Readonly<Record<ListingStatus, OfferStatus>> = {
  active: 'active',
  sold: 'sold',
  draft: 'inactive',
  archived: 'inactive',
};

/** A menu product on sale: the shop sells it (no seller), while available; catalog does not count its stock. */
export function productOffer(product: ProductEntity): CatalogOfferV1 {
  return {
    sellerId: null,
    status: product.available ? 'active' : 'inactive',
    price: product.price,
    currency: product.currency,
    stock: null,
  };
}

/** A listing on sale: one item of its seller's, bought while active, gone once sold. */
export function listingOffer(listing: ListingEntity): CatalogOfferV1 {
  return {
    sellerId: listing.sellerId,
    status: LISTING_OFFER_STATUS[listing.status],
    price: listing.price,
    currency: listing.currency,
    stock: listing.status === 'sold' ? 0 : 1,
  };
}
