import { CATALOG_ITEM_SNAPSHOT_PATH, itemSnapshotProblems, type ItemSnapshotPageV1 } from '@agora/contracts';
import { snapshotPages, type SnapshotRoute } from '@agora/runtime';
import { Injectable } from '@nestjs/common';
import { SocialConfig } from '../social.config.js';

/** catalog-service's item snapshot over HTTP (service to service, never through the gateway). */
@Injectable()
export class CatalogSnapshotClient {
  private readonly route: SnapshotRoute;

  constructor(config: SocialConfig) {
    this.route = {
      baseUrl: config.CATALOG_URL,
      path: CATALOG_ITEM_SNAPSHOT_PATH,
      description: "catalog's item snapshot",
      pageSize: 500,
      problems: itemSnapshotProblems,
    };
  }

  /** Every page of the snapshot, in order. */
  pages(): AsyncGenerator<ItemSnapshotPageV1> {
    return snapshotPages<ItemSnapshotPageV1>(this.route);
  }
}
