import type { CheckinSavedV1 } from '@agora/contracts';
import { eventually } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface ActivityPost {
  activity: string | null;
  item: { kind: string; id: string } | null;
}

const rating = { count: 1, sumQuarters: 16, distribution: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0] };

/**
 * Check-ins in the feed, from catalog's check-in events on real PostgreSQL: a user's first check-in of an item
 * becomes their `checkin` post naming it (once, however many check-ins and redeliveries), which goes with their
 * last check-in of the item, in whatever order the events of several check-ins arrive.
 */
describe('social-service: check-ins as activity posts', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let anna: SocialUser;

  const created = (checkinId: string, itemId: string, authorId = anna.id) => {
    const payload: CheckinSavedV1 = {
      checkinId,
      itemKind: 'coffee',
      itemId,
      authorId,
      ratingQuarters: 16,
      counted: true,
      text: 'Bright and juicy',
      tagIds: [],
      mediaIds: [],
      version: 1,
      itemRating: rating,
      createdAt: new Date().toISOString(),
      savedAt: new Date().toISOString(),
    };
    return {
      id: uuidv7(),
      topic: 'catalog.checkin.created.v1' as const,
      key: checkinId,
      occurredAt: payload.savedAt,
      payload,
    };
  };
  const deleted = (checkinId: string, itemId: string) =>
    social.publish('catalog.checkin.deleted.v1', checkinId, {
      checkinId,
      itemKind: 'coffee',
      itemId,
      authorId: anna.id,
      deletedBy: anna.id,
      itemRating: rating,
      deletedAt: new Date().toISOString(),
    });
  const checkinPosts = async () =>
    (await social.call<{ items: ActivityPost[] }>('GET', `/profiles/${anna.id}/posts`)).body.items.filter(
      (post) => post.activity === 'checkin',
    );
  const settled = async (count: number) =>
    eventually(
      async () => ((await checkinPosts()).length === count ? true : undefined),
      15_000,
      `${count} posts`,
    );

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'chk');
    anna = await social.user('anna');
  });

  afterAll(async () => {
    await social?.close();
  });

  it('posts a user’s first check-in of an item once, and takes it away with their last', async () => {
    const kenya = uuidv7();
    const [first, second] = [uuidv7(), uuidv7()];
    const firstEvent = created(first, kenya);
    // Redelivered, and a second check-in of the same coffee: still one post.
    await social.bus.publish([firstEvent]);
    await social.bus.publish([firstEvent]);
    await social.bus.publish([created(second, kenya)]);
    await settled(1);
    expect(await checkinPosts()).toEqual([expect.objectContaining({ item: { kind: 'coffee', id: kenya } })]);

    // One of two deleted: the post stays; the other too: it goes.
    await deleted(first, kenya);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await checkinPosts()).toHaveLength(1);
    await deleted(second, kenya);
    await settled(0);
  });

  it('keeps a check-in deleted before its creation arrives out of the feed', async () => {
    const ethiopia = uuidv7();
    const late = uuidv7();
    await deleted(late, ethiopia);
    await social.bus.publish([created(late, ethiopia)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await checkinPosts()).toEqual([]);
  });
});
