import { createIsolatedDatabase, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  COMMON_WORD_DOCUMENTS,
  SEARCH_CANDIDATES,
  SEARCH_WALK_CANDIDATES,
} from '../src/search/search.service.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface SearchPage {
  items: { kind: string; title: string; rank: number }[];
  total: number;
  totalExact: boolean;
}

/** More matches than search ranks: the page comes from capped candidates, prefix titles first. */
describe('catalog search top-k', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let platform: CatalogPlatform;

  const search = async (query: string, headers: Record<string, string> = {}): Promise<SearchPage> => {
    const reply = await platform.catalog.call<SearchPage>('GET', `/search?${query}`, { headers });
    expect(reply.status, query).toBe(200);
    return reply.body;
  };
  const titles = async (query: string, headers: Record<string, string> = {}) =>
    (await search(query, headers)).items.map((hit) => hit.title).sort();
  /** How often each full-text index has been scanned (PostgreSQL flushes these counters within a second). */
  const indexScans = async () => {
    const rows = await queryRows<{ name: string; scans: string }>(
      database.adminUrl,
      `SELECT indexrelname AS name, idx_scan::text AS scans FROM pg_stat_user_indexes
       WHERE schemaname = 'catalog' AND indexrelname IN ('search_documents_kind_document_idx', 'search_documents_document_gist_idx')`,
    );
    return {
      gin: Number(rows.find((row) => row.name === 'search_documents_kind_document_idx')?.scans),
      gist: Number(rows.find((row) => row.name === 'search_documents_document_gist_idx')?.scans),
    };
  };
  /**
   * Scans of each full-text index by `work`'s search, read once the index it should scan shows the scan:
   * PostgreSQL flushes a backend's counters together, seconds later at most.
   */
  const scansBy = async (work: () => Promise<unknown>, scanned: 'gin' | 'gist') => {
    const before = await indexScans();
    await work();
    for (let waited = 0; ; waited += 200) {
      const after = await indexScans();
      if (after[scanned] > before[scanned] || waited > 20_000) {
        return { gin: after.gin - before.gin, gist: after.gist - before.gist };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** Scans and entries read of every search index, and rows read by sequential scans of the documents. */
  const reads = async () => {
    const [row] = await queryRows<{ scans: string; gist: string; entries: string; sequential: string }>(
      database.adminUrl,
      `SELECT sum(i.idx_scan)::text AS scans, sum(i.idx_tup_read)::text AS entries,
         sum(i.idx_scan) FILTER (WHERE i.indexrelname = 'search_documents_document_gist_idx')::text AS gist,
         (SELECT seq_tup_read FROM pg_stat_user_tables WHERE schemaname = 'catalog' AND relname = 'search_documents')::text
           AS sequential
       FROM pg_stat_user_indexes i WHERE i.schemaname = 'catalog' AND i.relname = 'search_documents'`,
    );
    return {
      scans: Number(row.scans),
      gist: Number(row.gist),
      entries: Number(row.entries),
      sequential: Number(row.sequential),
    };
  };
  /** What `work`'s search read from the documents, once its index scans show (flushed within seconds). */
  const readsBy = async (work: () => Promise<unknown>) => {
    const before = await reads();
    await work();
    for (let waited = 0; ; waited += 200) {
      const after = await reads();
      if (after.scans > before.scans || waited > 20_000) {
        return {
          gistScans: after.gist - before.gist,
          entries: after.entries - before.entries,
          sequential: after.sequential - before.sequential,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** Index entries read so far from the search indexes (idx_tup_read), by name. */
  const entriesRead = async () =>
    Object.fromEntries(
      (
        await queryRows<{ name: string; read: string }>(
          database.adminUrl,
          `SELECT indexrelname AS name, idx_tup_read::text AS read FROM pg_stat_user_indexes
           WHERE schemaname = 'catalog' AND relname = 'search_documents'`,
        )
      ).map((row) => [row.name, Number(row.read)]),
    );
  /** Entries `work`'s search read from each index, once the GiST index shows them (flushed within seconds). */
  const entriesReadBy = async (work: () => Promise<unknown>): Promise<Record<string, number>> => {
    const before = await entriesRead();
    await work();
    for (let waited = 0; ; waited += 200) {
      const after = await entriesRead();
      const gist = 'search_documents_document_gist_idx';
      if (after[gist] > before[gist] || waited > 20_000) {
        return Object.fromEntries(
          Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'search_top_k');
    platform = await startCatalogPlatform(database.adminUrl, 'topk');
    // Many documents mention the word; the one whose title starts with it is written last, so a scan in
    // physical order meets it after the cap.
    await queryRows(
      database.adminUrl,
      `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
       SELECT 'watch', gen_random_uuid(), 'Восток ' || n || ' спутник', NULL, 'восток ' || n || ' спутник',
              'восток ' || n || ' спутник', 'восток ' || n || ' спутник'
       FROM generate_series(1, $1::int) n`,
      [SEARCH_CANDIDATES * 3],
    );
    // A common word: more documents hold it than COMMON_WORD_DOCUMENTS (and most of them).
    await queryRows(
      database.adminUrl,
      `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
       SELECT 'listing', gen_random_uuid(), 'Лот ' || n, NULL, 'лот ' || n, 'лот ' || n, 'лот ' || n || ' амфибия'
       FROM generate_series(1, $1::int) n`,
      [COMMON_WORD_DOCUMENTS + 500],
    );
    await queryRows(
      database.adminUrl,
      `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
       VALUES ('watch', gen_random_uuid(), 'Спутник Гагарин', NULL, 'спутник гагарин', 'спутник гагарин', 'спутник гагарин')`,
    );
    await queryRows(database.adminUrl, 'VACUUM ANALYZE catalog.search_documents');
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await database?.drop();
  });

  // First: no earlier search has counters still waiting to be flushed.
  it('walks the GiST index for a common word and GIN for a rare one, ranking the capped candidates', async () => {
    let common: SearchPage | undefined;
    const walked = await scansBy(async () => (common = await search('q=амфибия&limit=5')), 'gist');
    expect(walked.gist).toBeGreaterThan(0);
    expect(walked.gin).toBe(0);
    // A walk takes its own, smaller sample of the word's many matches.
    expect(common).toMatchObject({ total: SEARCH_WALK_CANDIDATES, totalExact: false });
    expect(common?.items).toHaveLength(5);
    expect(common?.items.every((hit) => hit.title.startsWith('Лот '))).toBe(true);
    // Every word common, as written or stemmed: still the walk.
    const stemmed = await scansBy(() => search('q=лот+амфибии&limit=5'), 'gist');
    expect(stemmed.gist).toBeGreaterThan(0);
    expect(stemmed.gin).toBe(0);
    // A common word with a rare one: every word by GIN (cheap on the rare one), then any word by the walk.
    const mixed = await scansBy(() => search('q=амфибия+гагарин&limit=5'), 'gist');
    expect(mixed.gin).toBeGreaterThan(0);
    expect(mixed.gist).toBeGreaterThan(0);
    // Narrowed by kind, or rare words only: no walk.
    expect((await readsBy(() => search('q=амфибия&filter[kind]=listing&limit=5'))).gistScans).toBe(0);
    expect((await scansBy(() => search('q=гагарин'), 'gin')).gist).toBe(0);
  }, 120_000);

  it('reads no more than the cap from an index for common words, alone or beside a rare one', async () => {
    const cap = SEARCH_WALK_CANDIDATES;
    // Every word common (the title word `лот` of every listing): titles starting with it walked in the prefix
    // btree's order and the words walked in the GiST index, each stopping at the cap; GIN is not scanned.
    const common = await entriesReadBy(() => search('q=лот&limit=5', { 'cache-control': 'no-cache' }));
    expect(common.search_documents_document_gist_idx).toBeGreaterThan(0);
    expect(common.search_documents_document_gist_idx).toBeLessThanOrEqual(2 * cap);
    expect(common.search_documents_title_prefix_idx).toBeGreaterThan(0);
    expect(common.search_documents_title_prefix_idx).toBeLessThanOrEqual(2 * cap);
    expect(common.search_documents_kind_document_idx).toBe(0);
    // A common word beside a rare one: every word by GIN (the rare word's few entries), any word walked in
    // GiST to the cap, not the common word's COMMON_WORD_DOCUMENTS matches gathered into a bitmap.
    const mixed = await entriesReadBy(() =>
      search('q=амфибия+гагарин&limit=5', { 'cache-control': 'no-cache' }),
    );
    expect(mixed.search_documents_document_gist_idx).toBeGreaterThan(0);
    expect(mixed.search_documents_document_gist_idx).toBeLessThanOrEqual(2 * cap);
    expect(mixed.search_documents_kind_document_idx).toBeLessThan(SEARCH_CANDIDATES);
    // A common word narrowed to a kind that has none of it: the kind is intersected inside the GIN index, so
    // not one of the word's COMMON_WORD_DOCUMENTS listings is read (or fetched to be dropped).
    const narrowed = await readsBy(() =>
      search('q=амфибия&filter[kind]=coffee', { 'cache-control': 'no-cache' }),
    );
    expect(narrowed).toMatchObject({ entries: 0, sequential: 0 });
  }, 120_000);

  it('keeps one plan per session for every search function’s statements', async () => {
    // Custom plans cost a planning per call (their generic plans look costlier, so PL/pgSQL never kept one).
    const functions = await queryRows<{ name: string; settings: string[] }>(
      database.adminUrl,
      `SELECT proname AS name, proconfig AS settings FROM pg_proc
       WHERE pronamespace = 'catalog'::regnamespace AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
         AND proname LIKE 'search\\_%'`,
    );
    expect(functions.map((row) => row.name).sort()).toEqual([
      'search_match',
      'search_near',
      'search_prefix_walk',
      'search_walk',
    ]);
    for (const row of functions) {
      expect(row.settings, row.name).toContain('plan_cache_mode=force_generic_plan');
    }
    // Past the five custom plans PL/pgSQL tries first, each kind of search still finds what it found: the
    // walks (a common word), GIN narrowed by kind with a title starting with the query, near spellings.
    const fresh = { 'cache-control': 'no-cache' };
    for (let call = 0; call < 7; call += 1) {
      expect((await search('q=лот&limit=5', fresh)).items).toHaveLength(5);
      expect((await search('q=спутник&filter[kind]=watch&limit=5', fresh)).items[0].title).toBe(
        'Спутник Гагарин',
      );
      expect(await titles('q=гагрин', fresh)).toContain('Спутник Гагарин');
    }
  });

  it('ranks a capped candidate set and says the total is not exact', async () => {
    const page = await search('q=спутник&limit=10');
    expect(page.items[0].title).toBe('Спутник Гагарин');
    expect(page.items).toHaveLength(10);
    expect(page.totalExact).toBe(false);
    expect(page.total).toBeLessThanOrEqual(SEARCH_CANDIDATES + 1);
    expect(page.total).toBeGreaterThanOrEqual(SEARCH_CANDIDATES);
  });

  it('serves a recent page again until a write to the index, or when asked for a fresh one', async () => {
    expect(await titles('q=хронометр')).toEqual([]);
    // Written behind the service's back: the cached page does not know.
    await queryRows(
      database.adminUrl,
      `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
       VALUES ('watch', gen_random_uuid(), 'Хронометр Полёт', NULL, 'хронометр полет', 'хронометр полет', 'хронометр полет')`,
    );
    expect(await titles('q=хронометр')).toEqual([]);
    expect(await titles('q=хронометр', { 'cache-control': 'no-cache' })).toEqual(['Хронометр Полёт']);
    // A write through the service commits and forgets every cached page: both documents show at once.
    const roaster = await platform.dictionaryValue('roasters', 'Хронометр Обжарка');
    const created = await platform.catalog.call('POST', '/coffees', {
      body: { name: 'Кения Хронометр', roasterId: roaster },
      token: platform.moderator,
    });
    expect(created.status).toBe(201);
    expect(await titles('q=хронометр')).toEqual(['Кения Хронометр', 'Хронометр Полёт']);
  });

  it('counts exactly when the matches fit the cap', async () => {
    const page = await search('q=гагарин');
    expect(page).toMatchObject({ total: 1, totalExact: true });
    expect(page.items.map((hit) => hit.title)).toEqual(['Спутник Гагарин']);
  });

  it('looks for near spellings only when nothing has the words (SEARCH_TYPO_THRESHOLD 1)', async () => {
    await queryRows(
      database.adminUrl,
      `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
       VALUES ('watch', gen_random_uuid(), 'Ракета Гагарн', NULL, 'ракета гагарн', 'ракета гагарн', 'ракета гагарн')`,
    );
    const fresh = { 'cache-control': 'no-cache' };
    // One item has the word: it is the answer, without the item whose name is only spelled like it.
    expect(await titles('q=гагарин', fresh)).toEqual(['Спутник Гагарин']);
    // Nothing has the misspelled word: both come as near spellings.
    expect(await titles('q=гагрин', fresh)).toEqual(['Ракета Гагарн', 'Спутник Гагарин']);
  });
});
