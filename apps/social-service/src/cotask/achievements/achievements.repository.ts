import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementEntity } from './achievement.entity.js';
import type { AchievementDraft, ShareVisibility } from './achievement.types.js';

/** CoTask achievements, one row per user, kind, subject and milestone. */
@Injectable()
export class AchievementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The new achievement, or null when the user already has it (a repeat, or a concurrent twin) or has no
   * profile (a deleted account).
   */
  async add(tx: Tx, draft: AchievementDraft): Promise<AchievementEntity | null> {
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO "social"."cotask_achievements"
         ("id", "user_id", "kind", "subject_id", "milestone", "title", "visibility")
       SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM "social"."profiles" WHERE "id" = $2)
       ON CONFLICT ("user_id", "kind", "subject_id", "milestone") DO NOTHING
       RETURNING "id"`,
      [newId(), draft.userId, draft.kind, draft.subjectId, draft.milestone, draft.title, draft.visibility],
    );
    return row ? tx.findOneByOrFail(AchievementEntity, { id: row.id }) : null;
  }

  async setPost(tx: Tx, achievementId: string, postId: string): Promise<void> {
    await tx.update(AchievementEntity, { id: achievementId }, { postId });
  }

  /** The user's achievements that a viewer with these visibilities may see, by the list query. */
  list(
    userId: string,
    visibilities: readonly ShareVisibility[],
    query: ParsedListQuery,
  ): Promise<Page<AchievementEntity>> {
    const builder = this.dataSource
      .getRepository(AchievementEntity)
      .createQueryBuilder('achievement')
      .where('achievement.userId = :userId AND achievement.visibility IN (:...visibilities)', {
        userId,
        visibilities,
      });
    return findPage(builder, query);
  }
}
