import { CATALOG_ITEM_KINDS, type ItemSnapshotPageV1 } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { snapshotPage } from '../items/snapshot-page.js';
import { ItemSnapshotRepository } from './item-snapshot.repository.js';

/**
 * The snapshot of every catalog item (coffees, watches, mechanisms, products, listings), page by page, for
 * social-service's copy of the catalog: each item as its latest item event tells it.
 */
@Injectable()
export class ItemSnapshotService {
  constructor(private readonly items: ItemSnapshotRepository) {}

  page(cursor: string | undefined, limit: number): Promise<ItemSnapshotPageV1> {
    return snapshotPage(CATALOG_ITEM_KINDS, cursor, limit, (kind, afterId, count) =>
      this.items.page(kind, afterId, count),
    );
  }
}
