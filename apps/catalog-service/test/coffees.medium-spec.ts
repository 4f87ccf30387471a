import { queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Coffee {
  id: string;
  name: string;
  roaster: { id: string; name: string };
  origin: { id: string; name: string } | null;
  variety: string | null;
  barcode: string | null;
  version: number;
  altitudeMin: number | null;
  tastingNotes: string[];
}

/** Coffee cards and their dictionaries (seed 000) on real PostgreSQL, with tokens from a real auth-service. */
describe('catalog-service coffees and dictionaries', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let moderator: string;
  let user: string;
  const roasters: Record<string, string> = {};
  let yirgacheffe: string;
  let washed: string;
  const events = (key: string) => platform.events(key);

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'coffee');
    ({ catalog, moderator, user } = platform);
    roasters['Tasty Coffee'] = await platform.dictionaryValue('roasters', 'Tasty Coffee', 'RU');
    roasters.Welder = await platform.dictionaryValue('roasters', 'Welder', 'RU');
    yirgacheffe = await platform.dictionaryValue('origins', 'Yirgacheffe', 'et');
    washed = await platform.dictionaryValue('processes', 'Washed');
  });

  afterAll(async () => {
    await platform?.close();
  });

  const kochere = () => ({
    name: 'Ethiopia Kochere',
    roasterId: roasters['Tasty Coffee'],
    countryCode: 'et',
    originId: yirgacheffe,
    farm: 'Kochere washing station',
    variety: 'Heirloom',
    processId: washed,
    roastLevel: 'light',
    altitudeMin: 1800,
    altitudeMax: 2200,
    tastingNotes: ['Bergamot', 'jasmine'],
    barcode: '4006381333931',
  });

  describe('dictionaries', () => {
    it('keeps names unique per dictionary regardless of case, and lists with the list query', async () => {
      const duplicate = await catalog.call('POST', '/dictionaries/roasters', {
        body: { name: 'tasty coffee' },
        token: moderator,
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'DICTIONARY_VALUE_EXISTS' });
      const sameNameElsewhere = await catalog.call('POST', '/dictionaries/farmers', {
        body: { name: 'Tasty Coffee' },
        token: moderator,
      });
      expect(sameNameElsewhere.status).toBe(201);

      const listed = await catalog.call<{ items: { name: string; countryCode: string }[]; total: number }>(
        'GET',
        '/dictionaries/roasters?search=tasty&sort=name',
      );
      expect(listed.body).toMatchObject({ total: 1, items: [{ name: 'Tasty Coffee', countryCode: 'RU' }] });
      expect((await catalog.call('GET', '/dictionaries/grinders')).status).toBe(400);
    });

    it('lets only moderators and admins change or delete values (others propose new ones)', async () => {
      expect((await catalog.call('POST', '/dictionaries/roasters', { body: { name: 'Sb' } })).status).toBe(
        401,
      );
      const renamed = await catalog.call('PATCH', `/dictionaries/roasters/${roasters.Welder}`, {
        body: { name: 'Weld' },
        token: user,
      });
      expect(renamed.status).toBe(403);
      expect(renamed.body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
      const deleted = await catalog.call('DELETE', `/dictionaries/roasters/${roasters.Welder}`, {
        token: user,
      });
      expect(deleted.status).toBe(403);
    });
  });

  describe('coffee cards', () => {
    it('creates a card with dictionary names, finds it by barcode and emits catalog.item.created.v1', async () => {
      const created = await catalog.call<Coffee>('POST', '/coffees', { body: kochere(), token: moderator });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Ethiopia Kochere',
        roaster: { id: roasters['Tasty Coffee'], name: 'Tasty Coffee' },
        countryCode: 'ET',
        origin: { id: yirgacheffe, name: 'Yirgacheffe' },
        process: { id: washed, name: 'Washed' },
        farmer: null,
        tastingNotes: ['bergamot', 'jasmine'],
        version: 1,
      });
      const byBarcode = await catalog.call<Coffee>('GET', '/coffees/barcode/4006381333931');
      expect(byBarcode.body.id).toBe(created.body.id);
      expect((await catalog.call('GET', '/coffees/barcode/5901234123457')).status).toBe(404);
      const badBarcode = await catalog.call('GET', '/coffees/barcode/4006381333932');
      expect(badBarcode.status).toBe(400);
      expect(await events(created.body.id)).toEqual([
        {
          topic: 'catalog.item.created.v1',
          payload: expect.objectContaining({
            kind: 'coffee',
            version: 1,
            name: 'Ethiopia Kochere',
            // What CoTask's "Coffee origins" deck asks (issue 19).
            facts: { countryCode: 'ET', region: 'Yirgacheffe' },
          }) as object,
        },
      ]);
    });

    it('refuses bad input with 4xx naming the field, changing nothing', async () => {
      const before = await queryRows(adminUrl, `SELECT count(*) FROM catalog.coffees`);
      const cases: [Record<string, unknown>, string, number][] = [
        [{ ...kochere(), barcode: '4006381333932' }, 'barcode', 400],
        [{ ...kochere(), barcode: '5901234123457', roasterId: washed }, 'roasterId', 400],
        [{ ...kochere(), barcode: '5901234123457', altitudeMin: 2500 }, 'altitudeMin', 400],
        [{ ...kochere(), barcode: '5901234123457', roastLevel: 'burnt' }, 'roastLevel', 400],
        [{ ...kochere(), barcode: '5901234123457', countryCode: 'XX' }, 'countryCode', 400],
        [{ ...kochere(), barcode: '5901234123457', rating: 5 }, 'rating', 400],
        [{ ...kochere() }, 'barcode', 409],
      ];
      for (const [body, field, status] of cases) {
        const reply = await catalog.call('POST', '/coffees', { body, token: moderator });
        expect(reply.status, field).toBe(status);
        expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
      }
      // A user's proposal is checked the way a direct edit is, before it is queued.
      const proposal = await catalog.call('POST', '/coffees', { body: kochere(), token: user });
      expect(proposal.status).toBe(409);
      expect(proposal.body).toMatchObject({ code: 'BARCODE_TAKEN' });
      expect(await queryRows(adminUrl, `SELECT count(*) FROM catalog.coffees`)).toEqual(before);
    });

    it('patches (null clears, required fields stay), replaces, and counts versions in events', async () => {
      const created = await catalog.call<Coffee>('POST', '/coffees', {
        body: { ...kochere(), name: 'Kenya Kiambu', barcode: '5901234123457' },
        token: moderator,
      });
      const id = created.body.id;
      const patched = await catalog.call<Coffee>('PATCH', `/coffees/${id}`, {
        body: { variety: null, roasterId: roasters.Welder },
        token: moderator,
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ variety: null, roaster: { name: 'Welder' }, version: 2 });
      expect(patched.body.origin).toMatchObject({ name: 'Yirgacheffe' });
      const cleared = await catalog.call('PATCH', `/coffees/${id}`, {
        body: { roasterId: null },
        token: moderator,
      });
      expect(cleared.status).toBe(400);

      const replaced = await catalog.call<Coffee>('PUT', `/coffees/${id}`, {
        body: { name: 'Kenya Kiambu AA', roasterId: roasters.Welder },
        token: moderator,
      });
      expect(replaced.body).toMatchObject({
        name: 'Kenya Kiambu AA',
        origin: null,
        barcode: null,
        tastingNotes: [],
        version: 3,
      });
      expect((await events(id)).map((event) => [event.topic, event.payload.version])).toEqual([
        ['catalog.item.created.v1', 1],
        ['catalog.item.updated.v1', 2],
        ['catalog.item.updated.v1', 3],
      ]);
    });

    it('lists with facets, search, sort and cursor, and refuses injection attempts by name', async () => {
      const page = await catalog.call<{ items: Coffee[]; total: number; nextCursor: string | null }>(
        'GET',
        `/coffees?filter[roasterId]=${roasters['Tasty Coffee']}&filter[altitudeMin][gte]=1500&search=kochere&sort=-altitudeMax`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.map((coffee) => coffee.name)).toEqual(['Ethiopia Kochere']);
      // Other suites share the database: only this suite's roasters.
      const mine = `filter[roasterId][in]=${roasters['Tasty Coffee']},${roasters.Welder}`;
      const first = await catalog.call<{ items: Coffee[]; nextCursor: string }>(
        'GET',
        `/coffees?${mine}&sort=name&limit=1`,
      );
      const second = await catalog.call<{ items: Coffee[] }>(
        'GET',
        `/coffees?${mine}&sort=name&limit=1&cursor=${first.body.nextCursor}`,
      );
      expect([first.body.items[0].name, second.body.items[0].name]).toEqual([
        'Ethiopia Kochere',
        'Kenya Kiambu AA',
      ]);
      for (const query of ['sort=CASE WHEN 1=1 THEN name END', 'sort=name desc, pg_sleep(2)', 'id;--=1']) {
        const bad = await catalog.call('GET', `/coffees?${encodeURI(query)}`);
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ code: 'INVALID_LIST_QUERY' });
      }
    });

    it('refuses deleting a dictionary value in use, unless its uses move to another value', async () => {
      const inUse = await catalog.call('DELETE', `/dictionaries/roasters/${roasters['Tasty Coffee']}`, {
        token: moderator,
      });
      expect(inUse.status).toBe(409);
      expect(inUse.body).toMatchObject({ code: 'DICTIONARY_VALUE_IN_USE' });
      const moved = await catalog.call(
        'DELETE',
        `/dictionaries/roasters/${roasters['Tasty Coffee']}?replaceWith=${roasters.Welder}`,
        { token: moderator },
      );
      expect(moved.status).toBe(204);
      const kocheres = await catalog.call<{ items: Coffee[] }>('GET', '/coffees?search=kochere');
      expect(kocheres.body.items[0].roaster).toMatchObject({ name: 'Welder' });
    });

    it('deletes a card for moderators only, emitting catalog.item.deleted.v1', async () => {
      const coffee = (await catalog.call<{ items: Coffee[] }>('GET', '/coffees?search=kochere')).body
        .items[0];
      expect((await catalog.call('DELETE', `/coffees/${coffee.id}`, { token: user })).status).toBe(403);
      expect((await catalog.call('DELETE', `/coffees/${coffee.id}`, { token: moderator })).status).toBe(204);
      expect((await catalog.call('GET', `/coffees/${coffee.id}`)).status).toBe(404);
      expect((await events(coffee.id)).at(-1)?.topic).toBe('catalog.item.deleted.v1');
      expect((await catalog.call('DELETE', `/coffees/${coffee.id}`, { token: moderator })).status).toBe(404);
    });
  });
});
