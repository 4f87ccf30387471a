import { describe, expect, it } from 'vitest';
import type { OrderException } from '../order.errors.js';
import type { OfferEntity } from './offer.entity.js';
import { purchasable, unavailableReason } from './purchase-rules.js';

const BUYER = 'buyer-1';

const offer = (fields: Partial<OfferEntity> = {}): OfferEntity => ({
  itemId: 'l1',
  kind: 'listing',
  title: 'Watch',
  sellerId: 'seller-1',
  status: 'active',
  priceMinor: 100000,
  currency: 'RUB',
  stock: 1,
  reserved: 0,
  version: 3,
  deleted: false,
  updatedAt: new Date(),
  ...fields,
});

function refusal(found: OfferEntity | undefined, quantity = 1, kind = 'listing'): string {
  try {
    purchasable(found, { itemId: 'l1', kind, quantity }, BUYER);
    return 'ok';
  } catch (error) {
    return (error as OrderException).code;
  }
}

describe('what may be bought', () => {
  it('takes an active offer with units left, and one whose stock is not counted in any quantity', () => {
    expect(refusal(offer())).toBe('ok');
    expect(
      refusal(offer({ kind: 'product', sellerId: null, stock: null, reserved: 40 }), 99, 'product'),
    ).toBe('ok');
  });

  it('refuses an unknown, deleted or other-kind item as not found', () => {
    expect(refusal(undefined)).toBe('ITEM_NOT_FOUND');
    expect(refusal(offer({ deleted: true }))).toBe('ITEM_NOT_FOUND');
    expect(refusal(offer(), 1, 'product')).toBe('ITEM_NOT_FOUND');
  });

  it("refuses the seller's own listing, what is not on sale, and more than is left", () => {
    expect(refusal(offer({ sellerId: BUYER }))).toBe('CANNOT_BUY_OWN');
    expect(refusal(offer({ status: 'inactive' }))).toBe('ITEM_UNAVAILABLE');
    expect(refusal(offer({ status: 'sold', stock: 0 }))).toBe('ITEM_UNAVAILABLE');
    expect(refusal(offer({ reserved: 1 }))).toBe('OUT_OF_STOCK');
    expect(refusal(offer({ stock: 5, reserved: 3 }), 3)).toBe('OUT_OF_STOCK');
    expect(refusal(offer({ stock: 5, reserved: 3 }), 2)).toBe('ok');
  });

  it('says why a cart line cannot be bought', () => {
    expect(unavailableReason(offer(), 1)).toBeNull();
    expect(unavailableReason(offer({ deleted: true }), 1)).toBe('deleted');
    expect(unavailableReason(offer({ status: 'inactive' }), 1)).toBe('not_on_sale');
    // Catalog's stock below what is already reserved leaves nothing, never a negative count.
    expect(unavailableReason(offer({ stock: 0, reserved: 1 }), 1)).toBe('out_of_stock');
  });
});
