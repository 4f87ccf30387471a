import type { EventEnvelope, OfferStatus, PayloadOf, Topic } from '@agora/contracts';
import {
  atOnce,
  AuthTestClient,
  copies,
  eventually,
  provisionAllServices,
  queryRows,
  startServicesInProcess,
  startSmtpInbox,
  tally,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { orderServiceDefinition } from '../src/order-service.definition.js';

/**
 * Favourites on real PostgreSQL, reading listings from the offers read model fed by catalog's listing events on
 * the in-process bus: only a published listing (active or sold) can be added, a deleted listing stays deleted
 * and leaves every favourites list, and a deletion that meets a crowd of buyers adding the listing leaves no
 * favourite of it behind.
 */
const SELLER = uuidv7();

describe('order-service favourites', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: InProcessServices;
  let inbox: SmtpInbox;
  let auth: AuthTestClient;
  let order: AuthTestClient;
  const tokens: string[] = [];
  const ids: string[] = [];

  const envelope = <T extends Topic>(topic: T, key: string, payload: PayloadOf<T>): EventEnvelope => ({
    id: uuidv7(),
    topic,
    key,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const listingEvent = (
    topic: 'catalog.item.created.v1' | 'catalog.item.updated.v1',
    id: string,
    name: string,
    version: number,
    status: OfferStatus = 'active',
  ) =>
    envelope(topic, id, {
      kind: 'listing',
      itemId: id,
      name,
      version,
      changedBy: uuidv7(),
      changedAt: new Date().toISOString(),
      offer: { sellerId: SELLER, status, price: '25.00', currency: 'EUR', stock: status === 'sold' ? 0 : 1 },
    });
  const deletion = (id: string) =>
    envelope('catalog.item.deleted.v1', id, {
      kind: 'listing',
      itemId: id,
      deletedBy: uuidv7(),
      deletedAt: new Date().toISOString(),
    });
  const listingRow = async (id: string) =>
    (
      await queryRows<{ title: string; status: OfferStatus; version: number; deleted: boolean }>(
        adminUrl,
        `SELECT title, status, version, deleted FROM orders.offers WHERE item_id = $1 AND kind = 'listing'`,
        [id],
      )
    )[0];
  const favouritesOf = async (id: string) =>
    (
      await queryRows<{ count: number }>(
        adminUrl,
        `SELECT count(*)::int AS count FROM orders.favourites WHERE listing_id = $1`,
        [id],
      )
    )[0].count;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition, orderServiceDefinition], {
      SMTP_URL: inbox.url,
    });
    auth = new AuthTestClient(platform.services.auth.url, inbox);
    order = new AuthTestClient(platform.services.order.url, inbox);
    for (let index = 0; index < 8; index += 1) {
      const account = await auth.signedIn(`fav_m${index}_${process.pid}`);
      tokens.push(account.accessToken);
      ids.push(account.id);
    }
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('applies each listing event once, keeps the newest version, and never revives a deleted listing', async () => {
    const id = uuidv7();
    const created = listingEvent('catalog.item.created.v1', id, 'Grinder', 1);
    await platform.bus.publish([created, created]);
    await eventually(async () => ((await listingRow(id)) ? true : undefined), 10_000, 'the listing');
    await platform.bus.publish([listingEvent('catalog.item.updated.v1', id, 'Grinder v3', 3)]);
    await platform.bus.publish([listingEvent('catalog.item.updated.v1', id, 'Grinder v2', 2)]);
    await eventually(
      async () => ((await listingRow(id))?.version === 3 ? true : undefined),
      10_000,
      'the newest version',
    );
    expect(await listingRow(id)).toEqual({
      title: 'Grinder v3',
      status: 'active',
      version: 3,
      deleted: false,
    });
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS count FROM orders.inbox WHERE event_id = $1`, [
        created.id,
      ]),
    ).toEqual([{ count: 1 }]);

    expect((await order.call('PUT', `/me/favourites/${id}`, { token: tokens[0] })).status).toBe(204);
    const listed = await order.call<{ items: { listingId: string; title: string }[] }>(
      'GET',
      '/me/favourites',
      {
        token: tokens[0],
      },
    );
    expect(listed.body.items).toContainEqual(expect.objectContaining({ listingId: id, title: 'Grinder v3' }));
    // One favourite by its listing: the buyer's own, a 404 for another buyer.
    expect(await order.call('GET', `/me/favourites/${id}`, { token: tokens[0] })).toMatchObject({
      status: 200,
      body: { listingId: id, title: 'Grinder v3' },
    });
    expect(await order.call('GET', `/me/favourites/${id}`, { token: tokens[1] })).toMatchObject({
      status: 404,
      body: { code: 'FAVOURITE_NOT_FOUND' },
    });
    expect((await order.call('GET', '/me/favourites/not-a-uuid', { token: tokens[0] })).status).toBe(400);
    await platform.bus.publish([deletion(id)]);
    await eventually(async () => ((await favouritesOf(id)) === 0 ? true : undefined), 10_000, 'the deletion');
    const after = await order.call<{ items: { listingId: string }[] }>('GET', '/me/favourites', {
      token: tokens[0],
    });
    expect(after.body.items.map((item) => item.listingId)).not.toContain(id);
    expect((await order.call('GET', `/me/favourites/${id}`, { token: tokens[0] })).status).toBe(404);
    await platform.bus.publish([listingEvent('catalog.item.updated.v1', id, 'Back again', 4)]);
    // A later change than the deletion (as a replay would bring) leaves the tombstone as it is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await listingRow(id)).toMatchObject({ deleted: true, version: 3 });
    expect(
      (await order.call<{ code: string }>('PUT', `/me/favourites/${id}`, { token: tokens[0] })).body,
    ).toMatchObject({
      code: 'LISTING_NOT_FOUND',
    });
  });

  it('adds a sold listing and keeps it, but answers 404 for a draft, a product or an unknown item', async () => {
    const sold = uuidv7();
    const draft = uuidv7();
    const product = uuidv7();
    await platform.bus.publish([
      listingEvent('catalog.item.created.v1', sold, 'Sold grinder', 1, 'sold'),
      listingEvent('catalog.item.created.v1', draft, 'Draft grinder', 1, 'inactive'),
      {
        ...listingEvent('catalog.item.created.v1', product, 'Espresso', 1),
        payload: {
          ...listingEvent('catalog.item.created.v1', product, 'Espresso', 1).payload,
          kind: 'product',
        },
      },
    ]);
    for (const id of [sold, draft]) {
      await eventually(async () => ((await listingRow(id)) ? true : undefined), 10_000, 'the listing');
    }
    await eventually(
      async () =>
        (await queryRows(adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1`, [product])).length > 0
          ? true
          : undefined,
      10_000,
      'the product',
    );
    expect((await order.call('PUT', `/me/favourites/${sold}`, { token: tokens[1] })).status).toBe(204);
    for (const id of [draft, product, uuidv7()]) {
      const answer = await order.call<{ code: string }>('PUT', `/me/favourites/${id}`, { token: tokens[1] });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'LISTING_NOT_FOUND' });
    }
    const listed = await order.call<{ items: { listingId: string; title: string }[] }>(
      'GET',
      '/me/favourites',
      {
        token: tokens[1],
      },
    );
    expect(listed.body.items).toEqual([expect.objectContaining({ listingId: sold, title: 'Sold grinder' })]);
  });

  it('leaves no favourite of a listing whose deletion meets a crowd of buyers adding it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = uuidv7();
      await platform.bus.publish([listingEvent('catalog.item.created.v1', id, `Race ${round}`, 1)]);
      await eventually(async () => ((await listingRow(id)) ? true : undefined), 10_000, 'the listing');
      const answers = await atOnce([
        ...copies(tokens.length, (index) =>
          order.call('PUT', `/me/favourites/${id}`, { token: tokens[index] }).then((answer) => answer.status),
        ),
        () => platform.bus.publish([deletion(id)]).then(() => 0),
      ]);
      const statuses = tally(answers.filter((status) => status !== 0));
      expect(Object.keys(statuses).every((status) => status === '204' || status === '404')).toBe(true);
      await eventually(
        async () => ((await listingRow(id))?.deleted ? true : undefined),
        10_000,
        'the deletion to apply',
      );
      expect(await favouritesOf(id)).toBe(0);
    }
  });

  it("drops a deleted account's favourites", async () => {
    const id = uuidv7();
    await platform.bus.publish([listingEvent('catalog.item.created.v1', id, 'Kept by two', 1)]);
    await eventually(async () => ((await listingRow(id)) ? true : undefined), 10_000, 'the listing');
    for (const token of tokens.slice(-2)) {
      expect((await order.call('PUT', `/me/favourites/${id}`, { token })).status).toBe(204);
    }
    await platform.bus.publish([
      envelope('auth.user.deleted.v1', ids.at(-1)!, {
        userId: ids.at(-1)!,
        reason: 'deleted-by-user',
        deletedAt: new Date().toISOString(),
      }),
    ]);
    await eventually(
      async () => ((await favouritesOf(id)) === 1 ? true : undefined),
      10_000,
      'the account deletion',
    );
  });
});
