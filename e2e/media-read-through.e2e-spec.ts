import { eventually, png, queryRows, startSmtpInbox, uploadImage, type SmtpInbox } from '@agora/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

/**
 * A photo attached the moment its upload answered, through `npm start`'s gateway, while media-service's
 * `media.media.uploaded.v1` is held back from catalog-service and social-service (the test holds their inbox
 * tables locked, so their consumers wait): catalog and social read the media from media-service instead, and the
 * event, once let through, changes nothing. No client has to retry.
 */
describe('attaching a media before its upload event has arrived, through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let api: GatewayApi;
  let seller: SignedInUser;
  let listingId: string;

  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);
  const upload = async (user: SignedInUser, shade: number): Promise<string> => {
    const stored = await uploadImage<{ id: string }>(
      `${platform.gatewayUrl}/api`,
      user.token,
      await png(320, 240, shade),
    );
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    return stored.body.id;
  };
  /** Runs `work` while catalog's and social's consumers cannot record any event, then lets them go. */
  const eventsHeldBack = async (work: () => Promise<void>): Promise<void> => {
    const client = new pg.Client({ connectionString: platform.adminUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE catalog.inbox, social.inbox IN EXCLUSIVE MODE');
      await work();
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };
  const uploadEventConsumed = (schema: 'catalog' | 'social', mediaId: string) =>
    eventually(
      async () =>
        (
          await query(
            `SELECT 1 FROM ${schema}.inbox i JOIN media.outbox o ON o.id = i.event_id
              WHERE o.key = $1 AND o.topic = 'media.media.uploaded.v1'`,
            [mediaId],
          )
        ).length > 0
          ? true
          : undefined,
      20_000,
      `${schema}'s consumer of the upload of ${mediaId}`,
    );

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'mediareadthru', {
      env: adminEnv(inbox),
    });
    api = new GatewayApi(() => platform.gatewayUrl);
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    seller = await api.socialUser(users, 'readthru_seller', 'seller');
    const listing = await api.call<{ id: string }>('POST', '/listings', seller, {
      title: 'Hand grinder',
      price: '90.00',
      currency: 'RUB',
      status: 'active',
    });
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    listingId = listing.body.id;
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('puts a listing photo and an avatar uploaded a moment ago, and the late events add nothing', async () => {
    let photo = '';
    let avatar = '';
    await eventsHeldBack(async () => {
      photo = await upload(seller, 80);
      const attached = await api.call<{ mediaId: string }[]>(
        'PUT',
        `/listings/${listingId}/photos/${photo}`,
        seller,
        {
          side: 'main',
        },
      );
      expect(attached.status, JSON.stringify(attached.body)).toBe(200);
      expect(attached.body.map((shown) => shown.mediaId)).toEqual([photo]);

      avatar = await upload(seller, 140);
      const profile = await api.call('PATCH', '/profiles/me', seller, { avatarMediaId: avatar });
      expect(profile.status, JSON.stringify(profile.body)).toBe(200);
      expect(profile.body).toMatchObject({ avatarMediaId: avatar });

      // Read through, not learnt from the events: neither consumer has recorded them.
      expect(
        await query(
          `SELECT 1 FROM catalog.inbox i JOIN media.outbox o ON o.id = i.event_id WHERE o.key = $1`,
          [photo],
        ),
      ).toEqual([]);
    });

    await uploadEventConsumed('catalog', photo);
    await uploadEventConsumed('social', avatar);
    expect(await query(`SELECT 1 FROM catalog.media_owners WHERE media_id = $1`, [photo])).toHaveLength(1);
    expect(await query(`SELECT 1 FROM social.media_owners WHERE media_id = $1`, [avatar])).toHaveLength(1);
    const photos = await api.call<{ mediaId: string }[]>('GET', `/listings/${listingId}/photos`);
    expect(photos.body.map((shown) => shown.mediaId)).toEqual([photo]);
    expect((await api.call('GET', `/profiles/${seller.id}`)).body).toMatchObject({ avatarMediaId: avatar });
  });

  it('still answers MEDIA_NOT_FOUND for a media never uploaded', async () => {
    const unknown = '0190a000-0000-7000-8000-000000000001';
    expectProblem(
      await api.call('PUT', `/listings/${listingId}/photos/${unknown}`, seller, { side: 'left' }),
      404,
      'MEDIA_NOT_FOUND',
    );
    expect(api.serverErrors()).toEqual([]);
  });

  it('does not route media-service’s internal record through the gateway', async () => {
    const photo = await upload(seller, 200);
    const response = await fetch(`${platform.gatewayUrl}/internal/media/${photo}`);
    expect(response.headers.get('content-type') ?? '').not.toContain('application/json');
    expect((await fetch(`${platform.gatewayUrl}/api/internal/media/${photo}`)).status).toBe(404);
  });
});
