import { newId } from '@agora/database';
import type { MediaUploadedV1 } from '@agora/contracts';
import { packPhoto, png, queryRows, startMediaApart, uploadImage, type MediaApart } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mediaServiceDefinition } from '../../media-service/src/media-service.definition.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

// A barcode of this file's own: the medium project shares one catalog schema, and barcodes are unique there.
const BARCODE = '4605550000010';

/**
 * A photo attached right after its upload: media-service runs on a bus of its own, so its
 * `media.media.uploaded.v1` never reaches catalog-service unless the spec delivers it. catalog-service reads
 * such a media through from media-service (MEDIA_URL), and the event arriving later changes nothing.
 */
describe('catalog-service reads a media through from media-service before its event', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let media: MediaApart;
  let coffeeId: string;

  const upload = async (bytes: Buffer, token: string): Promise<string> => {
    const stored = await uploadImage<{ id: string }>(media.url, token, bytes);
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    return stored.body.id;
  };
  const attach = (mediaId: string, token = platform.moderator) =>
    platform.catalog.call('PUT', `/coffees/${coffeeId}/photos/${mediaId}`, { body: { side: 'left' }, token });
  const ownerRows = (mediaId: string) =>
    queryRows(
      adminUrl,
      `SELECT media_id, owner_id, width, height, blurhash, barcodes FROM catalog.media_owners WHERE media_id = $1`,
      [mediaId],
    );

  beforeAll(async () => {
    media = await startMediaApart(adminUrl, mediaServiceDefinition);
    platform = await startCatalogPlatform(adminUrl, 'readthru', { MEDIA_URL: media.url });
    await media.start(platform.jwksUrl);
    const roaster = await platform.dictionaryValue('roasters', 'Read-through Roasters');
    const coffee = await platform.catalog.call<{ id: string }>('POST', '/coffees', {
      body: { name: 'Kenya Nyeri', roasterId: roaster, barcode: BARCODE },
      token: platform.moderator,
    });
    expect(coffee.status, JSON.stringify(coffee.body)).toBe(201);
    coffeeId = coffee.body.id;
  });

  afterAll(async () => {
    await media?.close();
    await platform?.close();
  });

  it('attaches a photo uploaded a moment ago, and its late event adds nothing', async () => {
    const mediaId = await upload(await png(640, 480), platform.moderator);
    expect(await ownerRows(mediaId)).toEqual([]);

    const attached = await attach(mediaId);
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    const learnt = await ownerRows(mediaId);
    expect(learnt).toHaveLength(1);

    // The record is the event's payload (only its instant is the row's own).
    const event = await media.heldBack(mediaId);
    const record = await fetch(`${media.url}/internal/media/${mediaId}`);
    expect(record.status).toBe(200);
    expect({ ...((await record.json()) as MediaUploadedV1), uploadedAt: '' }).toEqual({
      ...event.payload,
      uploadedAt: '',
    });

    await platform.deliver(event);
    expect(
      await queryRows(adminUrl, `SELECT 1 FROM catalog.inbox WHERE event_id = $1`, [event.id]),
    ).toHaveLength(1);
    expect(await ownerRows(mediaId)).toEqual(learnt);
    const photos = await platform.catalog.call<{ mediaId: string }[]>('GET', `/coffees/${coffeeId}/photos`);
    expect(photos.body.filter((photo) => photo.mediaId === mediaId)).toHaveLength(1);
    expect(platform.deadLetters()).toEqual([]);
  });

  it('verifies a check-in by a pack photo uploaded a moment ago: its barcodes come with the record', async () => {
    const mediaId = await upload(await packPhoto(BARCODE), platform.user);
    const written = await platform.catalog.call<{ verifiedPhoto: boolean }>(
      'POST',
      `/coffees/${coffeeId}/checkins`,
      { body: { rating: 4.5, photoIds: [mediaId] }, token: platform.user },
    );
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body.verifiedPhoto).toBe(true);
    expect(await ownerRows(mediaId)).toMatchObject([{ barcodes: [BARCODE] }]);
  });

  it('still refuses a media read through that someone else uploaded', async () => {
    const mediaId = await upload(await png(320, 240, 40), platform.user);
    const refused = await attach(mediaId, platform.moderator);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'NOT_YOUR_MEDIA' });
  });

  it('answers MEDIA_NOT_FOUND for a media media-service does not store', async () => {
    const unknown = newId();
    expect((await fetch(`${media.url}/internal/media/${unknown}`)).status).toBe(404);
    const refused = await attach(unknown);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    expect(await ownerRows(unknown)).toEqual([]);

    const deletedId = await upload(await png(200, 150, 60), platform.moderator);
    const deleted = await fetch(`${media.url}/media/${deletedId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${platform.moderator}` },
    });
    expect(deleted.status).toBe(204);
    expect((await attach(deletedId)).status).toBe(404);
  });
});
