import { eventually, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Ref {
  id: string;
  name: string;
}

interface Mechanism {
  id: string;
  name: string;
  stones: number | null;
  factory: Ref | null;
  mechanismType: Ref | null;
  functions: Ref[];
  version: number;
}

interface Watch {
  id: string;
  name: string;
  folder: string;
  code: string | null;
  brand: Ref | null;
  mechanism: Ref | null;
  aliases: string[];
  version: number;
  createdBy: string;
}

/** Seed 002: watches, mechanisms, their dictionaries, aliases and collections, with the seed's cascades. */
describe('catalog-service watches and mechanisms', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let moderator: string;
  let user: string;
  const ids: Record<string, string> = {};

  const amphibia = (overrides: Record<string, unknown> = {}) => ({
    name: 'Восток Амфибия 420059',
    folder: 'vostok-amphibia-420059',
    code: '420059',
    integratedBracelet: false,
    startRelease: 1967,
    endRelease: 1991,
    brandId: ids.vostok,
    factoryId: ids.chistopol,
    caseMaterialId: ids.steel,
    genderId: ids.mens,
    mechanismId: ids.mechanism2416,
    aliases: ['Амфибия', 'Amphibia'],
    ...overrides,
  });

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'watch');
    ({ catalog, moderator, user } = platform);
    ids.vostok = await platform.dictionaryValue('brands', 'Восток');
    ids.poljot = await platform.dictionaryValue('brands', 'Полёт');
    ids.chistopol = await platform.dictionaryValue('factories', 'Чистопольский часовой завод');
    ids.firstMoscow = await platform.dictionaryValue('factories', 'Первый московский часовой завод');
    ids.steel = await platform.dictionaryValue('case-materials', 'Нержавеющая сталь');
    ids.mens = await platform.dictionaryValue('genders', 'Мужские');
    ids.automatic = await platform.dictionaryValue('mechanism-types', 'Автоматический');
    ids.date = await platform.dictionaryValue('functions', 'Дата');
    ids.shockproof = await platform.dictionaryValue('functions', 'Противоударность');
    ids.antimagnetic = await platform.dictionaryValue('functions', 'Антимагнитность');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('keeps mechanisms with their type, factory and functions; a caliber is unique per factory', async () => {
    const created = await catalog.call<Mechanism>('POST', '/mechanisms', {
      body: {
        name: '2416Б',
        stones: 31,
        startRelease: 1980,
        mechanismTypeId: ids.automatic,
        factoryId: ids.chistopol,
        functionIds: [ids.shockproof, ids.date],
      },
      token: moderator,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '2416Б',
      stones: 31,
      mechanismType: { name: 'Автоматический' },
      factory: { name: 'Чистопольский часовой завод' },
      functions: [{ name: 'Дата' }, { name: 'Противоударность' }],
    });
    ids.mechanism2416 = created.body.id;

    const duplicate = await catalog.call('POST', '/mechanisms', {
      body: { name: '2416б', factoryId: ids.chistopol },
      token: moderator,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'MECHANISM_EXISTS' });
    const elsewhere = await catalog.call('POST', '/mechanisms', {
      body: { name: '2416Б', factoryId: ids.firstMoscow },
      token: moderator,
    });
    expect(elsewhere.status).toBe(201);

    const patched = await catalog.call<Mechanism>('PATCH', `/mechanisms/${ids.mechanism2416}`, {
      body: { functionIds: [ids.date] },
      token: moderator,
    });
    expect(patched.body).toMatchObject({ functions: [{ name: 'Дата' }], stones: 31, version: 2 });
    const wrongKind = await catalog.call('POST', '/mechanisms', {
      body: { name: '2209', functionIds: [ids.vostok] },
      token: moderator,
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body).toMatchObject({ errors: [{ field: 'functionIds.0' }] });
  });

  it('creates a watch with every seed field and its aliases, and refuses bad input naming the field', async () => {
    const created = await catalog.call<Watch>('POST', '/watches', { body: amphibia(), token: moderator });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      folder: 'vostok-amphibia-420059',
      code: '420059',
      integratedBracelet: false,
      startRelease: 1967,
      endRelease: 1991,
      brand: { name: 'Восток' },
      factory: { name: 'Чистопольский часовой завод' },
      caseMaterial: { name: 'Нержавеющая сталь' },
      gender: { name: 'Мужские' },
      mechanism: { id: ids.mechanism2416, name: '2416Б' },
      aliases: ['Amphibia', 'Амфибия'],
      createdBy: platform.moderatorId,
    });
    ids.amphibia = created.body.id;

    const before = await queryRows(adminUrl, `SELECT count(*) FROM catalog.watches`);
    const cases: [Record<string, unknown>, string, number][] = [
      [amphibia({ code: 'other' }), 'folder', 409],
      [amphibia({ folder: 'other-folder' }), 'code', 409],
      [amphibia({ folder: '../etc/passwd', code: null }), 'folder', 400],
      [amphibia({ folder: 'f1', code: null, startRelease: 1995 }), 'startRelease', 400],
      [amphibia({ folder: 'f2', code: null, mechanismId: ids.vostok }), 'mechanismId', 400],
      [amphibia({ folder: 'f3', code: null, brandId: ids.chistopol }), 'brandId', 400],
      [amphibia({ folder: 'f4', code: null, aliases: ['Amphibia', 'AMPHIBIA'] }), 'aliases', 400],
      [amphibia({ folder: 'f5', code: null, integratedBracelet: 'yes' }), 'integratedBracelet', 400],
      [amphibia({ folder: 'f6', code: null, userId: platform.userId }), 'userId', 400],
    ];
    for (const [body, field, status] of cases) {
      const reply = await catalog.call('POST', '/watches', { body, token: moderator });
      expect(reply.status, field).toBe(status);
      expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    }
    expect(await queryRows(adminUrl, `SELECT count(*) FROM catalog.watches`)).toEqual(before);
  });

  it('lists watches with facet filters, search and sort through the list query', async () => {
    await catalog.call('POST', '/watches', {
      body: amphibia({
        name: 'Полёт Штурманские',
        folder: 'poljot-shturmanskie',
        code: null,
        brandId: ids.poljot,
        factoryId: ids.firstMoscow,
        integratedBracelet: true,
        startRelease: 1949,
        endRelease: 1960,
        mechanismId: null,
        aliases: ['Штурманские'],
      }),
      token: moderator,
    });
    const vostoks = await catalog.call<{ items: Watch[]; total: number }>(
      'GET',
      `/watches?filter[brandId]=${ids.vostok}&filter[integratedBracelet]=false&filter[startRelease][gte]=1960&sort=-startRelease`,
    );
    expect(vostoks.body.items.map((watch) => watch.folder)).toEqual(['vostok-amphibia-420059']);
    // A page carries each watch's dictionary values, mechanism and aliases (sorted), as the watch's own route
    // does (which adds its likes).
    const [listed] = vostoks.body.items;
    const { likes: _likes, ...own } = (
      await catalog.call<Watch & { likes: unknown }>('GET', `/watches/${listed.id}`)
    ).body;
    expect(listed).toEqual(own);
    expect(listed).toMatchObject({
      brand: { id: ids.vostok, name: 'Восток' },
      mechanism: { id: ids.mechanism2416 },
      aliases: ['Amphibia', 'Амфибия'],
    });
    const old = await catalog.call<{ items: Watch[] }>(
      'GET',
      `/watches?filter[endRelease][between]=1950,1965&filter[mechanismId][null]=true`,
    );
    expect(old.body.items.map((watch) => watch.name)).toEqual(['Полёт Штурманские']);
    expect(old.body.items[0]).toMatchObject({ mechanism: null, aliases: ['Штурманские'] });
    const bad = await catalog.call('GET', '/watches?filter[folder][regex]=.*');
    expect(bad.status).toBe(400);
  });

  it('keeps each user’s collection, once per watch, readable by others', async () => {
    const add = () => catalog.call('PUT', `/collection/${ids.amphibia}`, { token: user });
    expect((await add()).status).toBe(204);
    expect((await add()).status).toBe(204);
    const mine = await catalog.call<{ items: { watch: Watch }[]; total: number }>('GET', '/collection', {
      token: user,
    });
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0].watch).toMatchObject({ id: ids.amphibia, aliases: ['Amphibia', 'Амфибия'] });
    const public_ = await catalog.call<{ total: number }>('GET', `/collections/${platform.userId}`);
    expect(public_.body.total).toBe(1);
    expect((await catalog.call('GET', '/collection')).status).toBe(401);
    const unknown = await catalog.call('PUT', `/collection/${ids.vostok}`, { token: user });
    expect(unknown.status).toBe(404);
    expect((await catalog.call('DELETE', `/collection/${ids.amphibia}`, { token: user })).status).toBe(204);
    expect((await catalog.call('DELETE', `/collection/${ids.amphibia}`, { token: user })).status).toBe(404);
    expect((await add()).status).toBe(204);
  });

  it('refuses deleting what is in use: a function (unless moved) and a mechanism', async () => {
    const inUse = await catalog.call('DELETE', `/dictionaries/functions/${ids.date}`, { token: moderator });
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'DICTIONARY_VALUE_IN_USE' });
    // 2416Б has Дата; give it Антимагнитность too, then fold Дата into it: no duplicate link appears.
    await catalog.call('PATCH', `/mechanisms/${ids.mechanism2416}`, {
      body: { functionIds: [ids.date, ids.antimagnetic] },
      token: moderator,
    });
    const moved = await catalog.call(
      'DELETE',
      `/dictionaries/functions/${ids.date}?replaceWith=${ids.antimagnetic}`,
      { token: moderator },
    );
    expect(moved.status).toBe(204);
    const mechanism = await catalog.call<Mechanism>('GET', `/mechanisms/${ids.mechanism2416}`);
    expect(mechanism.body.functions).toMatchObject([{ id: ids.antimagnetic, name: 'Антимагнитность' }]);

    const used = await catalog.call('DELETE', `/mechanisms/${ids.mechanism2416}`, { token: moderator });
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ code: 'MECHANISM_IN_USE' });
    expect(
      (await catalog.call('DELETE', `/dictionaries/brands/${ids.vostok}`, { token: moderator })).status,
    ).toBe(409);
  });

  it('takes a user’s watch proposal through moderation', async () => {
    const proposed = await catalog.call<{ id: string; status: string }>('PATCH', `/watches/${ids.amphibia}`, {
      body: { aliases: ['Амфибия', 'Amphibia', 'Амфибка'] },
      token: user,
    });
    expect(proposed.status).toBe(202);
    const detail = await catalog.call<{ changes: { field: string }[] }>(
      'GET',
      `/drafts/${proposed.body.id}`,
      {
        token: moderator,
      },
    );
    expect(detail.body.changes.map((change) => change.field)).toEqual(['aliases']);
    await catalog.call('POST', `/drafts/${proposed.body.id}/approve`, { body: {}, token: moderator });
    const watch = await catalog.call<Watch>('GET', `/watches/${ids.amphibia}`);
    expect(watch.body).toMatchObject({ aliases: ['Amphibia', 'Амфибия', 'Амфибка'], version: 2 });
  });

  it('deletes a watch with its aliases and collection rows', async () => {
    expect((await catalog.call('DELETE', `/watches/${ids.amphibia}`, { token: user })).status).toBe(403);
    expect((await catalog.call('DELETE', `/watches/${ids.amphibia}`, { token: moderator })).status).toBe(204);
    for (const table of ['watch_aliases', 'collections']) {
      expect(
        await queryRows(adminUrl, `SELECT count(*)::int AS n FROM catalog.${table} WHERE watch_id = $1`, [
          ids.amphibia,
        ]),
      ).toEqual([{ n: 0 }]);
    }
    expect((await platform.events(ids.amphibia)).at(-1)).toMatchObject({
      topic: 'catalog.item.deleted.v1',
      payload: { kind: 'watch' },
    });
    // With no watch left on it, the mechanism can go.
    expect(
      (await catalog.call('DELETE', `/mechanisms/${ids.mechanism2416}`, { token: moderator })).status,
    ).toBe(204);
  });

  it('drops a deleted account’s collection when auth-service says so', async () => {
    const collector = await platform.signedUp('collector');
    const watch = await catalog.call<Watch>('POST', '/watches', {
      body: amphibia({ folder: 'vostok-komandirskie', code: null, mechanismId: null, aliases: [] }),
      token: moderator,
    });
    const added = await catalog.call('PUT', `/collection/${watch.body.id}`, { token: collector.accessToken });
    expect(added.status).toBe(204);
    expect(
      await queryRows(adminUrl, `SELECT 1 FROM catalog.collections WHERE user_id = $1`, [collector.id]),
    ).toHaveLength(1);
    const deleted = await platform.auth.call('DELETE', `/users/${collector.id}`, { token: platform.admin });
    expect(deleted.status).toBe(204);
    await eventually(
      async () => {
        const rows = await queryRows(adminUrl, `SELECT 1 FROM catalog.collections WHERE user_id = $1`, [
          collector.id,
        ]);
        return rows.length === 0 ? true : undefined;
      },
      10_000,
      'the collection to be dropped',
    );
  });
});
