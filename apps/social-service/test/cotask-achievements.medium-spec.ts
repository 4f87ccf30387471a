import { UnitOfWork } from '@agora/database';
import { eventually } from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AchievementDraft } from '../src/cotask/achievements/achievement.types.js';
import { AchievementsService } from '../src/cotask/achievements/achievements.service.js';
import { startSocialPlatform, type SocialPlatform, type SocialUser } from './social-test-platform.js';

interface Achievement {
  kind: string;
  milestone: number;
  title: string;
  visibility: string;
  postId: string | null;
}
interface FeedPost {
  id: string;
  activity: string | null;
  milestone: number | null;
  text: string;
  visibility: string;
}

/**
 * CoTask achievements on real PostgreSQL (issue 19): recorded once per user, kind, subject and milestone
 * however many times (and however concurrently) they are told; shared to followers' feeds as activity posts
 * with the chosen visibility; private ones seen by their user only.
 */
describe('social-service: CoTask achievements', () => {
  const adminUrl = inject('testDatabaseUrl');
  let social: SocialPlatform;
  let achievements: AchievementsService;
  let unitOfWork: UnitOfWork;
  let anna: SocialUser;
  let follower: SocialUser;
  let stranger: SocialUser;

  const record = (draft: Partial<AchievementDraft>) =>
    unitOfWork.run((tx) =>
      achievements.record(tx, {
        userId: anna.id,
        kind: 'habit-streak',
        subjectId: uuidv7(),
        milestone: 7,
        title: 'Morning run',
        visibility: 'public',
        ...draft,
      }),
    );
  const listed = async (viewer?: SocialUser) =>
    (await social.call<{ items: Achievement[] }>('GET', `/profiles/${anna.id}/achievements`, viewer)).body
      .items;
  const feedOf = async (reader: SocialUser) =>
    (await social.call<{ items: FeedPost[] }>('GET', '/feed', reader)).body.items;

  beforeAll(async () => {
    social = await startSocialPlatform(adminUrl, 'ach');
    achievements = social.service.app.get(AchievementsService);
    unitOfWork = social.service.app.get(UnitOfWork);
    [anna, follower, stranger] = [
      await social.user('anna'),
      await social.user('fan'),
      await social.user('other'),
    ];
    expect((await social.call('PUT', `/me/following/${anna.id}`, follower)).status).toBe(200);
  });

  afterAll(async () => {
    await social?.close();
  });

  it('records an achievement once however many copies meet, and posts it to followers’ feeds', async () => {
    const habitId = uuidv7();
    await Promise.all(Array.from({ length: 8 }, () => record({ subjectId: habitId, milestone: 30 })));
    const rows = await social.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM social.cotask_achievements WHERE subject_id = $1`,
      [habitId],
    );
    expect(rows[0].count).toBe(1);
    const post = await eventually(
      async () =>
        (await feedOf(follower)).find((entry) => entry.activity === 'habit-streak' && entry.milestone === 30),
      15_000,
      'the streak in the follower’s feed',
    );
    expect(post).toMatchObject({ text: 'Morning run', visibility: 'public' });
    const [mine] = (await listed(anna)).filter((achievement) => achievement.milestone === 30);
    expect(mine).toMatchObject({ kind: 'habit-streak', postId: post.id, visibility: 'public' });
  });

  it('shows followers-only achievements to followers and private ones to their user alone, never posting those', async () => {
    const deckId = uuidv7();
    const taskId = uuidv7();
    await record({
      kind: 'deck-mastered',
      subjectId: deckId,
      milestone: 40,
      title: 'Coffee origins',
      visibility: 'followers',
    });
    await record({
      kind: 'task-completed',
      subjectId: taskId,
      milestone: 1,
      title: 'Secret plan',
      visibility: 'private',
    });

    const kinds = (items: Achievement[]) => items.map((item) => `${item.kind}:${item.visibility}`).sort();
    expect(kinds(await listed(anna))).toEqual(
      expect.arrayContaining(['deck-mastered:followers', 'task-completed:private']),
    );
    expect(kinds(await listed(follower))).toContain('deck-mastered:followers');
    expect(kinds(await listed(follower))).not.toContain('task-completed:private');
    expect(kinds(await listed(stranger))).not.toContain('deck-mastered:followers');
    expect(kinds(await listed())).not.toContain('deck-mastered:followers');

    await eventually(
      async () =>
        (await feedOf(follower)).some((entry) => entry.activity === 'deck-mastered') ? true : undefined,
      15_000,
      'the mastered deck in the follower’s feed',
    );
    const [privateOne] = (await listed(anna)).filter((achievement) => achievement.visibility === 'private');
    expect(privateOne.postId).toBeNull();
    expect((await feedOf(anna)).some((entry) => entry.text === 'Secret plan')).toBe(false);
  });

  it('answers 404 for someone without a profile and 400 for a forged cursor', async () => {
    expect((await social.call('GET', `/profiles/${uuidv7()}/achievements`)).status).toBe(404);
    expect((await social.call('GET', `/profiles/${anna.id}/achievements?cursor=forged`)).status).toBe(400);
  });
});
