import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { TaskCompletionEntity } from './task-completion.entity.js';
import { TaskEntity } from './task.entity.js';

/** What a task is made of when it is created. */
export type TaskFields = Omit<TaskEntity, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'completedAt'>;

/** Which of the caller's visible tasks a view shows (instants and dates in the caller's zone). */
export type TaskView =
  | { readonly kind: 'all' }
  /** Open tasks due by the end of `today` (overdue included). */
  | { readonly kind: 'today'; readonly today: string; readonly tomorrowStarts: Date }
  /** Open tasks due from `from` (a date) up to `until` (exclusive date), and their instants. */
  | {
      readonly kind: 'upcoming';
      readonly from: string;
      readonly fromStarts: Date;
      readonly until: string;
      readonly untilStarts: Date;
    };

/** The only code that touches tasks and their completions. */
@Injectable()
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, fields: TaskFields): Promise<TaskEntity> {
    const id = newId();
    await tx.insert(TaskEntity, { ...fields, id });
    return tx.findOneByOrFail(TaskEntity, { id });
  }

  find(taskId: string, tx: Tx = this.dataSource.manager): Promise<TaskEntity | null> {
    return tx.findOneBy(TaskEntity, { id: taskId });
  }

  /** The task under its row lock (completions, edits and deletes of one task go one at a time). */
  lock(tx: Tx, taskId: string): Promise<TaskEntity | null> {
    return tx.findOne(TaskEntity, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
  }

  save(tx: Tx, task: TaskEntity): Promise<TaskEntity> {
    return tx.save(task);
  }

  async remove(tx: Tx, taskId: string): Promise<void> {
    await tx.delete(TaskEntity, { id: taskId });
  }

  /** The ids of the task's subtasks. */
  async subtaskIds(tx: Tx, taskId: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT "id" FROM "social"."cotask_tasks" WHERE "parent_id" = $1`,
      [taskId],
    );
    return rows.map((row) => row.id);
  }

  /** Records the occurrence's completion; null when it was completed already. */
  async addCompletion(
    tx: Tx,
    taskId: string,
    userId: string,
    occurrence: string,
  ): Promise<TaskCompletionEntity | null> {
    const id = newId();
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO "social"."cotask_task_completions" ("id", "task_id", "user_id", "occurrence")
       VALUES ($1, $2, $3, $4) ON CONFLICT ("task_id", "occurrence") DO NOTHING RETURNING "id"`,
      [id, taskId, userId, occurrence],
    );
    return row ? tx.findOneByOrFail(TaskCompletionEntity, { id }) : null;
  }

  async completionCount(tx: Tx, taskId: string): Promise<number> {
    const [row] = await tx.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "social"."cotask_task_completions" WHERE "task_id" = $1`,
      [taskId],
    );
    return row?.count ?? 0;
  }

  /** The tasks the user sees (their personal ones, and those of projects they own or are a member of). */
  list(
    userId: string,
    view: TaskView,
    query: ParsedListQuery,
    searchable: readonly string[],
  ): Promise<Page<TaskEntity>> {
    const builder = this.visibleTo(userId);
    switch (view.kind) {
      case 'all':
        break;
      case 'today':
        builder.andWhere(
          `task.completedAt IS NULL AND ((task.dueAt IS NULL AND task.dueOn <= :today) OR task.dueAt < :tomorrowStarts)`,
          { today: view.today, tomorrowStarts: view.tomorrowStarts },
        );
        break;
      case 'upcoming':
        builder.andWhere(
          `task.completedAt IS NULL AND (
             (task.dueAt IS NULL AND task.dueOn >= :from AND task.dueOn < :until)
             OR (task.dueAt >= :fromStarts AND task.dueAt < :untilStarts))`,
          { from: view.from, until: view.until, fromStarts: view.fromStarts, untilStarts: view.untilStarts },
        );
        break;
    }
    return findPage(builder, query, searchable);
  }

  completions(taskId: string, query: ParsedListQuery): Promise<Page<TaskCompletionEntity>> {
    const builder = this.dataSource
      .getRepository(TaskCompletionEntity)
      .createQueryBuilder('completion')
      .where('completion.taskId = :taskId', { taskId });
    return findPage(builder, query);
  }

  /** Occurrences the user completed in the last 7 and 30 days. */
  async completedCounts(userId: string): Promise<{ last7: number; last30: number }> {
    const [row] = await this.dataSource.query<{ last7: number; last30: number }[]>(
      `SELECT count(*) FILTER (WHERE "created_at" > now() - interval '7 days')::int AS last7,
              count(*)::int AS last30
         FROM "social"."cotask_task_completions"
        WHERE "user_id" = $1 AND "created_at" > now() - interval '30 days'`,
      [userId],
    );
    return row ?? { last7: 0, last30: 0 };
  }

  private visibleTo(userId: string): SelectQueryBuilder<TaskEntity> {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('task')
      .where(
        `((task.projectId IS NULL AND task.ownerId = :userId) OR task.projectId IN (
            SELECT "id" FROM "social"."cotask_projects" WHERE "owner_id" = :userId
            UNION ALL
            SELECT "project_id" FROM "social"."cotask_project_members" WHERE "user_id" = :userId))`,
        { userId },
      );
  }
}
