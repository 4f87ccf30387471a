import type { EventEnvelope, PayloadOf, Topic } from '@agora/contracts';
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
 * Favourites on real PostgreSQL, fed by catalog's listing events on the in-process bus: each event applies
 * once, an older version never overwrites a newer one, a deleted listing stays deleted, and a deletion that
 * meets a crowd of buyers adding the listing leaves no favourite of it behind.
 */
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
  ) =>
    envelope(topic, id, {
      kind: 'listing',
      itemId: id,
      name,
      version,
      changedBy: uuidv7(),
      changedAt: new Date().toISOString(),
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
      await queryRows<{ title: string; version: number; deleted: boolean }>(
        adminUrl,
        `SELECT title, version, deleted FROM orders.listing_refs WHERE listing_id = $1`,
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
    expect(await listingRow(id)).toEqual({ title: 'Grinder v3', version: 3, deleted: false });
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS count FROM orders.inbox WHERE event_id = $1`, [
        created.id,
      ]),
    ).toEqual([{ count: 1 }]);

    expect((await order.call('PUT', `/me/favourites/${id}`, { token: tokens[0] })).status).toBe(204);
    await platform.bus.publish([deletion(id)]);
    await eventually(async () => ((await favouritesOf(id)) === 0 ? true : undefined), 10_000, 'the deletion');
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
