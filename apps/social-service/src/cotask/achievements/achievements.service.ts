import type { AuthenticatedUser } from '@agora/auth';
import type { Tx } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { FollowsRepository } from '../../follows/follows.repository.js';
import { FollowsService } from '../../follows/follows.service.js';
import { PostsRepository } from '../../posts/posts.repository.js';
import type { AchievementDraft, ShareVisibility } from './achievement.types.js';
import { toAchievementDto, type AchievementPageDto } from './achievements.dto.js';
import { AchievementsRepository } from './achievements.repository.js';

/** Records CoTask achievements and shares them to the feed (issue 19). */
@Injectable()
export class AchievementsService {
  constructor(
    private readonly achievements: AchievementsRepository,
    private readonly posts: PostsRepository,
    private readonly follows: FollowsService,
    private readonly relations: FollowsRepository,
  ) {}

  /**
   * Records the achievement in the caller's transaction, once per user, kind, subject and milestone (a
   * repeat is ignored); unless private, it becomes the user's activity post, fanned out like any post.
   */
  async record(tx: Tx, draft: AchievementDraft): Promise<void> {
    const achievement = await this.achievements.add(tx, draft);
    if (!achievement || draft.visibility === 'private') {
      return;
    }
    const postId = await this.posts.createAchievement(tx, draft.userId, {
      activity: draft.kind,
      text: draft.title,
      visibility: draft.visibility,
      milestone: draft.milestone,
    });
    if (postId) {
      await this.achievements.setPost(tx, achievement.id, postId);
    }
  }

  /** The user's achievements the viewer may see: all their own; public and followers' to followers. */
  async list(
    viewer: AuthenticatedUser | undefined,
    userId: string,
    query: ParsedListQuery,
  ): Promise<AchievementPageDto> {
    const visibilities = await this.visibilitiesFor(viewer, userId);
    return mapPage(await this.achievements.list(userId, visibilities, query), toAchievementDto);
  }

  /** What of the user's CoTask the viewer may see (404/403 as their followers list would answer). */
  async visibilitiesFor(viewer: AuthenticatedUser | undefined, userId: string): Promise<ShareVisibility[]> {
    await this.follows.assertMayList(viewer, userId);
    if (viewer?.id === userId) {
      return ['public', 'followers', 'private'];
    }
    const relation = await this.relations.relation(viewer?.id, userId);
    return relation.follows ? ['public', 'followers'] : ['public'];
  }
}
