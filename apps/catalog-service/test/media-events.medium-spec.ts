import { newId } from '@agora/database';
import type { EventEnvelope } from '@agora/contracts';
import { queryRows } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

/** media-service's events reach catalog-service in any order, and more than once. */
describe('catalog-service media events', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let coffeeId: string;

  const uploaded = (mediaId: string, ownerId: string): EventEnvelope<'media.media.uploaded.v1'> => ({
    id: newId(),
    topic: 'media.media.uploaded.v1',
    key: mediaId,
    occurredAt: new Date().toISOString(),
    payload: {
      mediaId,
      ownerId,
      width: 800,
      height: 600,
      blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
      variants: [],
      uploadedAt: new Date().toISOString(),
    },
  });
  const deleted = (mediaId: string, ownerId: string): EventEnvelope<'media.media.deleted.v1'> => ({
    id: newId(),
    topic: 'media.media.deleted.v1',
    key: mediaId,
    occurredAt: new Date().toISOString(),
    payload: { mediaId, ownerId, reason: 'deleted-by-owner', deletedAt: new Date().toISOString() },
  });
  const ownerRows = (mediaId: string) =>
    queryRows(adminUrl, `SELECT media_id FROM catalog.media_owners WHERE media_id = $1`, [mediaId]);
  const attach = (mediaId: string) =>
    platform.catalog.call('PUT', `/coffees/${coffeeId}/photos/${mediaId}`, {
      body: { side: 'left' },
      token: platform.moderator,
    });

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'mediaev');
    const roaster = await platform.dictionaryValue('roasters', 'Tombstone Roasters');
    const coffee = await platform.catalog.call<{ id: string }>('POST', '/coffees', {
      body: { name: 'Ethiopia Guji', roasterId: roaster },
      token: platform.moderator,
    });
    coffeeId = coffee.body.id;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('keeps a media deleted before its upload event arrives gone', async () => {
    const mediaId = newId();
    await platform.deliver(deleted(mediaId, platform.moderatorId));
    await platform.deliver(uploaded(mediaId, platform.moderatorId));
    expect(await ownerRows(mediaId)).toEqual([]);
    const refused = await attach(mediaId);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });

  it('removes a media and its photos when the deletion comes after the upload, even if the upload comes again', async () => {
    const mediaId = newId();
    const upload = uploaded(mediaId, platform.moderatorId);
    await platform.deliver(upload);
    expect((await attach(mediaId)).status).toBe(200);

    await platform.deliver(deleted(mediaId, platform.moderatorId));
    // The same upload event redelivered, and a new one for the same media: neither brings it back.
    await platform.deliver(upload, uploaded(mediaId, platform.moderatorId));
    expect(await ownerRows(mediaId)).toEqual([]);
    expect(
      await queryRows(adminUrl, `SELECT id FROM catalog.item_photos WHERE media_id = $1`, [mediaId]),
    ).toEqual([]);
    expect((await platform.catalog.call<unknown[]>('GET', `/coffees/${coffeeId}/photos`)).body).toEqual([]);
  });
});
