import { atOnce, copies, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Answer {
  readonly status: number;
  readonly etag: string | null;
  readonly body: Record<string, unknown>;
}

const DAY = [{ opens: '08:00', closes: '20:00' }];
const HOURS = {
  monday: DAY,
  tuesday: DAY,
  wednesday: DAY,
  thursday: DAY,
  friday: DAY,
  saturday: DAY,
  sunday: DAY,
};

/**
 * Optimistic locking through the gateway (issue 12, item 2): every editable resource answers with its
 * version as `ETag`; a write with a stale `If-Match` is a 412 naming the current version; without
 * If-Match the last writer wins.
 */
describe('ETag and If-Match on editable resources', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let admin: SignedInUser;
  let moderator: SignedInUser;
  let seller: SignedInUser;
  let buyer: SignedInUser;
  let roasterId: string;

  async function call(
    method: string,
    route: string,
    token: string | undefined,
    body?: unknown,
    ifMatch?: string,
  ): Promise<Answer> {
    const response = await fetch(`${platform.gatewayUrl}/api${route}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  }

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'etags', { env: adminEnv(inbox) });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    moderator = await users.withRole('etag_mod', 'moderator');
    seller = await users.withRole('etag_seller', 'seller');
    buyer = await users.withRole('etag_buyer');
    const roaster = await call('POST', '/dictionaries/roasters', moderator.token, {
      name: 'Tagged Roasters',
    });
    roasterId = roaster.body.id as string;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  /** Each editable resource: how to make one, its path, who edits it, and a change. */
  const resources = () => [
    {
      name: 'coffee',
      create: () => call('POST', '/coffees', moderator.token, { name: 'Versioned', roasterId }),
      path: (id: string) => `/coffees/${id}`,
      token: () => moderator.token,
      change: { name: 'Versioned again' },
    },
    {
      name: 'product',
      create: () =>
        call('POST', '/products', admin.token, { name: 'Flat white', price: '250.00', currency: 'RUB' }),
      path: (id: string) => `/products/${id}`,
      token: () => admin.token,
      change: { price: '260.00' },
    },
    {
      name: 'listing',
      create: () =>
        call('POST', '/listings', seller.token, {
          title: 'Grinder',
          price: '90.00',
          currency: 'RUB',
          status: 'active',
        }),
      path: (id: string) => `/listings/${id}`,
      token: () => seller.token,
      change: { price: '80.00' },
    },
    {
      name: 'dictionary value',
      create: () => call('POST', '/dictionaries/farmers', moderator.token, { name: 'Versioned Farmer' }),
      path: (id: string) => `/dictionaries/farmers/${id}`,
      token: () => moderator.token,
      change: { name: 'Renamed Farmer' },
    },
    {
      name: 'category',
      create: () => call('POST', '/categories', admin.token, { name: 'Versioned category' }),
      path: (id: string) => `/categories/${id}`,
      token: () => admin.token,
      change: { position: 3 },
    },
    {
      name: 'shop location',
      create: () =>
        call('POST', '/info/locations', admin.token, {
          name: 'Versioned corner',
          address: 'Tverskaya 1',
          city: 'Moscow',
          countryCode: 'RU',
          latitude: 55.75,
          longitude: 37.61,
          timeZone: 'Europe/Moscow',
          openingHours: HOURS,
        }),
      path: (id: string) => `/info/locations/${id}`,
      token: () => admin.token,
      change: { phone: '+7 495 000-00-00' },
    },
    {
      name: 'review',
      create: async () => {
        const listing = await call('POST', '/listings', seller.token, {
          title: 'Reviewed',
          price: '10.00',
          currency: 'RUB',
          status: 'active',
        });
        return call('POST', `/listings/${listing.body.id as string}/reviews`, buyer.token, {
          rating: 4,
          text: 'Good',
        });
      },
      path: (id: string) => `/reviews/${id}`,
      token: () => buyer.token,
      change: { rating: 5 },
    },
  ];

  it.each(resources().map((resource) => [resource.name, resource] as const))(
    '%s: ETag on read and write, 412 for a stale If-Match, the last writer wins without one',
    async (_name, resource) => {
      const created = await resource.create();
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.etag).toBe('"1"');
      const path = resource.path(created.body.id as string);
      const read = await call('GET', path, resource.token());
      expect(read.etag).toBe('"1"');

      const changed = await call('PATCH', path, resource.token(), resource.change, '"1"');
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.etag).toBe('"2"');
      expect(changed.body.version).toBe(2);

      const stale = await call('PATCH', path, resource.token(), resource.change, '"1"');
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersion: 2 });
      expect(stale.etag).toBe('"2"');
      expect((await call('DELETE', path, resource.token(), undefined, 'W/"1"')).status).toBe(412);

      const unconditional = await call('PATCH', path, resource.token(), resource.change);
      expect(unconditional.status).toBe(200);
      expect(unconditional.body.version).toBe(3);
      expect((await call('DELETE', path, resource.token(), undefined, '"2", "3"')).status).toBe(204);
    },
  );

  it('lets one of 20 parallel PATCHes with the same If-Match win; the others are 412, none lost', async () => {
    const created = await call('POST', '/coffees', moderator.token, { name: 'Contended', roasterId });
    const path = `/coffees/${created.body.id as string}`;
    const answers = await atOnce(
      copies(20, (index) => call('PATCH', path, moderator.token, { name: `Writer ${index}` }, '"1"')),
    );
    expect(tally(answers.map((answer) => answer.status))).toEqual({ 200: 1, 412: 19 });
    const winner = answers.find((answer) => answer.status === 200)!;
    const now = await call('GET', path, undefined);
    expect(now.body).toMatchObject({ name: winner.body.name, version: 2 });

    // Without If-Match every write applies in turn: 20 more versions, the last writer's name stays.
    const unconditional = await atOnce(
      copies(20, (index) => call('PATCH', path, moderator.token, { name: `Later ${index}` })),
    );
    expect(tally(unconditional.map((answer) => answer.status))).toEqual({ 200: 20 });
    expect((await call('GET', path, undefined)).body.version).toBe(22);
  });

  it("checks a user's proposal against the version they read, and refuses a malformed If-Match", async () => {
    const created = await call('POST', '/coffees', moderator.token, { name: 'Proposed on', roasterId });
    const path = `/coffees/${created.body.id as string}`;
    await call('PATCH', path, moderator.token, { name: 'Moved on' });
    const stale = await call('PATCH', path, buyer.token, { name: 'Proposal' }, '"1"');
    expect(stale.status).toBe(412);
    const current = await call('PATCH', path, buyer.token, { name: 'Proposal' }, '"2"');
    expect(current.status).toBe(202);
    const malformed = await call('PATCH', path, moderator.token, { name: 'x' }, 'version-2');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'INVALID_IF_MATCH' });
  });

  it('profile: ETag on read, one of parallel renames with the same If-Match wins, the rest are 412', async () => {
    const read = await call('GET', `/profiles/${buyer.id}`, undefined);
    expect(read.status).toBe(200);
    const version = read.body.version as number;
    expect(read.etag).toBe(`"${version}"`);
    const renames = await atOnce(
      copies(10, (index) =>
        call('PATCH', '/profiles/me', buyer.token, { displayName: `Buyer ${index}` }, `"${version}"`),
      ),
    );
    expect(tally(renames.map((answer) => answer.status))).toEqual({ 200: 1, 412: 9 });
    const winner = renames.find((answer) => answer.status === 200)!;
    expect(winner.etag).toBe(`"${version + 1}"`);
    expect(renames.find((answer) => answer.status === 412)!.body).toMatchObject({
      code: 'PRECONDITION_FAILED',
      currentVersion: version + 1,
    });
    const unconditional = await call('PATCH', '/profiles/me', buyer.token, { displayName: 'Buyer' });
    expect(unconditional.body).toMatchObject({ displayName: 'Buyer', version: version + 2 });
  });
});
