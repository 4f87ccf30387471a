import { propagationHeaders } from '@agora/logging';
import {
  CATALOG_OFFER_SNAPSHOT_PATH,
  offerSnapshotProblems,
  type OfferSnapshotPageV1,
} from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { OrderConfig } from '../order.config.js';

const PAGE_SIZE = 500;
const TIMEOUT_MS = 15_000;

/** catalog-service's offer snapshot over HTTP (service to service, never through the gateway). */
@Injectable()
export class CatalogSnapshotClient {
  constructor(private readonly config: OrderConfig) {}

  async page(cursor: string | null): Promise<OfferSnapshotPageV1> {
    const url = new URL(CATALOG_OFFER_SNAPSHOT_PATH, this.config.CATALOG_URL);
    url.searchParams.set('limit', String(PAGE_SIZE));
    if (cursor) {
      url.searchParams.set('cursor', cursor);
    }
    const response = await fetch(url, {
      headers: propagationHeaders(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`catalog's offer snapshot answered ${response.status} at ${url.pathname}`);
    }
    const page: unknown = await response.json();
    const problems = offerSnapshotProblems(page);
    if (problems.length > 0) {
      throw new Error(`catalog's offer snapshot does not fit its contract: ${problems.join('; ')}`);
    }
    return page as OfferSnapshotPageV1;
  }
}
