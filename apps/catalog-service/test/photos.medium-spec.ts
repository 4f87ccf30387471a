import {
  AuthTestClient,
  eventually,
  png,
  provisionAllServices,
  queryRows,
  startS3Server,
  startServicesInProcess,
  startSmtpInbox,
  uploadImage,
} from '@agora/testing';
import type { InProcessServices, S3Server, SmtpInbox } from '@agora/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { mediaServiceDefinition } from '../../media-service/src/media-service.definition.js';
import { catalogServiceDefinition } from '../src/catalog-service.definition.js';

interface Photo {
  mediaId: string;
  side: string;
  position: number;
  blurhash: string;
  urls: { thumb: string };
}

/** Photo slots: media-service's uploads on catalog items and listings, owners learnt from its events. */
describe.each(['disk', 's3'] as const)('catalog photos from media-service on the %s driver', (driver) => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let s3: S3Server | undefined;
  let mediaDir: string;
  let platform: InProcessServices;
  let auth: AuthTestClient;
  let catalog: AuthTestClient;
  let mediaUrl: string;
  let admin: string;
  let moderator: string;
  let user: string;
  let seller: string;
  let watchId: string;

  const signIn = async (login: string) =>
    (
      await auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login, password: 'correct horse battery' },
      })
    ).body.accessToken;
  const promoted = async (login: string, role: string) => {
    const account = await auth.signedIn(login);
    await auth.call('PUT', `/users/${account.id}/role`, { body: { role }, token: admin });
    return signIn(login);
  };
  /** Uploads an image and waits until catalog-service has heard whose it is. */
  const upload = async (token: string, shade: number): Promise<string> => {
    const uploaded = await uploadImage<{ id: string }>(mediaUrl, token, await png(320, 240, shade));
    expect(uploaded.status).toBe(201);
    const { id } = uploaded.body;
    await eventually(
      async () =>
        (await queryRows(adminUrl, `SELECT 1 FROM catalog.media_owners WHERE media_id = $1`, [id])).length
          ? true
          : undefined,
      10_000,
      'catalog to learn the media owner',
    );
    return id;
  };
  const photos = async (path: string) => (await catalog.call<Photo[]>('GET', path)).body;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    mediaDir = await mkdtemp(path.join(tmpdir(), 'agora-photos-'));
    const storage: Record<string, string> = { MEDIA_STORAGE: 'disk', MEDIA_DIR: mediaDir };
    if (driver === 's3') {
      s3 = await startS3Server();
      Object.assign(storage, {
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: 'agora-photos-test',
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
    }
    platform = await startServicesInProcess(
      adminUrl,
      [authServiceDefinition, mediaServiceDefinition, catalogServiceDefinition],
      {
        SMTP_URL: inbox.url,
        ADMIN_EMAIL: `photos.${driver}.root@example.com`,
        ADMIN_LOGIN: `photos_${driver}_root`,
        ADMIN_PASSWORD: 'photos admin passphrase',
        MEDIA_ORPHAN_SWEEP_MINUTES: '0',
        ...storage,
      },
    );
    auth = new AuthTestClient(platform.services.auth.url, inbox);
    catalog = new AuthTestClient(platform.services.catalog.url, inbox);
    mediaUrl = platform.services.media.url;
    admin = (
      await auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: `photos_${driver}_root`, password: 'photos admin passphrase' },
      })
    ).body.accessToken;
    moderator = await promoted(`photos_${driver}_moda`, 'moderator');
    seller = await promoted(`photos_${driver}_seller`, 'seller');
    user = (await auth.signedIn(`photos_${driver}_fan`)).accessToken;
    watchId = (
      await catalog.call<{ id: string }>('POST', '/watches', {
        body: { name: 'Полёт Штурманские фото', folder: `photos-${driver}-shturmanskie` },
        token: moderator,
      })
    ).body.id;
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
    await s3?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('puts the owner’s photos on an item by side and order, one main per item', async () => {
    const front = await upload(moderator, 10);
    const left = await upload(moderator, 20);
    const attached = await catalog.call<Photo[]>('PUT', `/watches/${watchId}/photos/${front}`, {
      body: { side: 'main' },
      token: moderator,
    });
    expect(attached.status).toBe(200);
    const secondMain = await catalog.call('PUT', `/watches/${watchId}/photos/${left}`, {
      body: { side: 'main' },
      token: moderator,
    });
    expect(secondMain.status).toBe(409);
    expect(secondMain.body).toMatchObject({ code: 'MAIN_PHOTO_TAKEN' });
    await catalog.call('PUT', `/watches/${watchId}/photos/${left}`, {
      body: { side: 'left', position: 1 },
      token: moderator,
    });
    const shown = await photos(`/watches/${watchId}/photos`);
    expect(shown.map((photo) => [photo.mediaId, photo.side])).toEqual([
      [front, 'main'],
      [left, 'left'],
    ]);
    expect(shown[0].urls.thumb).toBe(`/api/media/${front}/thumb.webp`);
    expect(shown[0].blurhash.length).toBeGreaterThan(10);
    const bad = await catalog.call('PUT', `/watches/${watchId}/photos/${front}`, {
      body: { side: 'top' },
      token: moderator,
    });
    expect(bad.status).toBe(400);
  });

  it('refuses someone else’s photo, and items the caller may not edit', async () => {
    const theirs = await upload(user, 30);
    const foreign = await catalog.call('PUT', `/watches/${watchId}/photos/${theirs}`, {
      body: { side: 'detail' },
      token: moderator,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'NOT_YOUR_MEDIA' });
    const notEditor = await catalog.call('PUT', `/watches/${watchId}/photos/${theirs}`, {
      body: { side: 'detail' },
      token: user,
    });
    expect(notEditor.status).toBe(403);
    expect(notEditor.body).toMatchObject({ code: 'NOT_YOUR_ITEM' });
    const unknown = await catalog.call('PUT', `/watches/${watchId}/photos/${watchId}`, {
      body: { side: 'detail' },
      token: moderator,
    });
    expect(unknown.status).toBe(404);
  });

  it('lets a seller show their own photos on their own listing, and a buyer on their review', async () => {
    const listing = await catalog.call<{ id: string }>('POST', '/listings', {
      body: { title: 'Штурманские, 1955', price: '45000', currency: 'RUB', status: 'active' },
      token: seller,
    });
    type Lead = { leadPhoto: { mediaId: string; urls: { thumb: string } } | null };
    const leadOf = async () =>
      (await catalog.call<Lead>('GET', `/listings/${listing.body.id}`)).body.leadPhoto;
    const leadInList = async () =>
      (await catalog.call<{ items: Lead[] }>('GET', `/listings?filter[id]=${listing.body.id}`)).body.items[0]
        ?.leadPhoto;
    expect(await leadOf()).toBeNull();
    const side = await upload(seller, 35);
    expect(
      (
        await catalog.call('PUT', `/listings/${listing.body.id}/photos/${side}`, {
          body: { side: 'left' },
          token: seller,
        })
      ).status,
    ).toBe(200);
    // The lead photo (for list cards): the first by position while there is no main one, then the main one.
    expect(await leadInList()).toMatchObject({ mediaId: side });
    const mine = await upload(seller, 40);
    const attached = await catalog.call<Photo[]>('PUT', `/listings/${listing.body.id}/photos/${mine}`, {
      body: { side: 'main' },
      token: seller,
    });
    expect(attached.status).toBe(200);
    expect((await photos(`/listings/${listing.body.id}/photos`)).map((photo) => photo.mediaId)).toEqual([
      mine,
      side,
    ]);
    expect(await leadOf()).toMatchObject({ mediaId: mine, urls: { thumb: `/api/media/${mine}/thumb.webp` } });
    expect(await leadInList()).toMatchObject({ mediaId: mine });
    const review = await catalog.call<{ id: string }>('POST', `/listings/${listing.body.id}/reviews`, {
      body: { rating: 5, text: 'Как на фото' },
      token: user,
    });
    const proof = await upload(user, 45);
    const onReview = await catalog.call<Photo[]>('PUT', `/reviews/${review.body.id}/photos/${proof}`, {
      body: { side: 'detail' },
      token: user,
    });
    expect(onReview.status).toBe(200);
    expect((await photos(`/reviews/${review.body.id}/photos`)).map((photo) => photo.mediaId)).toEqual([
      proof,
    ]);
    const sellersOnReview = await catalog.call('PUT', `/reviews/${review.body.id}/photos/${mine}`, {
      body: { side: 'left' },
      token: seller,
    });
    expect(sellersOnReview.status).toBe(403);
    const other = await upload(user, 50);
    expect(
      (
        await catalog.call('PUT', `/listings/${listing.body.id}/photos/${other}`, {
          body: { side: 'left' },
          token: user,
        })
      ).status,
    ).toBe(403);
  });

  it('lets admins show photos on menu products', async () => {
    const product = await catalog.call<{ id: string }>('POST', '/products', {
      body: { name: `Капучино ${driver}`, price: '250', currency: 'RUB' },
      token: admin,
    });
    const cup = await upload(admin, 70);
    const attached = await catalog.call<Photo[]>('PUT', `/products/${product.body.id}/photos/${cup}`, {
      body: { side: 'main' },
      token: admin,
    });
    expect(attached.status).toBe(200);
    expect((await photos(`/products/${product.body.id}/photos`)).map((photo) => photo.mediaId)).toEqual([
      cup,
    ]);
    const byModerator = await catalog.call('PUT', `/products/${product.body.id}/photos/${cup}`, {
      body: { side: 'left' },
      token: moderator,
    });
    expect(byModerator.status).toBe(403);
    expect((await catalog.call('DELETE', `/products/${product.body.id}`, { token: admin })).status).toBe(204);
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS n FROM catalog.item_photos WHERE item_id = $1`, [
        product.body.id,
      ]),
    ).toEqual([{ n: 0 }]);
  });

  it('detaches a media from every item when it is deleted', async () => {
    const [main, left] = await photos(`/watches/${watchId}/photos`);
    const deleted = await fetch(`${mediaUrl}/media/${left.mediaId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(deleted.status).toBe(204);
    await eventually(
      async () => ((await photos(`/watches/${watchId}/photos`)).length === 1 ? true : undefined),
      10_000,
      'the deleted media to leave the watch',
    );
    expect((await photos(`/watches/${watchId}/photos`))[0].mediaId).toBe(main.mediaId);
  });

  it('sweeps uploads no item showed for a day, keeping attached ones', async () => {
    const [main] = await photos(`/watches/${watchId}/photos`);
    const orphan = await upload(moderator, 60);
    await eventually(
      async () =>
        (
          await queryRows<{ attached_at: string | null }>(
            adminUrl,
            `SELECT attached_at FROM media.media WHERE id = $1`,
            [main.mediaId],
          )
        )[0]?.attached_at ?? undefined,
      10_000,
      'media-service to hear of the attachment',
    );
    await queryRows(
      adminUrl,
      `UPDATE media.media SET created_at = now() - interval '2 days' WHERE id = ANY($1)`,
      [[main.mediaId, orphan]],
    );
    const swept = await platform.services.media.jobs.run<number>('media.sweep-orphans');
    expect(swept.ran && swept.result).toBeGreaterThanOrEqual(1);
    const left = await queryRows<{ id: string }>(adminUrl, `SELECT id FROM media.media WHERE id = ANY($1)`, [
      [main.mediaId, orphan],
    ]);
    expect(left.map((row) => row.id)).toEqual([main.mediaId]);
    expect((await fetch(`${mediaUrl}/media/${orphan}/thumb.webp`)).status).toBe(404);
  });

  it('drops a watch’s photo links with the watch', async () => {
    expect((await catalog.call('DELETE', `/watches/${watchId}`, { token: moderator })).status).toBe(204);
    expect(
      await queryRows(adminUrl, `SELECT count(*)::int AS n FROM catalog.item_photos WHERE item_id = $1`, [
        watchId,
      ]),
    ).toEqual([{ n: 0 }]);
  });
});
