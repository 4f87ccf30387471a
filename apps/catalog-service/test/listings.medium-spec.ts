import { queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Listing {
  id: string;
  sellerId: string;
  title: string;
  price: string;
  status: string;
  characteristics: { key: string; type: string; value: unknown }[];
  tags: string[];
  publishedAt: string | null;
  soldAt: string | null;
  version: number;
}

/** Seed 003: sellers post listings with typed characteristics and tags, and move them through their states. */
describe('catalog-service marketplace listings', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let seller: string;
  let sellerId: string;
  let listing: Listing;

  const amphibia = (overrides: Record<string, unknown> = {}) => ({
    title: 'Восток Амфибия, 1980-е',
    description: 'Ходят, браслет родной.',
    price: '12500',
    currency: 'RUB',
    characteristics: [
      { key: 'Диаметр, мм', type: 'number', value: 40 },
      { key: 'Браслет', type: 'boolean', value: true },
      { key: 'Состояние', type: 'string', value: 'хорошее' },
    ],
    tags: ['Часы', ' СССР '],
    ...overrides,
  });

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'market');
    ({ catalog } = platform);
    const account = await platform.signedUp('seller');
    await platform.auth.call('PUT', `/users/${account.id}/role`, {
      body: { role: 'seller' },
      token: platform.admin,
    });
    seller = (
      await platform.auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'market_seller', password: 'correct horse battery' },
      })
    ).body.accessToken;
    sellerId = account.id;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('lets sellers post a draft with typed characteristics and tags; buyers cannot post', async () => {
    expect((await catalog.call('POST', '/listings', { body: amphibia(), token: platform.user })).status).toBe(
      403,
    );
    const created = await catalog.call<Listing>('POST', '/listings', { body: amphibia(), token: seller });
    expect(created.status).toBe(201);
    listing = created.body;
    expect(listing).toMatchObject({
      sellerId,
      status: 'draft',
      price: '12500.00',
      tags: ['ссср', 'часы'],
      publishedAt: null,
      characteristics: [
        { key: 'Диаметр, мм', type: 'number', value: 40 },
        { key: 'Браслет', type: 'boolean', value: true },
        { key: 'Состояние', type: 'string', value: 'хорошее' },
      ],
    });
    const tags = await catalog.call<{ items: { name: string }[] }>('GET', '/dictionaries/tags?search=час');
    expect(tags.body.items.map((tag) => tag.name)).toContain('часы');
    expect((await platform.events(listing.id)).map((event) => event.topic)).toEqual([
      'catalog.item.created.v1',
      'catalog.price.changed.v1',
    ]);
  });

  it('refuses characteristics whose value does not match their type, and other bad input', async () => {
    const before = await queryRows(adminUrl, `SELECT count(*) FROM catalog.listings`);
    const cases: [Record<string, unknown>, string][] = [
      [
        amphibia({ characteristics: [{ key: 'Диаметр', type: 'number', value: '40' }] }),
        'characteristics.0.value',
      ],
      [
        amphibia({ characteristics: [{ key: 'Браслет', type: 'boolean', value: 'да' }] }),
        'characteristics.0.value',
      ],
      [
        amphibia({ characteristics: [{ key: 'Цвет', type: 'color', value: 'red' }] }),
        'characteristics.0.type',
      ],
      [
        amphibia({
          characteristics: [
            { key: 'Цвет', type: 'string', value: 'a' },
            { key: 'цвет', type: 'string', value: 'b' },
          ],
        }),
        'characteristics',
      ],
      // A key that is not text, or no characteristic at all, is the client's 400 (the uniqueness check read it).
      [amphibia({ characteristics: [{ key: -1, type: 'string', value: 'a' }] }), 'characteristics.0.key'],
      [amphibia({ characteristics: [null] }), 'characteristics.0'],
      [amphibia({ characteristics: [[[]]] }), 'characteristics'],
      [amphibia({ tags: ['<script>'] }), 'tags'],
      [amphibia({ status: 'sold' }), 'status'],
      [amphibia({ status: 'stolen' }), 'status'],
      [amphibia({ price: '12 500' }), 'price'],
    ];
    for (const [body, field] of cases) {
      const reply = await catalog.call('POST', '/listings', { body, token: seller });
      expect([400, 409], field).toContain(reply.status);
      expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    }
    expect(await queryRows(adminUrl, `SELECT count(*) FROM catalog.listings`)).toEqual(before);
  });

  it('shows drafts only to the seller and moderators, and publishes on activation', async () => {
    expect((await catalog.call('GET', `/listings/${listing.id}`)).status).toBe(404);
    expect((await catalog.call('GET', `/listings/${listing.id}`, { token: platform.user })).status).toBe(404);
    expect((await catalog.call('GET', `/listings/${listing.id}`, { token: seller })).status).toBe(200);
    expect((await catalog.call('GET', `/listings/${listing.id}`, { token: platform.moderator })).status).toBe(
      200,
    );
    expect((await catalog.call('GET', `/listings/${listing.id}`, { token: 'forged' })).status).toBe(401);
    const mine = await catalog.call<{ items: Listing[] }>('GET', '/listings/mine', { token: seller });
    expect(mine.body.items.map((item) => item.id)).toEqual([listing.id]);

    const active = await catalog.call<Listing>('PATCH', `/listings/${listing.id}`, {
      body: { status: 'active' },
      token: seller,
    });
    expect(active.body).toMatchObject({ status: 'active', version: 2 });
    expect(active.body.publishedAt).not.toBeNull();
    const publicList = await catalog.call<{ items: Listing[] }>(
      'GET',
      `/listings?tag=ссср&filter[price][between]=10000,15000&search=амфибия`,
    );
    expect(publicList.body.items.map((item) => item.id)).toEqual([listing.id]);
  });

  it('takes one review per buyer of a public listing, never from its seller', async () => {
    const review = await catalog.call<{ id: string; rating: number }>(
      'POST',
      `/listings/${listing.id}/reviews`,
      {
        body: { rating: 5, text: 'Пришли быстро, как на фото.' },
        token: platform.user,
      },
    );
    expect(review.status).toBe(201);
    expect(review.body).toMatchObject({ rating: 5, authorId: platform.userId });
    const again = await catalog.call('POST', `/listings/${listing.id}/reviews`, {
      body: { rating: 1, text: 'Передумал' },
      token: platform.user,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_REVIEWED' });
    const own = await catalog.call('POST', `/listings/${listing.id}/reviews`, {
      body: { rating: 5, text: 'Лучшие часы' },
      token: seller,
    });
    expect(own.status).toBe(403);
    for (const body of [
      { rating: 6, text: 'x' },
      { rating: 0, text: 'x' },
      { rating: 4, text: '  ' },
      { rating: 4 },
    ]) {
      const bad = await catalog.call('POST', `/listings/${listing.id}/reviews`, {
        body,
        token: platform.moderator,
      });
      expect(bad.status).toBe(400);
    }
    const changed = await catalog.call<{ rating: number }>('PATCH', `/reviews/${review.body.id}`, {
      body: { rating: 4 },
      token: platform.user,
    });
    expect(changed.body.rating).toBe(4);
    const foreign = await catalog.call('PATCH', `/reviews/${review.body.id}`, {
      body: { rating: 1 },
      token: seller,
    });
    expect(foreign.status).toBe(403);
    const listed = await catalog.call<{ items: { id: string }[]; total: number }>(
      'GET',
      `/listings/${listing.id}/reviews?filter[rating][gte]=4&sort=-createdAt`,
    );
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: review.body.id }] });
  });

  it('lets only the seller, moderators and admins change it; a price change is an event', async () => {
    const foreign = await catalog.call('PATCH', `/listings/${listing.id}`, {
      body: { price: '1' },
      token: platform.user,
    });
    expect(foreign.status).toBe(403);
    const repriced = await catalog.call<Listing>('PATCH', `/listings/${listing.id}`, {
      body: { price: '11000', tags: ['часы', 'дайверы'] },
      token: seller,
    });
    expect(repriced.body).toMatchObject({ price: '11000.00', tags: ['дайверы', 'часы'] });
    const prices = (await platform.events(listing.id)).filter(
      (event) => event.topic === 'catalog.price.changed.v1',
    );
    expect(prices.at(-1)?.payload).toMatchObject({
      kind: 'listing',
      previousPrice: '12500.00',
      price: '11000.00',
    });
  });

  it('moves through its states: sold is final but for archiving', async () => {
    const sold = await catalog.call<Listing>('PATCH', `/listings/${listing.id}`, {
      body: { status: 'sold' },
      token: seller,
    });
    expect(sold.body.status).toBe('sold');
    expect(sold.body.soldAt).not.toBeNull();
    const back = await catalog.call('PATCH', `/listings/${listing.id}`, {
      body: { status: 'active' },
      token: seller,
    });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
    const archived = await catalog.call<Listing>('PATCH', `/listings/${listing.id}`, {
      body: { status: 'archived' },
      token: seller,
    });
    expect(archived.body.status).toBe('archived');
    expect((await catalog.call('GET', `/listings/${listing.id}`)).status).toBe(404);
  });

  it('keeps a tag in use from being deleted, and deletes a listing with its tag links', async () => {
    const tags = await catalog.call<{ items: { id: string; name: string }[] }>(
      'GET',
      '/dictionaries/tags?search=дайверы',
    );
    const divers = tags.body.items[0].id;
    const inUse = await catalog.call('DELETE', `/dictionaries/tags/${divers}`, { token: platform.moderator });
    expect(inUse.status).toBe(409);
    expect(
      (await catalog.call('DELETE', `/listings/${listing.id}`, { token: platform.moderator })).status,
    ).toBe(204);
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS n FROM catalog.reviews WHERE listing_id = $1`, [
        listing.id,
      ]),
    ).toEqual([{ n: 0 }]);
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS n FROM catalog.listing_tags WHERE listing_id = $1`, [
        listing.id,
      ]),
    ).toEqual([{ n: 0 }]);
    expect((await platform.events(listing.id)).at(-1)?.topic).toBe('catalog.item.deleted.v1');
    expect(
      (await catalog.call('DELETE', `/dictionaries/tags/${divers}`, { token: platform.moderator })).status,
    ).toBe(204);
  });
});
