import { png, queryRows, startMediaApart, uploadImage, type MediaApart } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mediaServiceDefinition } from '../../media-service/src/media-service.definition.js';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

/**
 * An avatar or a post photo used right after its upload: media-service runs on a bus of its own, so its
 * `media.media.uploaded.v1` never reaches social-service unless the spec delivers it. social-service reads such
 * a media through from media-service (MEDIA_URL), and the event arriving later changes nothing.
 */
describe('social-service reads a media through from media-service before its event', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: SocialPlatform;
  let media: MediaApart;
  let ann: SocialUser;
  let bob: SocialUser;

  const upload = async (user: SocialUser, shade: number): Promise<string> => {
    const stored = await uploadImage<{ id: string }>(media.url, user.token, await png(300, 200, shade));
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    return stored.body.id;
  };
  const ownerRows = (mediaId: string) =>
    queryRows(adminUrl, `SELECT media_id, owner_id FROM social.media_owners WHERE media_id = $1`, [mediaId]);
  beforeAll(async () => {
    media = await startMediaApart(adminUrl, mediaServiceDefinition);
    platform = await startSocialPlatform(adminUrl, 'readthru', { MEDIA_URL: media.url });
    await media.start(platform.jwksUrl);
    ann = await platform.user('ann');
    bob = await platform.user('bob');
  });

  afterAll(async () => {
    await media?.close();
    await platform?.close();
  });

  it('takes as avatar a media uploaded a moment ago, and its late event adds nothing', async () => {
    const mediaId = await upload(ann, 90);
    expect(await ownerRows(mediaId)).toEqual([]);

    const changed = await platform.call('PATCH', '/profiles/me', ann, { avatarMediaId: mediaId });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ avatarMediaId: mediaId });
    const learnt = await ownerRows(mediaId);
    expect(learnt).toEqual([{ media_id: mediaId, owner_id: ann.id }]);

    const event = await media.heldBack(mediaId);
    await platform.bus.publish([event]);
    expect(
      await queryRows(adminUrl, `SELECT 1 FROM social.inbox WHERE event_id = $1`, [event.id]),
    ).toHaveLength(1);
    expect(await ownerRows(mediaId)).toEqual(learnt);
    expect((await platform.call('GET', `/profiles/${ann.id}`)).body).toMatchObject({
      avatarMediaId: mediaId,
    });
  });

  it('posts a photo uploaded a moment ago', async () => {
    const mediaId = await upload(ann, 120);
    const posted = await platform.call('POST', '/posts', ann, {
      text: 'Fresh from the roaster',
      mediaIds: [mediaId],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ mediaIds: [mediaId] });
  });

  it('still refuses a media read through that someone else uploaded', async () => {
    const mediaId = await upload(bob, 150);
    const refused = await platform.call('PATCH', '/profiles/me', ann, { avatarMediaId: mediaId });
    expect(refused.body).toMatchObject({ code: 'NOT_YOUR_MEDIA' });
  });

  it('answers MEDIA_NOT_FOUND for a media media-service does not store', async () => {
    const unknown = uuidv7();
    const refused = await platform.call('PATCH', '/profiles/me', ann, { avatarMediaId: unknown });
    expect(refused.body).toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    expect(await ownerRows(unknown)).toEqual([]);
  });
});
