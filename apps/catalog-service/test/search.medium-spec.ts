import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

/** Seed 000's first search level over every kind, on PostgreSQL's full-text search and pg_trgm. */
describe('catalog-service two-level search', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let moderator: string;
  const ids: Record<string, string> = {};

  const search = async (query: string) => {
    const reply = await catalog.call<{ items: Hit[]; total: number }>('GET', `/search?${query}`);
    expect(reply.status, query).toBe(200);
    return reply.body;
  };
  const found = async (q: string, extra = '') =>
    (await search(`q=${encodeURIComponent(q)}${extra}`)).items.map((hit) => `${hit.kind}:${hit.title}`);

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'search');
    ({ catalog, moderator } = platform);
    ids.roaster = await platform.dictionaryValue('roasters', 'Rocket Beans Search');
    const post = async (path: string, body: unknown, token = moderator) => {
      const reply = await catalog.call<{ id: string }>('POST', path, { body, token });
      expect(reply.status, path).toBe(201);
      return reply.body.id;
    };
    ids.yirgacheffe = await post('/coffees', {
      name: 'Эфиопия Иргачефф Кочере',
      roasterId: ids.roaster,
      tastingNotes: ['бергамот', 'жасмин'],
    });
    ids.hedgehog = await post('/coffees', { name: 'Ёжик в тумане бленд', roasterId: ids.roaster });
    ids.cafe = await post('/coffees', { name: 'Café Quindío Tolima', roasterId: ids.roaster });
    ids.brand = await platform.dictionaryValue('brands', 'Восток Поиск');
    ids.watch = await post('/watches', {
      name: 'Альбатрос 420059',
      folder: 'search-albatross-420059',
      brandId: ids.brand,
      aliases: ['Albatross', 'Водолаз'],
    });
    const category = await post('/categories', { name: 'Кофе поиск' }, platform.admin);
    ids.product = await post(
      '/products',
      { name: 'Капучино большой', price: '250', currency: 'RUB', categoryIds: [category] },
      platform.admin,
    );
    const seller = await platform.signedUp('seller');
    await platform.auth.call('PUT', `/users/${seller.id}/role`, {
      body: { role: 'seller' },
      token: platform.admin,
    });
    ids.sellerToken = (
      await platform.auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'search_seller', password: 'correct horse battery' },
      })
    ).body.accessToken;
    ids.listing = await post(
      '/listings',
      {
        title: 'Альбатрос 1980-х на браслете',
        description: 'Продаю хронометры в хорошем состоянии',
        price: '9000',
        currency: 'RUB',
        status: 'active',
        tags: ['глубоководные'],
      },
      ids.sellerToken,
    );
    ids.draftListing = await post(
      '/listings',
      { title: 'Альбатрос черновик', price: '1', currency: 'RUB' },
      ids.sellerToken,
    );
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('finds every kind by name in one ranked list, leaving out listings that are not public', async () => {
    const hits = await found('альбатрос');
    expect(hits).toContain('watch:Альбатрос 420059');
    expect(hits).toContain('listing:Альбатрос 1980-х на браслете');
    expect(hits).not.toContain('listing:Альбатрос черновик');
    const page = await search('q=альбатрос');
    expect(page.items.map((hit) => hit.rank)).toEqual(
      [...page.items.map((hit) => hit.rank)].sort((a, b) => b - a),
    );
    // Titles starting with the words come first.
    expect(
      page.items
        .slice(0, 2)
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([ids.watch, ids.listing].sort());
    expect(page.items.find((hit) => hit.id === ids.watch)).toMatchObject({
      kind: 'watch',
      subtitle: 'Восток Поиск',
    });
    expect(await found('капучино')).toEqual(['product:Капучино большой']);
  });

  it('matches aliases, roasters and tasting notes, and forgives typos', async () => {
    expect(await found('Albatross')).toContain('watch:Альбатрос 420059');
    expect(await found('albatrss')).toContain('watch:Альбатрос 420059');
    expect(await found('водалаз')).toEqual(['watch:Альбатрос 420059']);
    expect(await found('иргачеф')).toContain('coffee:Эфиопия Иргачефф Кочере');
    expect(await found('rocket beans')).toEqual(
      expect.arrayContaining(['coffee:Эфиопия Иргачефф Кочере', 'coffee:Ёжик в тумане бленд']),
    );
    expect(await found('жасмин')).toEqual(['coffee:Эфиопия Иргачефф Кочере']);
    // Not every word matches: items with some of them still come, after those with all.
    const partial = await found('иргачефф эспрессо');
    expect(partial[0]).toBe('coffee:Эфиопия Иргачефф Кочере');
  });

  it('folds ё and accents, and stems Russian words', async () => {
    expect(await found('ежик')).toEqual(['coffee:Ёжик в тумане бленд']);
    expect(await found('cafe quindio')).toEqual(['coffee:Café Quindío Tolima']);
    expect(await found('хронометров')).toEqual(['listing:Альбатрос 1980-х на браслете']);
  });

  it('narrows by kind with the list query and refuses bad parameters', async () => {
    expect(await found('альбатрос', '&filter[kind]=listing')).toEqual([
      'listing:Альбатрос 1980-х на браслете',
    ]);
    expect(await found('альбатрос', '&filter[kind][ne]=listing')).toEqual(['watch:Альбатрос 420059']);
    for (const query of [
      '',
      'q=',
      'q=a&filter[kind]=users',
      'q=a&filter[kind][gt]=coffee',
      'q=a&sort=title',
      'q=a&x=1',
      'q=a&limit=500',
    ]) {
      const reply = await catalog.call('GET', `/search?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    const injection = await search(`q=${encodeURIComponent("'; DROP TABLE catalog.coffees; --")}`);
    expect(injection.total).toBe(0);
    expect((await catalog.call('GET', `/coffees/${ids.yirgacheffe}`)).status).toBe(200);
  });

  it('keeps the index in step with changes: renames, status changes and deletions', async () => {
    await catalog.call('PATCH', `/dictionaries/roasters/${ids.roaster}`, {
      body: { name: 'Zvezda Kaffa Search' },
      token: moderator,
    });
    expect(await found('zvezda kaffa')).toHaveLength(3);
    expect(await found('rocket')).toEqual([]);

    await catalog.call('PATCH', `/listings/${ids.draftListing}`, {
      body: { status: 'active' },
      token: ids.sellerToken,
    });
    expect(await found('черновик')).toEqual(['listing:Альбатрос черновик']);
    await catalog.call('PATCH', `/listings/${ids.draftListing}`, {
      body: { status: 'archived' },
      token: ids.sellerToken,
    });
    expect(await found('черновик')).toEqual([]);

    await catalog.call('DELETE', `/coffees/${ids.hedgehog}`, { token: moderator });
    expect(await found('ежик')).toEqual([]);
    expect(await found('водолаз')).toEqual(['watch:Альбатрос 420059']);
    await catalog.call('PATCH', `/watches/${ids.watch}`, {
      body: { aliases: ['Albatross'] },
      token: moderator,
    });
    expect(await found('водолаз')).toEqual([]);
  });
});
