import { ReadModelMarks } from '@agora/database';
import type { DemoSeedOptions, DemoSeedResult } from '@agora/runtime';
import type { DataSource } from 'typeorm';
import { CATALOG_COPY_REBUILT } from './catalog-copy.service.js';

/**
 * After catalog's seed (which writes its tables directly, without an event per item): forgets that the catalog
 * copy was rebuilt, so CatalogCopyRebuildJob reads catalog's snapshot again — at the next start, or within
 * SOCIAL_CATALOG_REBUILD_RETRY_MS on a running platform. The rebuild upserts by version, so it changes nothing
 * the events had brought already; items the snapshot no longer holds (a `--reset` took them away without events)
 * it retires, as their deletion events would.
 */
export async function seedCatalogCopy(
  dataSource: DataSource,
  _options: DemoSeedOptions,
): Promise<DemoSeedResult> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'social';
  await new ReadModelMarks(dataSource, schema).clear(CATALOG_COPY_REBUILT);
  return { skipped: true, counts: {}, note: "the catalog copy is rebuilt from catalog's snapshot" };
}
