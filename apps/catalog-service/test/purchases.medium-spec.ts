import type { OrderLineV1 } from '@agora/contracts';
import { newId } from '@agora/database';
import { atOnce, copies, queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aggregateOf, weightOf } from '../src/checkins/rating.js';
import { StockService } from '../src/stock/stock.service.js';
import { orderLine, orderMoved, orderPlaced } from './order-events.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

interface Review {
  id: string;
  version: number;
  verifiedPurchase: boolean;
}

interface Checkin {
  id: string;
  verifiedPurchase: boolean;
  item: { rating: { count: number; average: number | null } };
}

/**
 * Purchases in catalog-service: an order that becomes `issued` makes its buyer a buyer of each of its items,
 * once however often the event comes; a refund after issue takes it back. A review of a bought listing is a
 * verified purchase (when written, or as a new version when the purchase comes later or is refunded), and a
 * check-in by a buyer of the item weighs 2 in the item's rating.
 */
describe('catalog-service purchases', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let seller: string;

  const line = orderLine;
  const placed = (buyerId: string, lines: OrderLineV1[], orderId = newId()) =>
    orderPlaced(buyerId, lines, { orderId });
  const moved = orderMoved;
  /** The order placed and moved by its seller up to issued (cash on delivery). */
  const issue = async (buyerId: string, lines: OrderLineV1[]) => {
    const order = placed(buyerId, lines);
    await platform.deliver(order);
    await platform.deliver(
      moved(buyerId, order.key, 'created', 'in_stock', 2),
      moved(buyerId, order.key, 'in_stock', 'in_transit', 3),
      moved(buyerId, order.key, 'in_transit', 'with_courier', 4),
    );
    const issued = moved(buyerId, order.key, 'with_courier', 'issued', 5);
    await platform.deliver(issued);
    return { order, issued };
  };

  const purchases = (buyerId: string, itemId: string) =>
    queryRows<{ orderId: string; kind: string }>(
      adminUrl,
      `SELECT order_id::text AS "orderId", kind FROM catalog.purchases WHERE buyer_id = $1 AND item_id = $2
        ORDER BY order_id`,
      [buyerId, itemId],
    );
  const createListing = async (): Promise<string> => {
    const created = await platform.catalog.call<{ id: string }>('POST', '/listings', {
      body: { title: `Grinder ${newId().slice(-6)}`, price: '500', currency: 'RUB', status: 'active' },
      token: seller,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };
  const createProduct = async (): Promise<string> => {
    const created = await platform.catalog.call<{ id: string }>('POST', '/products', {
      body: { name: `Beans ${newId().slice(-6)}`, price: '100.00', currency: 'RUB', stock: 100 },
      token: platform.admin,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };
  const review = (token: string, listingId: string, rating = 4) =>
    platform.catalog.call<Review>('POST', `/listings/${listingId}/reviews`, {
      body: { rating, text: 'Works as described' },
      token,
    });
  const reviewNow = async (id: string) => (await platform.catalog.call<Review>('GET', `/reviews/${id}`)).body;
  const reviewEvents = async (id: string) =>
    (await platform.events(id)).filter((event) => event.topic === 'catalog.review.saved.v1');

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'bought');
    const account = await platform.signedUp('seller');
    await platform.auth.call('PUT', `/users/${account.id}/role`, {
      body: { role: 'seller' },
      token: platform.admin,
    });
    seller = (
      await platform.auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'bought_seller', password: 'correct horse battery' },
      })
    ).body.accessToken;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('records an issued order’s items once however often its events come, and verifies the buyer’s earlier review', async () => {
    const buyer = await platform.signedUp('ann');
    const listingId = await createListing();
    const written = await review(buyer.accessToken, listingId, 5);
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body).toMatchObject({ verifiedPurchase: false, version: 1 });
    expect((await reviewEvents(written.body.id)).map((event) => event.payload.verifiedPurchase)).toEqual([
      false,
    ]);

    const { order, issued } = await issue(buyer.id, [line('listing', listingId)]);
    // The same event redelivered, at once and later, and the same move told again under another event id.
    await atOnce(copies(5, () => platform.catalogApp.get(StockService).onOrderStatusChanged(issued)));
    await platform.deliver(issued, moved(buyer.id, order.key, 'with_courier', 'issued', 5));

    expect(await purchases(buyer.id, listingId)).toEqual([{ orderId: order.key, kind: 'listing' }]);
    expect(await reviewNow(written.body.id)).toMatchObject({ verifiedPurchase: true, version: 2 });
    const events = await reviewEvents(written.body.id);
    expect(events.map((event) => [event.payload.version, event.payload.verifiedPurchase])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('writes a review of a bought listing verified, and takes the purchase back when the issued order is refunded', async () => {
    const buyer = await platform.signedUp('bob');
    const other = await platform.signedUp('cid');
    const listingId = await createListing();
    const { order } = await issue(buyer.id, [line('listing', listingId)]);

    const mine = await review(buyer.accessToken, listingId, 4);
    expect(mine.body).toMatchObject({ verifiedPurchase: true, version: 1 });
    const theirs = await review(other.accessToken, listingId, 1);
    expect(theirs.body).toMatchObject({ verifiedPurchase: false });

    const refund = moved(buyer.id, order.key, 'issued', 'refunded', 6);
    await platform.deliver(refund, refund);
    expect(await purchases(buyer.id, listingId)).toEqual([]);
    expect(await reviewNow(mine.body.id)).toMatchObject({ verifiedPurchase: false, version: 2 });
    expect(await reviewNow(theirs.body.id)).toMatchObject({ verifiedPurchase: false, version: 1 });
    expect(
      (await reviewEvents(mine.body.id)).map((event) => [
        event.payload.version,
        event.payload.verifiedPurchase,
      ]),
    ).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('keeps a product bought while another issued order of it stands, and records an order issued before catalog saw it', async () => {
    const buyer = await platform.signedUp('dan');
    const beans = await createProduct();
    const first = await issue(buyer.id, [line('product', beans, 2)]);
    const second = await issue(buyer.id, [line('product', beans)]);
    expect(await purchases(buyer.id, beans)).toHaveLength(2);
    await platform.deliver(moved(buyer.id, first.order.key, 'issued', 'refunded', 6));
    expect(await purchases(buyer.id, beans)).toEqual([{ orderId: second.order.key, kind: 'product' }]);

    // The status topic and the order topic are not ordered with each other: issued first, then the order.
    const orderId = newId();
    await platform.deliver(moved(buyer.id, orderId, 'with_courier', 'issued', 5));
    expect(await purchases(buyer.id, beans)).toHaveLength(1);
    await platform.deliver(placed(buyer.id, [line('product', beans)], orderId));
    expect((await purchases(buyer.id, beans)).map((row) => row.orderId)).toContain(orderId);
    // An order catalog rejected was never held: issuing it buys nothing.
    const rejected = placed(buyer.id, [line('product', newId())]);
    await platform.deliver(rejected, moved(buyer.id, rejected.key, 'with_courier', 'issued', 5));
    expect(
      await queryRows(adminUrl, `SELECT 1 FROM catalog.purchases WHERE order_id = $1`, [rejected.key]),
    ).toEqual([]);
  });

  it('ends verified whichever of a review and its listing’s issue commits first, when they race', async () => {
    const stock = platform.catalogApp.get(StockService);
    for (let round = 0; round < 5; round += 1) {
      const buyer = await platform.signedUp(`race${round}`);
      const listingId = await createListing();
      // A card order: the listing is sold once paid (reviewable), bought once issued.
      const order = placed(buyer.id, [line('listing', listingId)]);
      await platform.deliver(order, moved(buyer.id, order.key, 'created', 'paid', 2));
      const issued = moved(buyer.id, order.key, 'with_courier', 'issued', 5);
      let reviewId = '';
      await atOnce([
        () => stock.onOrderStatusChanged(issued),
        async () => {
          const written = await review(buyer.accessToken, listingId);
          expect(written.status, JSON.stringify(written.body)).toBe(201);
          reviewId = written.body.id;
        },
      ]);
      expect(await reviewNow(reviewId)).toMatchObject({ verifiedPurchase: true });
    }
  });

  it('weighs a buyer’s check-in 2 in the item’s rating, and keeps the aggregate equal to a recomputation under races', async () => {
    const coffee = await platform.catalog.call<{ id: string }>('POST', '/coffees', {
      body: {
        name: `Kenya ${newId().slice(-6)}`,
        roasterId: await platform.dictionaryValue('roasters', `Roaster ${newId().slice(-6)}`, 'KE'),
      },
      token: platform.moderator,
    });
    expect(coffee.status, JSON.stringify(coffee.body)).toBe(201);
    const coffeeId = coffee.body.id;
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, index) => platform.signedUp(`taster${index}`)),
    );
    // No menu item names a coffee yet, so a purchase of the coffee itself is written as an issued order would.
    const buyers = users.slice(0, 3);
    for (const buyer of buyers) {
      await queryRows(
        adminUrl,
        `INSERT INTO catalog.purchases (buyer_id, item_id, order_id, kind) VALUES ($1, $2, $3, 'product')`,
        [buyer.id, coffeeId, newId()],
      );
    }

    const checkIn = (token: string, rating: number) =>
      platform.catalog.call<Checkin>('POST', `/coffees/${coffeeId}/checkins`, { body: { rating }, token });
    const verified = await checkIn(buyers[0].accessToken, 5);
    expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    expect(verified.body.verifiedPurchase).toBe(true);
    const plain = await checkIn(users[3].accessToken, 2);
    expect(plain.body.verifiedPurchase).toBe(false);
    // The columns hold Σ 28 quarters of 2 users and Σ weight × quarters 2·20 + 1·8 over weight 3 (4 stars).
    const [row] = await queryRows<{ weight: number; weighted: number; count: number; sum: number }>(
      adminUrl,
      `SELECT rating_count AS count, rating_sum AS sum, rating_weight AS weight, rating_weighted_sum AS weighted
         FROM catalog.coffees WHERE id = $1`,
      [coffeeId],
    );
    expect(row).toEqual({ count: 2, sum: 28, weight: 3, weighted: 2 * 20 + 8 });

    // Every user checks in, edits and deletes at once: the aggregate ends as a recomputation gives it.
    await atOnce(
      users.flatMap((user, index) => [
        () => checkIn(user.accessToken, 1 + (index % 4)),
        () => checkIn(user.accessToken, 0.25 * (index + 1)),
      ]),
    );
    const latest = await queryRows<{ rating: number; verified: boolean }>(
      adminUrl,
      `SELECT DISTINCT ON (author_id) rating_quarters AS rating, verified_purchase AS verified
         FROM catalog.checkins WHERE coffee_id = $1 ORDER BY author_id, created_at DESC, id DESC`,
      [coffeeId],
    );
    const expected = aggregateOf(
      latest.map(({ rating, verified }) => ({ quarters: rating, weight: weightOf(verified) })),
    );
    const [kept] = await queryRows<{
      count: number;
      sum: number;
      weight: number;
      weighted: number;
      distribution: number[];
    }>(
      adminUrl,
      `SELECT rating_count AS count, rating_sum AS sum, rating_weight AS weight, rating_weighted_sum AS weighted,
              rating_distribution AS distribution
         FROM catalog.coffees WHERE id = $1`,
      [coffeeId],
    );
    expect(kept).toEqual({
      count: expected.count,
      sum: expected.sumQuarters,
      weight: expected.weight,
      weighted: expected.weightedQuarters,
      distribution: expected.distribution,
    });
    expect(expected).toMatchObject({ count: 6, weight: 9 });
  });
});
