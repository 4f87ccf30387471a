import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Location {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  openNow: boolean;
  openingHours: Record<string, { opens: string; closes: string }[]>;
}

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const hours = (opens: string, closes: string, overrides: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(weekdays.map((day) => [day, [{ opens, closes }]])),
  ...overrides,
});

/** Seed 001: `GET /info` with each location's hours and openNow in its own time zone, edited by admins. */
describe('catalog-service shop info', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  let admin: string;

  const moscow = {
    name: 'Agora Coffee Pokrovka',
    address: 'Pokrovka St, 17',
    city: 'Moscow',
    countryCode: 'ru',
    latitude: 55.7586,
    longitude: 37.6476,
    timeZone: 'Europe/Moscow',
    openingHours: hours('08:00', '22:00', { sunday: [] }),
    position: 1,
  };
  const vladivostok = {
    ...moscow,
    name: 'Agora Coffee Svetlanskaya',
    address: 'Svetlanskaya St, 1',
    city: 'Vladivostok',
    latitude: 43.1155,
    longitude: 131.8855,
    timeZone: 'Asia/Vladivostok',
    openingHours: hours('08:00', '22:00', { friday: [{ opens: '18:00', closes: '02:00' }] }),
    position: 2,
  };

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'info');
    ({ catalog, admin } = platform);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('lets admins set the shop and its locations; nobody else', async () => {
    expect(
      (await catalog.call('PUT', '/info', { body: { name: 'Agora' }, token: platform.moderator })).status,
    ).toBe(403);
    const profile = await catalog.call('PUT', '/info', {
      body: { name: 'Agora Coffee', website: 'https://agora.example', email: 'hello@agora.example' },
      token: admin,
    });
    expect(profile.status).toBe(200);
    for (const location of [moscow, vladivostok]) {
      expect((await catalog.call('POST', '/info/locations', { body: location, token: admin })).status).toBe(
        201,
      );
    }
    expect(
      (await catalog.call('POST', '/info/locations', { body: moscow, token: platform.user })).status,
    ).toBe(403);
  });

  it('computes openNow in each location’s own time zone', async () => {
    // Friday 2026-11-27 12:00 UTC: 15:00 in Moscow (open), 22:00 in Vladivostok (Friday late hours: open).
    const noon = await catalog.call<{ shop: { name: string }; locations: Location[]; at: string }>(
      'GET',
      '/info?at=2026-11-27T12:00:00Z',
    );
    expect(noon.body.shop).toMatchObject({ name: 'Agora Coffee' });
    expect(noon.body.at).toBe('2026-11-27T12:00:00.000Z');
    expect(noon.body.locations.map((location) => [location.city, location.openNow])).toEqual([
      ['Moscow', true],
      ['Vladivostok', true],
    ]);
    // Saturday 17:30 UTC is 20:30 in Moscow (open) and Sunday 03:30 in Vladivostok (closed).
    const evening = await catalog.call<{ locations: Location[] }>('GET', '/info?at=2026-11-28T17:30:00Z');
    expect(evening.body.locations.map((location) => location.openNow)).toEqual([true, false]);
    // Sunday noon in Moscow: closed all day.
    const sunday = await catalog.call<{ items: Location[] }>(
      'GET',
      '/info/locations?filter[city]=Moscow&at=2026-11-29T09:00:00Z',
    );
    expect(sunday.body.items).toEqual([
      expect.objectContaining({
        name: 'Agora Coffee Pokrovka',
        openNow: false,
        openingHours: expect.objectContaining({ sunday: [] }) as object,
      }),
    ]);
  });

  it('refuses bad hours, coordinates and time zones with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...moscow, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ ...moscow, latitude: 91 }, 'latitude'],
      [{ ...moscow, openingHours: hours('8:00', '22:00') }, 'openingHours.monday.0.opens'],
      [{ ...moscow, openingHours: hours('08:00', '25:00') }, 'openingHours.monday.0.closes'],
      [{ ...moscow, openingHours: { monday: [] } }, 'openingHours.tuesday'],
      [{ ...moscow, openingHours: hours('08:00', '22:00', { monday: [[]] }) }, 'openingHours.monday'],
      [{ ...moscow, openingHours: undefined }, 'openingHours'],
      [{ ...moscow, longitude: 200 }, 'longitude'],
    ];
    for (const [body, field] of cases) {
      const reply = await catalog.call('POST', '/info/locations', { body, token: admin });
      expect(reply.status, field).toBe(400);
      expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    }
    expect((await catalog.call('GET', '/info?at=yesterday')).status).toBe(400);
    // Any finite number in range is a coordinate, however JSON writes it.
    const equator = await catalog.call('POST', '/info/locations', {
      body: { ...moscow, name: 'Agora Coffee Equator', latitude: 1e-7, longitude: -1e-7 },
      token: admin,
    });
    expect(equator.status).toBe(201);
    expect(
      (await catalog.call('DELETE', `/info/locations/${String(equator.body.id)}`, { token: admin })).status,
    ).toBe(204);
    // 30 February does not exist: no quiet roll-over to 2 March.
    expect((await catalog.call('GET', '/info?at=2026-02-30T10:00:00Z')).status).toBe(400);
    // A lone surrogate (JSON `\ud800`) in the shop's e-mail is refused at the edge, not a URIError.
    const surrogate = await catalog.call('PUT', '/info', {
      body: { name: 'Agora Coffee', email: 'hello\ud800@agora.example' },
      token: admin,
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body).toMatchObject({ code: 'INVALID_CHARACTERS', errors: [{ field: 'email' }] });
  });

  it('edits and deletes locations', async () => {
    const list = await catalog.call<{ items: Location[] }>('GET', '/info/locations?sort=-name');
    const vlad = list.body.items.find((location) => location.name === 'Agora Coffee Svetlanskaya')!;
    const patched = await catalog.call<Location>('PATCH', `/info/locations/${vlad.id}`, {
      body: { openingHours: hours('00:00', '24:00') },
      token: admin,
    });
    expect(patched.body.openNow).toBe(true);
    expect((await catalog.call('DELETE', `/info/locations/${vlad.id}`, { token: admin })).status).toBe(204);
    expect((await catalog.call('GET', `/info/locations/${vlad.id}`)).status).toBe(404);
  });
});
