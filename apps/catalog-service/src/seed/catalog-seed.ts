import type { DemoSeedOptions, DemoSeedResult } from '@agora/runtime';
import type { DataSource } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { SEARCH_KINDS, SearchIndex } from '../search/search-index.js';
import { seedCoffees } from './coffees.seed.js';
import { seedDictionaries } from './dictionaries.seed.js';
import { seedListings } from './listings.seed.js';
import { seedMenu } from './menu.seed.js';
import { SeedContext } from './seed-context.js';
import { seedShopInfo } from './shop-info.seed.js';
import { seedMechanisms, seedWatches } from './watches.seed.js';

/** Tables a reset keeps: the service's plumbing, and media ownership learnt from media-service. */
const KEPT_TABLES = ['migrations', 'outbox', 'inbox', 'media_owners', 'media_tombstones'];

/**
 * Demo data for the embedded mode and the benchmarks, in one transaction: dictionaries, coffees from real
 * roasters, Soviet and Swiss watches with mechanisms, a coffee-shop menu, marketplace listings, shop
 * locations; then the search index.
 */
export async function seedCatalog(dataSource: DataSource, options: DemoSeedOptions): Promise<DemoSeedResult> {
  return dataSource.transaction(async (manager) => {
    const seed = new SeedContext(manager);
    // Seeds at once (two `npm run seed`, or one and DEMO=1) fill the catalog once: the others wait here, then
    // find it filled and leave it (or, told to --reset, replace it after).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('catalog.seed'))`);
    if ((await manager.count(CoffeeEntity)) > 0 && !options.reset) {
      return { skipped: true, counts: {} };
    }
    // Every other table of the schema, so a table added later is emptied too.
    const tables = await manager.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND NOT (tablename = ANY($2))`,
      [seed.schema, KEPT_TABLES],
    );
    await manager.query(`TRUNCATE ${tables.map(({ tablename }) => seed.table(tablename)).join(', ')}`);

    const coffeeCount = Math.round(options.items * 0.38);
    const watchCount = Math.round(options.items * 0.36);
    await seedDictionaries(seed);
    const coffees = await seedCoffees(seed, coffeeCount);
    const mechanisms = await seedMechanisms(seed);
    const watches = await seedWatches(seed, watchCount, mechanisms);
    await seedMenu(seed);
    await seedListings(seed, options.items - coffeeCount - watchCount, coffees, watches);
    await seedShopInfo(seed);

    const search = new SearchIndex();
    for (const kind of SEARCH_KINDS) {
      await search.rebuild(manager, kind);
    }
    await manager.query(`ANALYZE ${seed.table('search_documents')}`);
    return { skipped: false, counts: seed.counts };
  });
}
