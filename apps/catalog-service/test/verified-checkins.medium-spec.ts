import type { OrderLineV1 } from '@agora/contracts';
import { newId } from '@agora/database';
import { atOnce, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aggregateOf, weightOf } from '../src/checkins/rating.js';
import { StockService } from '../src/stock/stock.service.js';
import { envelope, orderLine, orderMoved, orderPlaced } from './order-events.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Checkin {
  id: string;
  version: number;
  verifiedPurchase: boolean;
  verifiedPhoto: boolean;
  weight: number;
  item: { rating: { count: number } };
}

type Account = { id: string; accessToken: string };

/**
 * Verified check-ins on real PostgreSQL: a check-in whose photo's decoded barcode (from media-service's upload
 * event) is its coffee's is `verifiedPhoto`, judged again when its photos change; a check-in by a buyer of a
 * menu product or listing that sells the coffee is `verifiedPurchase` once the order is issued (and no longer
 * after a refund). Each proof adds 1 to the rating's weight, and the item's aggregate follows in the same
 * transaction, also when the purchase and the check-in race.
 */
describe('catalog-service verified check-ins', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let roaster: string;
  let seller: string;

  /** media-service's word that the user uploaded an image in which it decoded these barcodes. */
  const uploaded = async (ownerId: string, barcodes?: string[]): Promise<string> => {
    const mediaId = newId();
    await platform.deliver(
      envelope('media.media.uploaded.v1', mediaId, {
        mediaId,
        ownerId,
        width: 900,
        height: 700,
        blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
        variants: [],
        uploadedAt: new Date().toISOString(),
        ...(barcodes ? { barcodes } : {}),
      }),
    );
    return mediaId;
  };
  const coffee = async (barcode: string | null): Promise<string> => {
    const created = await platform.catalog.call<{ id: string }>('POST', '/coffees', {
      body: { name: `Pack ${newId().slice(-8)}`, roasterId: roaster, ...(barcode ? { barcode } : {}) },
      token: platform.moderator,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };
  const checkIn = async (user: Account, coffeeId: string, body: Record<string, unknown>) => {
    const written = await platform.catalog.call<Checkin>('POST', `/coffees/${coffeeId}/checkins`, {
      body,
      token: user.accessToken,
    });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    return written.body;
  };
  const checkinNow = async (id: string) =>
    (await platform.catalog.call<Checkin>('GET', `/checkins/${id}`)).body;
  /** The coffee's aggregate columns, and the same recomputed from each author's latest check-in. */
  const aggregates = async (coffeeId: string) => {
    const [row] = await queryRows<{ count: number; sum: number; weight: number; weighted: number }>(
      adminUrl,
      `SELECT rating_count AS count, rating_sum AS sum, rating_weight AS weight, rating_weighted_sum AS weighted
         FROM catalog.coffees WHERE id = $1`,
      [coffeeId],
    );
    const latest = await queryRows<{ rating: number; purchase: boolean; photo: boolean }>(
      adminUrl,
      `SELECT DISTINCT ON (author_id) rating_quarters AS rating, verified_purchase AS purchase,
              verified_photo AS photo
         FROM catalog.checkins WHERE coffee_id = $1 ORDER BY author_id, created_at DESC, id DESC`,
      [coffeeId],
    );
    const expected = aggregateOf(
      latest.map(({ rating, purchase, photo }) => ({ quarters: rating, weight: weightOf(purchase, photo) })),
    );
    return {
      kept: row,
      recomputed: {
        count: expected.count,
        sum: expected.sumQuarters,
        weight: expected.weight,
        weighted: expected.weightedQuarters,
      },
    };
  };

  const line = (kind: 'product' | 'listing', itemId: string) => orderLine(kind, itemId);
  const placed = (buyerId: string, lines: OrderLineV1[], orderId = newId()) =>
    orderPlaced(buyerId, lines, { orderId });
  const moved = orderMoved;
  /** The order placed and moved up to just before issue; returns the `issued` event, not yet delivered. */
  const almostIssued = async (buyerId: string, lines: OrderLineV1[]) => {
    const order = placed(buyerId, lines);
    await platform.deliver(order);
    await platform.deliver(
      moved(buyerId, order.key, 'created', 'in_stock', 2),
      moved(buyerId, order.key, 'in_stock', 'in_transit', 3),
      moved(buyerId, order.key, 'in_transit', 'with_courier', 4),
    );
    return { orderId: order.key, issued: moved(buyerId, order.key, 'with_courier', 'issued', 5) };
  };
  const productSelling = async (coffeeId: string): Promise<string> => {
    const created = await platform.catalog.call<{ id: string; coffeeId: string | null }>(
      'POST',
      '/products',
      {
        body: { name: `Beans ${newId().slice(-6)}`, price: '100.00', currency: 'RUB', stock: 100, coffeeId },
        token: platform.admin,
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.coffeeId).toBe(coffeeId);
    return created.body.id;
  };

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'verify');
    roaster = await platform.dictionaryValue('roasters', 'Verified Roasters');
    const account = await platform.signedUp('seller');
    await platform.auth.call('PUT', `/users/${account.id}/role`, {
      body: { role: 'seller' },
      token: platform.admin,
    });
    seller = (
      await platform.auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'verify_seller', password: 'correct horse battery' },
      })
    ).body.accessToken;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('verifies a check-in whose photo shows the coffee’s barcode, not one with another code or none', async () => {
    const coffeeId = await coffee('4609876543213');
    const [ann, bob, cid, dan] = await Promise.all(
      ['ann', 'bob', 'cid', 'dan'].map((l) => platform.signedUp(l)),
    );
    const pack = await uploaded(ann.id, ['4609876543213']);
    const otherPack = await uploaded(bob.id, ['5901234123457']);
    const cup = await uploaded(cid.id, []);
    const old = await uploaded(dan.id); // an event from before decoding: no codes

    const verified = await checkIn(ann, coffeeId, { rating: 4, photoIds: [pack] });
    expect(verified).toMatchObject({ verifiedPhoto: true, verifiedPurchase: false, weight: 2 });
    for (const [user, photo] of [
      [bob, otherPack],
      [cid, cup],
      [dan, old],
    ] as const) {
      expect(await checkIn(user, coffeeId, { rating: 2, photoIds: [photo] })).toMatchObject({
        verifiedPhoto: false,
        weight: 1,
      });
    }
    // 4 ★ weighs 2, three 2 ★ weigh 1 each: (2·16 + 3·8) / 5 quarters.
    const { kept, recomputed } = await aggregates(coffeeId);
    expect(kept).toEqual({ count: 4, sum: 40, weight: 5, weighted: 56 });
    expect(kept).toEqual(recomputed);
  });

  it('matches a UPC-A coffee with the EAN-13 spelling decoded from the pack, and never verifies a watch-less code', async () => {
    const coffeeId = await coffee('036000291452');
    const eve = await platform.signedUp('eve');
    const pack = await uploaded(eve.id, ['0036000291452']);
    expect(await checkIn(eve, coffeeId, { rating: 5, photoIds: [pack] })).toMatchObject({
      verifiedPhoto: true,
    });
    // A coffee without a barcode has nothing a photo could show.
    const bare = await coffee(null);
    expect(await checkIn(eve, bare, { rating: 5, photoIds: [pack] })).toMatchObject({ verifiedPhoto: false });
  });

  it('judges the photos again when they are edited, re-weighing the counted rating', async () => {
    const coffeeId = await coffee('96385074');
    const fay = await platform.signedUp('fay');
    const pack = await uploaded(fay.id, ['96385074']);
    const cup = await uploaded(fay.id, []);
    const written = await checkIn(fay, coffeeId, { rating: 3, photoIds: [cup] });
    expect(written.verifiedPhoto).toBe(false);

    const edit = (photoIds: string[], version: number) =>
      platform.catalog.call<Checkin>('PATCH', `/checkins/${written.id}`, {
        body: { photoIds },
        token: fay.accessToken,
        headers: { 'if-match': `"${version}"` },
      });
    const added = await edit([cup, pack], 1);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ verifiedPhoto: true, weight: 2, version: 2 });
    expect((await aggregates(coffeeId)).kept).toEqual({ count: 1, sum: 12, weight: 2, weighted: 24 });
    const removed = await edit([cup], 2);
    expect(removed.body).toMatchObject({ verifiedPhoto: false, weight: 1 });
    expect((await aggregates(coffeeId)).kept).toEqual({ count: 1, sum: 12, weight: 1, weighted: 12 });
    // An edit that leaves the photos alone keeps the verdict.
    await edit([pack], 3);
    const text = await platform.catalog.call<Checkin>('PATCH', `/checkins/${written.id}`, {
      body: { text: 'Bergamot, then cocoa' },
      token: fay.accessToken,
    });
    expect(text.body).toMatchObject({ verifiedPhoto: true, weight: 2 });
  });

  it('links a product or listing to an existing coffee only (400 otherwise), kept by PATCH and cleared by PUT', async () => {
    const coffeeId = await coffee(null);
    const unknown = await platform.catalog.call<{ code: string }>('POST', '/products', {
      body: { name: 'Ghost beans', price: '1.00', currency: 'RUB', coffeeId: newId() },
      token: platform.admin,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_SOLD_ITEM');
    const both = await platform.catalog.call<{ code: string }>('POST', '/listings', {
      body: { title: 'Beans and a watch', price: '5', currency: 'RUB', coffeeId, watchId: newId() },
      token: seller,
    });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    const bad = await platform.catalog.call<{ code: string }>('POST', '/listings', {
      body: { title: 'Beans', price: '5', currency: 'RUB', watchId: 'not-a-uuid' },
      token: seller,
    });
    expect(bad.status).toBe(400);

    const listing = await platform.catalog.call<{ id: string; coffeeId: string | null; version: number }>(
      'POST',
      '/listings',
      { body: { title: 'A kilo of beans', price: '5', currency: 'RUB', coffeeId }, token: seller },
    );
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    expect(listing.body.coffeeId).toBe(coffeeId);
    const patched = await platform.catalog.call<{ coffeeId: string | null }>(
      'PATCH',
      `/listings/${listing.body.id}`,
      { body: { price: '6' }, token: seller },
    );
    expect(patched.body.coffeeId).toBe(coffeeId);
    const put = await platform.catalog.call<{ coffeeId: string | null }>(
      'PUT',
      `/listings/${listing.body.id}`,
      {
        body: { title: 'A kilo of beans', price: '6', currency: 'RUB', status: 'draft' },
        token: seller,
      },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.coffeeId).toBeNull();
  });

  it('makes the buyer’s check-ins on a coffee verified purchases when an order of a product selling it is issued, and takes it back on refund', async () => {
    const coffeeId = await coffee(null);
    const beans = await productSelling(coffeeId);
    const [gus, hal] = await Promise.all([platform.signedUp('gus'), platform.signedUp('hal')]);
    const older = await checkIn(gus, coffeeId, { rating: 2 });
    const latest = await checkIn(gus, coffeeId, { rating: 5 });
    await checkIn(hal, coffeeId, { rating: 1 });
    expect((await aggregates(coffeeId)).kept).toEqual({ count: 2, sum: 24, weight: 2, weighted: 24 });

    const { orderId, issued } = await almostIssued(gus.id, [line('product', beans)]);
    await platform.deliver(issued, issued);
    expect(
      await queryRows(adminUrl, `SELECT kind FROM catalog.purchases WHERE order_id = $1 ORDER BY kind`, [
        orderId,
      ]),
    ).toEqual([{ kind: 'coffee' }, { kind: 'product' }]);
    // Both of gus's check-ins say so; only the counted one weighs in the aggregate (5 ★ now weighs 2).
    expect(await checkinNow(older.id)).toMatchObject({ verifiedPurchase: true, version: 1 });
    expect(await checkinNow(latest.id)).toMatchObject({ verifiedPurchase: true, weight: 2, version: 1 });
    let { kept, recomputed } = await aggregates(coffeeId);
    expect(kept).toEqual({ count: 2, sum: 24, weight: 3, weighted: 2 * 20 + 4 });
    expect(kept).toEqual(recomputed);
    // A new check-in by the buyer is written verified.
    expect(await checkIn(gus, coffeeId, { rating: 4 })).toMatchObject({ verifiedPurchase: true, weight: 2 });

    await platform.deliver(moved(gus.id, orderId, 'issued', 'refunded', 6));
    expect(await checkinNow(latest.id)).toMatchObject({ verifiedPurchase: false });
    ({ kept, recomputed } = await aggregates(coffeeId));
    expect(kept).toEqual(recomputed);
    expect(kept.weight).toBe(2);
  });

  it('verifies through a listing selling the coffee too', async () => {
    const coffeeId = await coffee(null);
    const listing = await platform.catalog.call<{ id: string }>('POST', '/listings', {
      body: { title: 'Sealed pack', price: '9', currency: 'RUB', status: 'active', coffeeId },
      token: seller,
    });
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    const ivy = await platform.signedUp('ivy');
    const written = await checkIn(ivy, coffeeId, { rating: 3 });
    const { issued } = await almostIssued(ivy.id, [line('listing', listing.body.id)]);
    await platform.deliver(issued);
    expect(await checkinNow(written.id)).toMatchObject({ verifiedPurchase: true, weight: 2 });
  });

  it('verifies a wrist check by the buyer of a product selling the watch, never by a photo', async () => {
    const brand = await platform.dictionaryValue('brands', `Brand ${newId().slice(-6)}`);
    const watch = await platform.catalog.call<{ id: string }>('POST', '/watches', {
      body: { name: 'Vostok Amphibia', folder: `amphibia-${newId().slice(-8)}`, brandId: brand },
      token: platform.moderator,
    });
    expect(watch.status, JSON.stringify(watch.body)).toBe(201);
    const strap = await platform.catalog.call<{ id: string; watchId: string | null }>('POST', '/products', {
      body: { name: 'Amphibia, new old stock', price: '9000.00', currency: 'RUB', watchId: watch.body.id },
      token: platform.admin,
    });
    expect(strap.status, JSON.stringify(strap.body)).toBe(201);
    expect(strap.body.watchId).toBe(watch.body.id);
    const jon = await platform.signedUp('jon');
    // A photo with a barcode in it: a watch has none to match.
    const photo = await uploaded(jon.id, ['4609876543213']);
    const wristCheck = await platform.catalog.call<Checkin>('POST', `/watches/${watch.body.id}/checkins`, {
      body: { rating: 4.5, photoIds: [photo] },
      token: jon.accessToken,
    });
    expect(wristCheck.status, JSON.stringify(wristCheck.body)).toBe(201);
    expect(wristCheck.body).toMatchObject({ verifiedPhoto: false, verifiedPurchase: false, weight: 1 });
    const { issued } = await almostIssued(jon.id, [line('product', strap.body.id)]);
    await platform.deliver(issued);
    expect(await checkinNow(wristCheck.body.id)).toMatchObject({ verifiedPurchase: true, weight: 2 });
    const [row] = await queryRows<{ weight: number; weighted: number }>(
      adminUrl,
      `SELECT rating_weight AS weight, rating_weighted_sum AS weighted FROM catalog.watches WHERE id = $1`,
      [watch.body.id],
    );
    expect(row).toEqual({ weight: 2, weighted: 36 });
  });

  it('ends verified and consistent whichever of a check-in and the issue of its coffee’s product commits first', async () => {
    const stock = platform.catalogApp.get(StockService);
    // Each round is about a new coffee (and a new product selling it): the same two users do.
    const [buyer, other] = [await platform.signedUp('racer'), await platform.signedUp('bystander')];
    for (let round = 0; round < 5; round += 1) {
      const coffeeId = await coffee(null);
      const beans = await productSelling(coffeeId);
      const pack = await uploaded(buyer.id, []);
      await checkIn(other, coffeeId, { rating: 1 });
      const { issued } = await almostIssued(buyer.id, [line('product', beans)]);
      let written: Checkin | undefined;
      await atOnce([
        () => stock.onOrderStatusChanged(issued),
        async () => {
          written = await checkIn(buyer, coffeeId, { rating: 5, photoIds: [pack] });
        },
        async () => {
          await checkIn(other, coffeeId, { rating: 3 });
        },
      ]);
      expect(await checkinNow(written!.id)).toMatchObject({ verifiedPurchase: true, weight: 2 });
      const { kept, recomputed } = await aggregates(coffeeId);
      expect(kept).toEqual(recomputed);
      expect(kept).toEqual({ count: 2, sum: 32, weight: 3, weighted: 2 * 20 + 12 });
    }
  });
});
