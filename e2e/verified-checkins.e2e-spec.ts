import {
  eventually,
  packPhoto,
  queryRows,
  startSmtpInbox,
  uploadImage,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Checkin {
  id: string;
  verifiedPhoto: boolean;
  verifiedPurchase: boolean;
  weight: number;
  item: { rating: { count: number; average: number | null } };
}

const SHIP_TO = { line1: 'Nevsky 28', city: 'Saint Petersburg', postalCode: '191186', country: 'RU' };
const EAN = '4006381333931';

/**
 * Verified check-ins through `npm start`'s gateway (issue 17): media-service decodes the barcode from the pixels
 * of an uploaded pack photo (zxing-wasm), catalog keeps the codes with the media, and a check-in whose photo
 * shows its coffee's barcode is `verifiedPhoto`; a check-in by the buyer of a listing that sells the coffee
 * becomes `verifiedPurchase` once the order is issued. Each proof adds 1 to the rating's weight.
 */
describe('verified check-ins through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let moderator: SignedInUser;
  let ann: SignedInUser;
  let bob: SignedInUser;
  let sam: SignedInUser;
  let roaster: string;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);
  const until = <T>(what: string, check: () => Promise<T | undefined>) => eventually(check, 20_000, what);

  /** The user uploads a photo through the gateway; resolves once catalog knows the media. */
  const upload = async (user: SignedInUser, bytes: Buffer, type: 'png' | 'jpeg'): Promise<string> => {
    const uploaded = await uploadImage<{ id: string }>(
      `${platform.gatewayUrl}/api`,
      user.token,
      bytes,
      `pack.${type === 'png' ? 'png' : 'jpg'}`,
      `image/${type}`,
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    await until('catalog to know the media', async () =>
      (
        await queryRows(platform.adminUrl, `SELECT 1 FROM catalog.media_owners WHERE media_id = $1`, [
          uploaded.body.id,
        ])
      ).length > 0
        ? true
        : undefined,
    );
    return uploaded.body.id;
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'verifiedci', {
      env: { ...adminEnv(inbox), RATING_MIN_COUNT: '1' },
    });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    moderator = await users.withRole('vc_moda', 'moderator');
    ann = await users.withRole('vc_ann');
    bob = await users.withRole('vc_bob');
    sam = await users.withRole('vc_sam', 'seller');
    const created = await call<{ id: string }>('POST', '/dictionaries/roasters', moderator, {
      name: 'Pack Photo Roasters',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    roaster = created.body.id;
  }, 240_000);

  afterAll(async () => {
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('verifies a check-in whose pack photo shows the coffee’s barcode, and weighs it 2', async () => {
    const coffee = await call<{ id: string }>('POST', '/coffees', moderator, {
      name: 'Ethiopia Guji',
      roasterId: roaster,
      barcode: EAN,
    });
    expect(coffee.status, JSON.stringify(coffee.body)).toBe(201);
    const path = `/coffees/${coffee.body.id}/checkins`;

    const pack = await upload(ann, await packPhoto(EAN, { format: 'jpeg' }), 'jpeg');
    const verified = await call<Checkin>('POST', path, ann, { rating: 5, photoIds: [pack] });
    expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    expect(verified.body).toMatchObject({ verifiedPhoto: true, verifiedPurchase: false, weight: 2 });

    // Another coffee's pack, and a label without bars: plain check-ins.
    const otherPack = await upload(bob, await packPhoto('5901234123457'), 'png');
    const plain = await call<Checkin>('POST', path, bob, { rating: 2, photoIds: [otherPack] });
    expect(plain.body).toMatchObject({ verifiedPhoto: false, weight: 1 });
    const label = await upload(bob, await packPhoto(null), 'png');
    const relabelled = await call<Checkin>('PATCH', `/checkins/${plain.body.id}`, bob, { photoIds: [label] });
    expect(relabelled.body).toMatchObject({ verifiedPhoto: false, weight: 1 });
    // (2 × 5 + 1 × 2) / 3 = 4 stars.
    expect(relabelled.body.item.rating).toMatchObject({ count: 2, average: 4 });
  });

  it('makes a check-in a verified purchase once an order of a listing selling the coffee is issued', async () => {
    const coffee = await call<{ id: string }>('POST', '/coffees', moderator, {
      name: 'Kenya Nyeri',
      roasterId: roaster,
    });
    const listing = await call<{ id: string; coffeeId: string }>('POST', '/listings', sam, {
      title: 'Kenya Nyeri, 1 kg sealed',
      price: '3000',
      currency: 'RUB',
      status: 'active',
      coffeeId: coffee.body.id,
    });
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    expect(listing.body.coffeeId).toBe(coffee.body.id);
    const unknown = await call<{ code: string }>('PATCH', `/listings/${listing.body.id}`, sam, {
      coffeeId: '0195f6a0-0000-7000-8000-00000000dead',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_SOLD_ITEM');

    const before = await call<Checkin>('POST', `/coffees/${coffee.body.id}/checkins`, ann, { rating: 4 });
    expect(before.body).toMatchObject({ verifiedPurchase: false, weight: 1 });

    await until('order-service to know the listing', async () =>
      (
        await queryRows(platform.adminUrl, `SELECT 1 FROM orders.offers WHERE item_id = $1`, [
          listing.body.id,
        ])
      ).length > 0
        ? true
        : undefined,
    );
    const placed = await call<{ orders: { id: string }[] }>('POST', '/order', ann, {
      address: SHIP_TO,
      paymentMethod: 'cash_on_delivery',
      items: [{ itemId: listing.body.id, kind: 'listing', quantity: 1 }],
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
    const verified = await until('Ann’s check-in a verified purchase', async () => {
      const shown = (await call<Checkin>('GET', `/checkins/${before.body.id}`)).body;
      return shown.verifiedPurchase ? shown : undefined;
    });
    expect(verified).toMatchObject({ weight: 2 });
  });
});
