import { eventually, queryRows, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Review {
  id: string;
  version: number;
  verifiedPurchase: boolean;
}

interface Profile {
  sellerRating: number | null;
  sellerReviewsCount: number;
}

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };

/**
 * Verified purchases through `npm start`'s gateway: a buyer's review written before they bought the listing is
 * unverified and does not rate the seller; once their cash-on-delivery order is issued (the seller moves it
 * in_stock → in_transit → with_courier → issued) catalog marks the review a verified purchase, and social's
 * profile of the seller rates them from it. A stranger's review stays visible, flagged, and counts nowhere.
 */
describe('verified purchases through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let sam: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  const until = <T>(what: string, check: () => Promise<T | undefined>) => eventually(check, 20_000, what);
  const profile = async () => (await call<Profile>('GET', `/profiles/${sam.id}`)).body;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'verified', { env: adminEnv(inbox) });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    ann = await users.withRole('vp_ann');
    bob = await users.withRole('vp_bob');
    sam = await users.withRole('vp_sam', 'seller');
    await until('the seller’s profile', async () =>
      (await call('GET', `/profiles/${sam.id}`)).status === 200 ? true : undefined,
    );
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('verifies a buyer’s review once their order is issued, and rates the seller from it alone', async () => {
    const listing = await call<{ id: string }>('POST', '/listings', sam, {
      title: 'Comandante C40',
      price: '3000',
      currency: 'RUB',
      status: 'active',
    });
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    const listingId = listing.body.id;

    // Before buying: both reviews are written and shown, unverified; the seller stays unrated.
    const anns = await call<Review>('POST', `/listings/${listingId}/reviews`, ann, {
      rating: 5,
      text: 'Looks great in the photos',
    });
    expect(anns.status, JSON.stringify(anns.body)).toBe(201);
    expect(anns.body).toMatchObject({ verifiedPurchase: false, version: 1 });
    const bobs = await call<Review>('POST', `/listings/${listingId}/reviews`, bob, {
      rating: 1,
      text: 'Never bought it, do not like it',
    });
    expect(bobs.body).toMatchObject({ verifiedPurchase: false });
    // social has seen both reviews (each is a post of its author) and counts neither.
    await until('the review posts', async () => {
      const posts = await call<{ items: { activity: string | null }[] }>('GET', `/profiles/${bob.id}/posts`);
      return posts.body.items.some((post) => post.activity === 'review') ? true : undefined;
    });
    expect(await profile()).toMatchObject({ sellerRating: null, sellerReviewsCount: 0 });

    // Ann buys it, cash on delivery; the seller moves the order to issued.
    await until('order-service to know the listing', async () =>
      (await queryRows(platform.adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1`, [listingId]))
        .length > 0
        ? true
        : undefined,
    );
    const placed = await call<{ orders: { id: string }[] }>('POST', '/order', ann, {
      address: SHIP_TO,
      paymentMethod: 'cash_on_delivery',
      items: [{ itemId: listingId, kind: 'listing', quantity: 1 }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = placed.body.orders[0].id;
    for (const status of ['in_stock', 'in_transit', 'with_courier', 'issued']) {
      const moved = await until(`the order ${status}`, async () => {
        const answer = await call('POST', `/orders/${orderId}/status`, sam, { status });
        return answer.status === 200 ? answer : undefined;
      });
      expect(moved.status).toBe(200);
    }

    // catalog marks Ann's review a verified purchase (a new version); Bob's stays as it was.
    const verified = await until('Ann’s review verified', async () => {
      const shown = (await call<Review>('GET', `/reviews/${anns.body.id}`)).body;
      return shown.verifiedPurchase ? shown : undefined;
    });
    expect(verified.version).toBe(2);
    expect((await call<Review>('GET', `/reviews/${bobs.body.id}`)).body).toMatchObject({
      verifiedPurchase: false,
      version: 1,
    });
    const listed = await call<{ items: Review[] }>('GET', `/listings/${listingId}/reviews`);
    expect(listed.body.items.map((review) => [review.id, review.verifiedPurchase])).toEqual(
      expect.arrayContaining([
        [anns.body.id, true],
        [bobs.body.id, false],
      ]),
    );

    // The seller's profile is rated from Ann's verified review alone: 5 stars from one review, not 3 from two.
    await until('the seller rated from the verified review', async () => {
      const shown = await profile();
      return shown.sellerRating === 5 && shown.sellerReviewsCount === 1 ? shown : undefined;
    });
    // A change of the verified review moves the rating; Bob's does not.
    const changed = await call<Review>('PATCH', `/reviews/${anns.body.id}`, ann, { rating: 4 });
    expect(changed.body).toMatchObject({ verifiedPurchase: true, rating: 4, version: 3 });
    expect((await call('PATCH', `/reviews/${bobs.body.id}`, bob, { rating: 2 })).status).toBe(200);
    await until('the seller rated 4', async () => {
      const shown = await profile();
      return shown.sellerRating === 4 && shown.sellerReviewsCount === 1 ? shown : undefined;
    });
  });
});
