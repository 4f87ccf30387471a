import type { OfferSnapshotItemV1 } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListingEntity } from '../listings/listing.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { listingOffer, productOffer } from './offer.js';

/** Reads every priced item for the offer snapshot, by primary key (no sort of its own). */
@Injectable()
export class OffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listings(afterId: string | null, limit: number): Promise<OfferSnapshotItemV1[]> {
    const builder = this.dataSource.getRepository(ListingEntity).createQueryBuilder('item');
    if (afterId) {
      builder.where('item.id > :afterId', { afterId });
    }
    const rows = await builder.orderBy('item.id', 'ASC').limit(limit).getMany();
    return rows.map((listing) => ({
      kind: 'listing',
      itemId: listing.id,
      name: listing.title,
      version: listing.version,
      offer: listingOffer(listing),
    }));
  }

  async products(afterId: string | null, limit: number): Promise<OfferSnapshotItemV1[]> {
    const builder = this.dataSource.getRepository(ProductEntity).createQueryBuilder('item');
    if (afterId) {
      builder.where('item.id > :afterId', { afterId });
    }
    const rows = await builder.orderBy('item.id', 'ASC').limit(limit).getMany();
    return rows.map((product) => ({
      kind: 'product',
      itemId: product.id,
      name: product.name,
      version: product.version,
      offer: productOffer(product),
    }));
  }
}
