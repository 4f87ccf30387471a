import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GoalPlan } from './goal-plan.js';
import { GoalEntity } from './goal.entity.js';

export interface GoalDraft {
  readonly userId: string;
  readonly title: string;
  readonly deadline: string;
  readonly timeZone: string;
  readonly plan: GoalPlan;
}

/** The concretizer's goals; each is its user's alone. */
@Injectable()
export class GoalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The new goal, or null when the user has no profile (an unverified or deleted account). */
  async create(draft: GoalDraft): Promise<GoalEntity | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO "social"."cotask_goals" ("id", "user_id", "title", "deadline", "time_zone", "plan")
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM "social"."profiles" WHERE "id" = $2 AND "verified")
       RETURNING "id"`,
      [newId(), draft.userId, draft.title, draft.deadline, draft.timeZone, JSON.stringify(draft.plan)],
    );
    return row ? this.dataSource.manager.findOneByOrFail(GoalEntity, { id: row.id }) : null;
  }

  findOwned(userId: string, goalId: string): Promise<GoalEntity | null> {
    return this.dataSource.manager.findOneBy(GoalEntity, { id: goalId, userId });
  }

  /** The user's goal under a row lock for the rest of `tx`; null when there is none of theirs. */
  lockOwned(tx: Tx, userId: string, goalId: string): Promise<GoalEntity | null> {
    return tx.findOne(GoalEntity, { where: { id: goalId, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes a locked goal's changes with its version raised by one. */
  async saveNextVersion(tx: Tx, goal: GoalEntity): Promise<GoalEntity> {
    goal.version += 1;
    return tx.save(goal);
  }

  async remove(tx: Tx, goal: GoalEntity): Promise<void> {
    await tx.delete(GoalEntity, { id: goal.id });
  }

  list(userId: string, query: ParsedListQuery): Promise<Page<GoalEntity>> {
    const builder = this.dataSource
      .getRepository(GoalEntity)
      .createQueryBuilder('goal')
      .where('goal.userId = :userId', { userId });
    return findPage(builder, query);
  }
}
