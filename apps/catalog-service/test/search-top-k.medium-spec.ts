import { createIsolatedDatabase, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_CANDIDATES } from '../src/search/search.service.js';
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

  const search = async (query: string): Promise<SearchPage> => {
    const reply = await platform.catalog.call<SearchPage>('GET', `/search?${query}`);
    expect(reply.status, query).toBe(200);
    return reply.body;
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

  it('ranks a capped candidate set and says the total is not exact', async () => {
    const page = await search('q=спутник&limit=10');
    expect(page.items[0].title).toBe('Спутник Гагарин');
    expect(page.items).toHaveLength(10);
    expect(page.totalExact).toBe(false);
    expect(page.total).toBeLessThanOrEqual(SEARCH_CANDIDATES + 1);
    expect(page.total).toBeGreaterThanOrEqual(SEARCH_CANDIDATES);
  });

  it('counts exactly when the matches fit the cap', async () => {
    const page = await search('q=гагарин');
    expect(page).toMatchObject({ total: 1, totalExact: true });
    expect(page.items.map((hit) => hit.title)).toEqual(['Спутник Гагарин']);
  });
});
