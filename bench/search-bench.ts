// `npm run bench:search [-- --items=110000]`: seeds a throwaway database with the demo catalog and times
// the first search level (GET /search's query, through SearchService) over it. Prints the figures; the
// target (seed 000) is well under 100 ms per search on 100k+ items.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { SERVICES } from '@agora/contracts';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  provisionServiceSchemas,
} from '@agora/database';
import { parseListQuery } from '@agora/list-query';
import { IsUrl } from 'class-validator';
import { catalogServiceDefinition } from '../apps/catalog-service/src/catalog-service.definition.js';
import { SEARCH_LIST_QUERY } from '../apps/catalog-service/src/search/search.dto.js';
import { SearchService } from '../apps/catalog-service/src/search/search.service.js';

class BenchConfig {
  /** Superuser URL of the PostgreSQL the benchmark creates (and drops) its throwaway database in. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}

const ADMIN_URL = loadConfig(BenchConfig, processEnvironment()).BENCH_DATABASE_URL;
const items = Number(/^--items=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 110_000);
const ROUNDS = 30;

/** What people type: exact names, Latin aliases, typos, roasters, Russian word forms, several words. */
const QUERIES = [
  'амфибия',
  'Amphibia',
  'командирские 2416',
  'komandirskie',
  'амфибя',
  'tasty coffee',
  'эфиопия иргачефф',
  'yirgacheffe natural',
  'колумбия хуила',
  'часов ссср',
  'omega speedmaster',
  'капучино',
  'seamastr',
];

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

const database = `agora_bench_${Date.now()}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${database}`;
const adminDatabaseUrl = url.toString();
url.username = 'agora_catalog';
url.password = '';
const catalogUrl = url.toString();

await ensureDatabase(ADMIN_URL, database);
try {
  const { schema, extensions } = SERVICES.catalog;
  await provisionServiceSchemas(adminDatabaseUrl, [{ schema, extensions, url: catalogUrl }]);
  const dataSource = createServiceDataSource({
    url: catalogUrl,
    schema,
    entities: catalogServiceDefinition.entities,
    migrations: catalogServiceDefinition.migrations,
    poolSize: 2,
    applicationName: 'bench-search',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const seedStarted = performance.now();
    const seeded = await catalogServiceDefinition.seed!(dataSource, { items, reset: true });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [{ documents }] = await dataSource.query<{ documents: string }[]>(
      'SELECT count(*) AS documents FROM catalog.search_documents',
    );
    console.log(
      `seeded ${Object.entries(seeded.counts)
        .map(([what, count]) => `${count} ${what}`)
        .join(', ')} in ${seedSeconds.toFixed(1)} s; ${documents} search documents`,
    );

    const search = new SearchService(dataSource);
    const query = parseListQuery({ limit: '20' }, SEARCH_LIST_QUERY);
    const all: number[] = [];
    console.log(
      `\n${'query'.padEnd(22)} ${'hits'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const text of QUERIES) {
      await search.search(text, query); // warm-up
      const timings: number[] = [];
      let hits = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const started = performance.now();
        hits = (await search.search(text, query)).total;
        timings.push(performance.now() - started);
      }
      timings.sort((a, b) => a - b);
      all.push(...timings);
      console.log(
        `${text.padEnd(22)} ${String(hits).padStart(7)} ${percentile(timings, 50).toFixed(1).padStart(8)} ${percentile(timings, 95).toFixed(1).padStart(8)} ${timings.at(-1)!.toFixed(1).padStart(8)}`,
      );
    }
    all.sort((a, b) => a - b);
    console.log(
      `\nall ${all.length} searches over ${documents} documents: p50 ${percentile(all, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(all, 95).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms ` +
        `(target: well under 100 ms)`,
    );
  } finally {
    await dataSource.destroy();
  }
} finally {
  await dropDatabase(ADMIN_URL, database);
}
