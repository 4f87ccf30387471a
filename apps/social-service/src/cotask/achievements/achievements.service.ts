import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { AchievementDraft } from './achievement.types.js';

/** Records CoTask achievements and shares them to the feed (issue 19). */
@Injectable()
export class AchievementsService {
  /**
   * Records the achievement in the caller's transaction, once per user, kind, subject and milestone (a
   * repeat is ignored); unless private, it becomes the user's activity post, fanned out like any post.
   */
  async record(tx: Tx, draft: AchievementDraft): Promise<void> {
    void tx;
    void draft;
    throw new Error('AchievementsService.record lands with the achievements module');
  }
}
