import { ReadModelMarks } from '@agora/database';
import type { DemoSeedOptions, DemoSeedResult } from '@agora/runtime';
import type { DataSource } from 'typeorm';
import { OFFERS_REBUILT } from './offers.service.js';

/**
 * After catalog's seed (which writes its tables directly, without an event per item): forgets that the offers
 * were rebuilt, so OffersRebuildJob reads catalog's snapshot again — at the next start, or within
 * ORDER_OFFERS_REBUILD_RETRY_MS on a running platform. The rebuild upserts by version, so it changes nothing
 * the events had brought already; offers the snapshot no longer holds (a `--reset` took them away without events)
 * it retires, as their deletion events would.
 */
export async function seedOffers(dataSource: DataSource, _options: DemoSeedOptions): Promise<DemoSeedResult> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'orders';
  await new ReadModelMarks(dataSource, schema).clear(OFFERS_REBUILT);
  return { skipped: true, counts: {}, note: "offers are rebuilt from catalog's snapshot" };
}
