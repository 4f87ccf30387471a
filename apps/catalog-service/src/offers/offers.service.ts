import type { OfferSnapshotItemV1, OfferSnapshotPageV1 } from '@agora/contracts';
import { HttpErrorCode, RequestException } from '@agora/http';
import { Injectable } from '@nestjs/common';
import { OffersRepository, type OfferPosition } from './offers.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<kind>:<last id>`, base64url: opaque to the reader. */
export function encodeOfferCursor(kind: OfferPosition['kind'], lastId: string): string {
  return Buffer.from(`${kind}:${lastId}`, 'utf8').toString('base64url');
}

export function decodeOfferCursor(cursor: string | undefined): OfferPosition {
  if (cursor === undefined || cursor === '') {
    return { kind: 'listing', afterId: null };
  }
  const [kind, lastId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if ((kind !== 'listing' && kind !== 'product') || !UUID.test(lastId ?? '') || rest.length > 0) {
    throw new RequestException(HttpErrorCode.VALIDATION_FAILED, 'The cursor is not one this route gave', {
      errors: [{ field: 'cursor', messages: ['must be the nextCursor of a previous page'] }],
    });
  }
  return { kind, afterId: lastId };
}

/**
 * The snapshot of everything that can be bought (listings, then products), page by page, for order-service's
 * read model: each item as its latest item event tells it.
 */
@Injectable()
export class OffersService {
  constructor(private readonly offers: OffersRepository) {}

  async page(cursor: string | undefined, limit: number): Promise<OfferSnapshotPageV1> {
    const position = decodeOfferCursor(cursor);
    const items: OfferSnapshotItemV1[] = [];
    if (position.kind === 'listing') {
      items.push(...(await this.offers.listings(position.afterId, limit)));
    }
    if (items.length < limit) {
      const afterProduct = position.kind === 'product' ? position.afterId : null;
      items.push(...(await this.offers.products(afterProduct, limit - items.length)));
    }
    const last = items.at(-1);
    return {
      items,
      nextCursor: items.length === limit && last ? encodeOfferCursor(last.kind, last.itemId) : null,
    };
  }
}
