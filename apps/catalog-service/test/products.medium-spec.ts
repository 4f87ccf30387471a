import { queryRows } from '@agora/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CATALOG_ERRORS, ITEM_NOT_FOUND } from '../src/catalog.errors.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Product {
  id: string;
  name: string;
  price: string;
  currency: string;
  available: boolean;
  categories: { id: string; name: string }[];
  version: number;
}

/** Seed 001: the coffee shop's menu, categories and products linked many-to-many, written by admins. */
describe('catalog-service menu: categories and products', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let admin: string;
  let coffee: string;
  let desserts: string;
  let cappuccino: Product;

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'menu');
    ({ catalog, admin } = platform);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('lets admins keep categories with unique names; nobody else writes', async () => {
    const created = await catalog.call<{ id: string; position: number }>('POST', '/categories', {
      body: { name: 'Coffee', description: 'Espresso and filter', position: 10 },
      token: admin,
    });
    expect(created.status).toBe(201);
    coffee = created.body.id;
    desserts = (
      await catalog.call<{ id: string }>('POST', '/categories', {
        body: { name: 'Desserts', position: 20 },
        token: admin,
      })
    ).body.id;
    const duplicate = await catalog.call('POST', '/categories', { body: { name: ' coffee ' }, token: admin });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'CATEGORY_EXISTS' });
    for (const token of [platform.user, platform.moderator]) {
      expect((await catalog.call('POST', '/categories', { body: { name: 'Tea' }, token })).status).toBe(403);
    }
    const listed = await catalog.call<{ items: { name: string }[] }>(
      'GET',
      `/categories?filter[id][in]=${coffee},${desserts}&sort=-position`,
    );
    expect(listed.body.items.map((category) => category.name)).toEqual(['Desserts', 'Coffee']);
  });

  it('creates a product in categories, with its price as a decimal string and a price event', async () => {
    const created = await catalog.call<Product>('POST', '/products', {
      body: { name: 'Cappuccino 300 ml', price: '250', currency: 'rub', categoryIds: [coffee] },
      token: admin,
    });
    expect(created.status).toBe(201);
    cappuccino = created.body;
    expect(cappuccino).toMatchObject({
      price: '250.00',
      currency: 'RUB',
      available: true,
      categories: [{ id: coffee, name: 'Coffee' }],
      version: 1,
    });
    expect(await platform.events(cappuccino.id)).toEqual([
      { topic: 'catalog.item.created.v1', payload: expect.objectContaining({ kind: 'product' }) as object },
      {
        topic: 'catalog.price.changed.v1',
        payload: expect.objectContaining({
          kind: 'product',
          price: '250.00',
          currency: 'RUB',
          previousPrice: null,
          version: 1,
        }) as object,
      },
    ]);
  });

  it('refuses bad products with a 400 naming the field, creating nothing', async () => {
    const before = await queryRows(adminUrl, `SELECT count(*) FROM catalog.products`);
    const base = { name: 'Latte', price: '260', currency: 'RUB' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, price: '-1' }, 'price'],
      [{ ...base, price: '1.234' }, 'price'],
      [{ ...base, price: 260 }, 'price'],
      [{ ...base, price: '1e3' }, 'price'],
      [{ ...base, currency: 'XYZ' }, 'currency'],
      [{ ...base, categoryIds: [platform.userId] }, 'categoryIds.0'],
      [{ ...base, categoryIds: ['not-a-uuid'] }, 'categoryIds'],
      [{ ...base, name: '   ' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const reply = await catalog.call('POST', '/products', { body, token: admin });
      expect(reply.status, field).toBe(400);
      expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    }
    expect(await queryRows(adminUrl, `SELECT count(*) FROM catalog.products`)).toEqual(before);
  });

  it('emits a price event only when the price or currency changes', async () => {
    const renamed = await catalog.call<Product>('PATCH', `/products/${cappuccino.id}`, {
      body: { name: 'Cappuccino 350 ml', categoryIds: [coffee, desserts] },
      token: admin,
    });
    expect(renamed.body).toMatchObject({ name: 'Cappuccino 350 ml', price: '250.00', version: 2 });
    expect(renamed.body.categories.map((category) => category.name)).toEqual(['Coffee', 'Desserts']);
    const repriced = await catalog.call<Product>('PATCH', `/products/${cappuccino.id}`, {
      body: { price: '270.5' },
      token: admin,
    });
    expect(repriced.body).toMatchObject({ price: '270.50', version: 3 });
    const prices = (await platform.events(cappuccino.id)).filter(
      (event) => event.topic === 'catalog.price.changed.v1',
    );
    expect(
      prices.map((event) => [event.payload.previousPrice, event.payload.price, event.payload.version]),
    ).toEqual([
      [null, '250.00', 1],
      ['250.00', '270.50', 3],
    ]);
  });

  it('lists the menu by category with the list query, and refuses unknown parameters', async () => {
    await catalog.call('POST', '/products', {
      body: { name: 'Cheesecake', price: '320', currency: 'RUB', categoryIds: [desserts], available: false },
      token: admin,
    });
    const inDesserts = await catalog.call<{ items: Product[] }>(
      'GET',
      `/products?categoryId=${desserts}&sort=-price`,
    );
    expect(inDesserts.body.items.map((product) => product.name)).toEqual(['Cheesecake', 'Cappuccino 350 ml']);
    const cheap = await catalog.call<{ items: Product[] }>(
      'GET',
      `/products?categoryId=${desserts}&filter[price][lte]=300&filter[available]=true`,
    );
    expect(cheap.body.items.map((product) => product.name)).toEqual(['Cappuccino 350 ml']);
    const notUuid = await catalog.call('GET', '/products?categoryId=coffee');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'categoryId' }] });
    expect((await catalog.call('GET', '/products?category=1')).status).toBe(400);
  });

  it('deleting a category unlinks its products; deleting a product is an event', async () => {
    expect((await catalog.call('DELETE', `/categories/${desserts}`, { token: admin })).status).toBe(204);
    const product = await catalog.call<Product>('GET', `/products/${cappuccino.id}`);
    expect(product.body.categories.map((category) => category.name)).toEqual(['Coffee']);
    expect(
      (await catalog.call('DELETE', `/products/${cappuccino.id}`, { token: platform.user })).status,
    ).toBe(403);
    expect((await catalog.call('DELETE', `/products/${cappuccino.id}`, { token: admin })).status).toBe(204);
    expect((await platform.events(cappuccino.id)).at(-1)?.topic).toBe('catalog.item.deleted.v1');
    expect((await catalog.call('GET', `/products/${cappuccino.id}`)).status).toBe(404);
  });

  it('documents on its routes every code catalog-service throws, and throws every code of its catalog', async () => {
    interface Operation {
      responses?: Record<string, { content?: Record<string, { schema?: { allOf?: unknown[] } }> }>;
    }
    const docs = await catalog.call<{ paths: Record<string, Record<string, Operation>> }>(
      'GET',
      '/docs-json',
    );
    expect(docs.status).toBe(200);
    const documented = new Set(
      Object.values(docs.body.paths)
        .flatMap((path) => Object.values(path))
        .flatMap((operation) => Object.values(operation.responses ?? {}))
        .flatMap((response) => response.content?.['application/problem+json']?.schema?.allOf ?? [])
        .flatMap(
          (part) => (part as { properties?: { code?: { enum?: string[] } } }).properties?.code?.enum ?? [],
        ),
    );
    const sourceDir = join(import.meta.dirname, '../src');
    const sources = (readdirSync(sourceDir, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => readFileSync(join(sourceDir, file), 'utf8'));
    const thrown = new Set([
      ...sources.flatMap((source) =>
        [...source.matchAll(/CatalogErrorCode\.([A-Z_]+)/g)].map((match) => match[1]),
      ),
      ...Object.values(ITEM_NOT_FOUND),
    ]);
    expect([...thrown].filter((code) => !documented.has(code)).sort()).toEqual([]);
    expect(
      Object.keys(CATALOG_ERRORS)
        .filter((code) => !thrown.has(code))
        .sort(),
    ).toEqual([]);
  });
});
