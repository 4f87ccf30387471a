import type { EventEnvelope, LikeChangedV1 } from '@agora/contracts';
import { atOnce, copies, eventually } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Notification {
  kind: string;
  actorId: string | null;
  targetKind: string | null;
  targetId: string | null;
}

/**
 * catalog-service's likes as social notifications on real PostgreSQL: the owner of a liked check-in (or comment,
 * item, listing) is told once per event however often it is delivered; liking one's own thing, an unlike, and a
 * liker the owner blocked tell nobody.
 */
describe('social-service: notifications of catalog likes', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let owner: SocialUser;
  let fan: SocialUser;

  const like = (
    topic: 'catalog.like.added.v1' | 'catalog.like.removed.v1',
    payload: LikeChangedV1,
  ): EventEnvelope<typeof topic> => ({
    id: uuidv7(),
    topic,
    key: payload.targetId,
    occurredAt: payload.changedAt,
    payload,
  });
  const liked = (userId: string, targetId: string, kind: LikeChangedV1['targetKind'] = 'checkin') =>
    like('catalog.like.added.v1', {
      targetKind: kind,
      targetId,
      userId,
      ownerId: owner.id,
      likeCount: 1,
      changedAt: new Date().toISOString(),
    });
  const likesOf = async (user: SocialUser) =>
    (await social.call<{ items: Notification[] }>('GET', '/notifications?filter[kind]=catalog-like', user))
      .body.items;

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'clk');
    owner = await social.user('owner');
    fan = await social.user('fan');
  });

  afterAll(async () => {
    await social?.close();
  });

  it('tells the owner of a liked check-in once, naming what was liked and who liked it', async () => {
    const checkinId = uuidv7();
    const event = liked(fan.id, checkinId);
    await atOnce(copies(5, () => social.bus.publish([event])));
    const notifications = await eventually(
      async () => ((await likesOf(owner)).length > 0 ? likesOf(owner) : undefined),
      15_000,
      'the like notification',
    );
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'catalog-like',
        actorId: fan.id,
        targetKind: 'checkin',
        targetId: checkinId,
      }),
    ]);
  });

  it('tells nobody of an own like, of an unlike, or of a liker the owner blocked', async () => {
    const before = (await likesOf(owner)).length;
    await social.bus.publish([liked(owner.id, uuidv7(), 'coffee')]);
    await social.bus.publish([
      like('catalog.like.removed.v1', {
        targetKind: 'listing',
        targetId: uuidv7(),
        userId: fan.id,
        ownerId: owner.id,
        likeCount: 0,
        changedAt: new Date().toISOString(),
      }),
    ]);
    expect((await social.call('PUT', `/me/blocks/${fan.id}`, owner)).status).toBeLessThan(300);
    await social.bus.publish([liked(fan.id, uuidv7(), 'listing')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await likesOf(owner)).toHaveLength(before);
  });
});
