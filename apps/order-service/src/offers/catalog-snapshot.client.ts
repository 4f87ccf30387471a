import {
  CATALOG_OFFER_SNAPSHOT_PATH,
  offerSnapshotProblems,
  type OfferSnapshotPageV1,
} from '@agora/contracts';
import { snapshotPages, type SnapshotRoute } from '@agora/runtime';
import { Injectable } from '@nestjs/common';
import { OrderConfig } from '../order.config.js';

/** catalog-service's offer snapshot over HTTP (service to service, never through the gateway). */
@Injectable()
export class CatalogSnapshotClient {
  private readonly route: SnapshotRoute;

  constructor(config: OrderConfig) {
    this.route = {
      baseUrl: config.CATALOG_URL,
      path: CATALOG_OFFER_SNAPSHOT_PATH,
      description: "catalog's offer snapshot",
      pageSize: 500,
      problems: offerSnapshotProblems,
    };
  }

  /** Every page of the snapshot, in order. */
  pages(): AsyncGenerator<OfferSnapshotPageV1> {
    return snapshotPages<OfferSnapshotPageV1>(this.route);
  }
}
