import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import { isTimeZone, assertVersionMatches, sanitizeText, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { cleanText } from '../../posts/post-text.js';
import { AchievementsService } from '../achievements/achievements.service.js';
import { RemindersService } from '../reminders/reminders.service.js';
import type { ProjectRole } from './project-member.entity.js';
import { cleanName } from './projects.service.js';
import { ProjectsRepository } from './projects.repository.js';
import {
  dateText,
  nextDay,
  nextOccurrence,
  normalizeRule,
  parseDate,
  parseLocalDateTime,
  RecurrenceError,
} from './recurrence.js';
import { instantOf, wallAt, type WallTime } from '../zoned-time.js';
import type { TaskEntity } from './task.entity.js';
import {
  dueText,
  LABEL_MAX,
  TASK_LIST_QUERY,
  TASK_NOTES_MAX,
  TASK_TITLE_MAX,
  toCompletionDto,
  toTaskDto,
  type CompleteTaskResultDto,
  type CompletionPageDto,
  type CreateTaskDto,
  type TaskDto,
  type TaskPageDto,
  type TaskProductivity,
  type UpdateTaskDto,
} from './tasks.dto.js';
import { TaskErrorCode, TaskException } from './tasks.errors.js';
import { TasksRepository, type TaskView } from './tasks.repository.js';
import { lockOwnerProfile } from '../owner-profile.js';

type Role = 'owner' | ProjectRole;

interface Due {
  readonly dueOn: string | null;
  readonly dueTime: string | null;
  readonly dueAt: Date | null;
  readonly timeZone: string | null;
}

const NO_DUE: Due = { dueOn: null, dueTime: null, dueAt: null, timeZone: null };
/** Dues and deadlines from 1970 to 9000: a recurring task's next dates stay four-digit years. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9000;
export const UPCOMING_DAYS_DEFAULT = 7;
export const UPCOMING_DAYS_MAX = 60;

/** The zone named, or INVALID_TIME_ZONE. */
export function checkTimeZone(zone: string, field = 'timeZone'): string {
  if (!isTimeZone(zone)) {
    throw new TaskException(
      TaskErrorCode.INVALID_TIME_ZONE,
      `${JSON.stringify(zone.slice(0, 64))} is not an IANA time zone`,
      {
        errors: [{ field, messages: ['an IANA time zone such as Europe/Berlin'] }],
      },
    );
  }
  return zone;
}

function invalidDue(field: string): TaskException {
  return new TaskException(TaskErrorCode.INVALID_DUE, `The ${field} is not a real date or local date-time`, {
    errors: [{ field, messages: ['YYYY-MM-DD, or YYYY-MM-DDTHH:mm local to timeZone'] }],
  });
}

/** A due as stored, from the client's text in `zone`. */
function dueOf(text: string, zone: string): Due {
  const date = parseDate(text);
  if (date && (date.year < MIN_YEAR || date.year > MAX_YEAR)) {
    throw invalidDue('due');
  }
  if (date) {
    return { dueOn: text, dueTime: null, dueAt: null, timeZone: zone };
  }
  let wall = parseLocalDateTime(text);
  if (!wall && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    // An instant (with Z or an offset): the wall time it is in the task's zone.
    const instant = new Date(text);
    wall = Number.isNaN(instant.getTime()) ? undefined : wallAt(instant, zone);
  }
  if (!wall || wall.year < MIN_YEAR || wall.year > MAX_YEAR) {
    throw invalidDue('due');
  }
  const pad = (value: number): string => String(value).padStart(2, '0');
  return {
    dueOn: dateText(wall),
    dueTime: `${pad(wall.hour)}:${pad(wall.minute)}`,
    dueAt: instantOf(wall, zone),
    timeZone: zone,
  };
}

function wallOfDue(task: Pick<TaskEntity, 'dueOn' | 'dueTime'>): WallTime | null {
  const text = dueText(task as TaskEntity);
  return text ? (parseDate(text) ?? parseLocalDateTime(text) ?? null) : null;
}

function dueFromWall(wall: WallTime, withTime: boolean, zone: string): Due {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return withTime
    ? {
        dueOn: dateText(wall),
        dueTime: `${pad(wall.hour)}:${pad(wall.minute)}`,
        dueAt: instantOf(wall, zone),
        timeZone: zone,
      }
    : { dueOn: dateText(wall), dueTime: null, dueAt: null, timeZone: zone };
}

function cleanDeadline(text: string | null | undefined): string | null | undefined {
  if (text === undefined || text === null) {
    return text;
  }
  const date = parseDate(text);
  if (!date || date.year < MIN_YEAR || date.year > MAX_YEAR) {
    throw invalidDue('deadline');
  }
  return text;
}

function cleanLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((label) => cleanText(label, LABEL_MAX, 'labels')).filter(Boolean))];
}

/**
 * CoTask tasks (issue 19): personal ones and those of projects, with subtasks, priorities, due and deadline,
 * recurrence in the due's time zone, reminders, completion history, and the today / upcoming views. A task
 * of a project is seen by the project's owner and members; its owner and editors change and complete it.
 */
@Injectable()
export class TasksService implements OnModuleInit {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly projects: ProjectsRepository,
    private readonly reminders: RemindersService,
    private readonly achievements: AchievementsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Task reminders: the task's title, unless it is gone or done; the next one comes with its next due. */
  onModuleInit(): void {
    this.reminders.register('task', {
      fire: async (tx, reminder) => {
        const task = await this.tasks.find(reminder.subjectId, tx);
        return task && !task.completedAt ? { title: task.title, next: null } : null;
      },
    });
  }

  async create(user: AuthenticatedUser, dto: CreateTaskDto): Promise<TaskDto> {
    return toTaskDto(await this.unitOfWork.run((tx) => this.createIn(tx, user.id, dto)));
  }

  /**
   * Creates the user's task in the caller's transaction, with POST /tasks's checks (TaskException when one
   * fails): for the concretizer, which makes a goal's plan at once.
   */
  async createIn(tx: Tx, userId: string, dto: CreateTaskDto): Promise<TaskEntity> {
    const title = cleanName(dto.title, TASK_TITLE_MAX, 'title');
    const notes = dto.notes === undefined ? '' : cleanText(dto.notes, TASK_NOTES_MAX, 'notes');
    const labels = cleanLabels(dto.labels ?? []);
    const zone = checkTimeZone(dto.timeZone ?? 'UTC');
    const due = dto.due ? dueOf(dto.due, zone) : NO_DUE;
    const deadline = cleanDeadline(dto.deadline) ?? null;
    const recurrence = this.rule(dto.recurrence ?? null, due);
    await lockOwnerProfile(tx, userId);
    let projectId = dto.projectId ?? null;
    let sectionId = dto.sectionId ?? null;
    if (dto.parentId) {
      const parent = await this.tasks.find(dto.parentId, tx);
      const role = parent ? await this.roleOf(tx, userId, parent) : null;
      if (!parent || !role || (dto.projectId !== undefined && dto.projectId !== parent.projectId)) {
        throw new TaskException(
          TaskErrorCode.PARENT_TASK_NOT_FOUND,
          'No task with this id to put a subtask under',
        );
      }
      if (parent.parentId) {
        throw new TaskException(TaskErrorCode.SUBTASK_TOO_DEEP, 'Subtasks are one level deep');
      }
      this.assertMayEdit(role);
      projectId = parent.projectId;
      sectionId = dto.sectionId ?? parent.sectionId;
    } else if (projectId) {
      const access = await this.projects.access(userId, projectId, tx);
      if (!access) {
        throw new TaskException(TaskErrorCode.PROJECT_NOT_FOUND, 'No project with this id that you may see');
      }
      this.assertMayEdit(access.role);
    }
    await this.checkSection(tx, projectId, sectionId);
    const task = await this.tasks.insert(tx, {
      ownerId: userId,
      projectId,
      sectionId,
      parentId: dto.parentId ?? null,
      title,
      notes,
      labels,
      priority: dto.priority ?? 4,
      ...due,
      deadline,
      recurrence: recurrence?.rule ?? null,
      recurrenceAnchor: recurrence?.anchor ?? null,
      remindMinutesBefore: dto.remindMinutesBefore ?? null,
      remindAt: dto.remindAt ? new Date(dto.remindAt) : null,
    });
    await this.syncReminder(tx, task);
    return task;
  }

  async get(user: AuthenticatedUser, taskId: string): Promise<TaskDto> {
    const task = await this.tasks.find(taskId);
    if (!task || !(await this.roleOf(undefined, user.id, task))) {
      throw this.notFound();
    }
    return toTaskDto(task);
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<TaskPageDto> {
    return this.page(user, { kind: 'all' }, query);
  }

  /** Open tasks due today or overdue, today being the caller's in `timeZone`. */
  async today(user: AuthenticatedUser, timeZone: string, query: ParsedListQuery): Promise<TaskPageDto> {
    const zone = checkTimeZone(timeZone);
    const today = { ...wallAt(new Date(), zone), hour: 0, minute: 0 };
    return this.page(
      user,
      { kind: 'today', today: dateText(today), tomorrowStarts: instantOf(nextDay(today), zone) },
      query,
    );
  }

  /** Open tasks due from today through the next `days` days in the caller's `timeZone`. */
  async upcoming(
    user: AuthenticatedUser,
    timeZone: string,
    days: number,
    query: ParsedListQuery,
  ): Promise<TaskPageDto> {
    const zone = checkTimeZone(timeZone);
    const today = { ...wallAt(new Date(), zone), hour: 0, minute: 0 };
    const end = nextDay(today, days);
    return this.page(
      user,
      {
        kind: 'upcoming',
        from: dateText(today),
        fromStarts: instantOf(today, zone),
        until: dateText(end),
        untilStarts: instantOf(end, zone),
      },
      query,
    );
  }

  async update(
    user: AuthenticatedUser,
    taskId: string,
    dto: UpdateTaskDto,
    expected: ExpectedVersions,
  ): Promise<TaskDto> {
    const title = dto.title === undefined ? undefined : cleanName(dto.title, TASK_TITLE_MAX, 'title');
    const notes = dto.notes === undefined ? undefined : cleanText(dto.notes, TASK_NOTES_MAX, 'notes');
    const labels = dto.labels === undefined ? undefined : cleanLabels(dto.labels);
    const deadline = cleanDeadline(dto.deadline);
    if (dto.timeZone !== undefined) {
      checkTimeZone(dto.timeZone);
    }
    return this.unitOfWork.run(async (tx) => {
      const task = await this.editableTask(tx, user.id, taskId);
      assertVersionMatches(expected, task.version);
      const zone = dto.timeZone ?? task.timeZone ?? 'UTC';
      let due: Due = task;
      if (dto.due !== undefined) {
        due = dto.due === null ? NO_DUE : dueOf(dto.due, zone);
      } else if (dto.timeZone !== undefined && task.dueOn) {
        // The same local due, in the new zone.
        due = dueFromWall(wallOfDue(task)!, task.dueTime !== null, zone);
      }
      const ruleChanged = dto.recurrence !== undefined || dto.due !== undefined || dto.timeZone !== undefined;
      if (ruleChanged) {
        const recurrence = this.rule(dto.recurrence === undefined ? task.recurrence : dto.recurrence, due);
        task.recurrence = recurrence?.rule ?? null;
        task.recurrenceAnchor = recurrence?.anchor ?? null;
      }
      if (dto.sectionId !== undefined) {
        await this.checkSection(tx, task.projectId, dto.sectionId);
        task.sectionId = dto.sectionId;
      }
      Object.assign(task, due);
      task.title = title ?? task.title;
      task.notes = notes ?? task.notes;
      task.labels = labels ?? task.labels;
      task.priority = dto.priority ?? task.priority;
      task.deadline = deadline === undefined ? task.deadline : deadline;
      task.remindMinutesBefore =
        dto.remindMinutesBefore === undefined ? task.remindMinutesBefore : dto.remindMinutesBefore;
      task.remindAt =
        dto.remindAt === undefined ? task.remindAt : dto.remindAt ? new Date(dto.remindAt) : null;
      task.version += 1;
      const saved = await this.tasks.save(tx, task);
      await this.syncReminder(tx, saved);
      return toTaskDto(saved);
    });
  }

  /** Deletes the task with its subtasks, completions and reminders. */
  async remove(user: AuthenticatedUser, taskId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.editableTask(tx, user.id, taskId);
      for (const id of [taskId, ...(await this.tasks.subtaskIds(tx, taskId))]) {
        await this.reminders.cancel(tx, 'task', id);
      }
      await this.tasks.remove(tx, taskId);
    });
  }

  /**
   * Completes the task's current occurrence, under the task's row lock: a recurring task records the
   * completion and moves its due to the next occurrence (in its zone), any other is done for good. With
   * If-Match, only at that version: N clients completing the occurrence they saw complete it once.
   */
  async complete(
    user: AuthenticatedUser,
    taskId: string,
    expected: ExpectedVersions,
  ): Promise<CompleteTaskResultDto> {
    return this.unitOfWork.run(async (tx) => {
      const task = await this.editableTask(tx, user.id, taskId);
      assertVersionMatches(expected, task.version);
      if (task.completedAt) {
        throw new TaskException(TaskErrorCode.TASK_COMPLETED, 'The task is completed already');
      }
      const completion = await this.tasks.addCompletion(tx, task.id, user.id, dueText(task) ?? 'once');
      if (!completion) {
        // Only a task whose due went back to an occurrence completed before gets here.
        throw new TaskException(
          TaskErrorCode.TASK_COMPLETED,
          'This occurrence of the task is completed already',
        );
      }
      const now = new Date();
      const current = wallOfDue(task);
      const following =
        task.recurrence && task.recurrenceAnchor && current
          ? nextOccurrence(task.recurrence, parseLocalDateTime(task.recurrenceAnchor)!, current)
          : null;
      // A rule whose next date is past MAX_YEAR has ended, as far as a task manager goes.
      const next = following && following.year <= MAX_YEAR ? following : null;
      if (next) {
        Object.assign(task, dueFromWall(next, task.dueTime !== null, task.timeZone ?? 'UTC'));
        if (task.remindAt && task.remindAt <= now) {
          task.remindAt = null;
        }
      } else {
        task.completedAt = now;
      }
      task.version += 1;
      const saved = await this.tasks.save(tx, task);
      await this.syncReminder(tx, saved);
      if (saved.projectId && (await this.projects.hasMembers(tx, saved.projectId))) {
        const project = (await this.projects.access(user.id, saved.projectId, tx))!.project;
        await this.achievements.record(tx, {
          userId: user.id,
          kind: 'task-completed',
          subjectId: saved.id,
          milestone: await this.tasks.completionCount(tx, saved.id),
          title: saved.title,
          visibility: project.shareCompletions,
        });
      }
      return { completion: toCompletionDto(completion), task: toTaskDto(saved) };
    });
  }

  /** The task's completions, newest first (to whoever sees the task). */
  async completions(
    user: AuthenticatedUser,
    taskId: string,
    query: ParsedListQuery,
  ): Promise<CompletionPageDto> {
    await this.get(user, taskId);
    return mapPage(await this.tasks.completions(taskId, query), toCompletionDto);
  }

  /** For the productivity profile: counts only, never a task's contents. */
  async productivityOf(userId: string): Promise<TaskProductivity> {
    const counts = await this.tasks.completedCounts(userId);
    return { completedLast7Days: counts.last7, completedLast30Days: counts.last30 };
  }

  private async page(user: AuthenticatedUser, view: TaskView, query: ParsedListQuery): Promise<TaskPageDto> {
    return mapPage(await this.tasks.list(user.id, view, query, TASK_LIST_QUERY.searchable ?? []), toTaskDto);
  }

  /** The rule as stored and its anchor (the due's wall time), or INVALID_RECURRENCE / INVALID_DUE. */
  private rule(input: string | null, due: Due): { rule: string; anchor: string } | null {
    if (input === null) {
      return null;
    }
    const anchor = wallOfDue(due);
    if (!anchor) {
      throw new TaskException(TaskErrorCode.INVALID_DUE, 'A recurring task needs a due to count from', {
        errors: [{ field: 'due', messages: ['required with recurrence'] }],
      });
    }
    try {
      const rule = normalizeRule(sanitizeText(input), anchor);
      const pad = (value: number): string => String(value).padStart(2, '0');
      return { rule, anchor: `${dateText(anchor)}T${pad(anchor.hour)}:${pad(anchor.minute)}` };
    } catch (error) {
      if (error instanceof RecurrenceError) {
        throw new TaskException(
          TaskErrorCode.INVALID_RECURRENCE,
          `The recurrence is not valid: ${error.message}`,
          {
            errors: [{ field: 'recurrence', messages: [error.message] }],
          },
        );
      }
      throw error;
    }
  }

  /** The owner's reminder of the task as its fields say: at `remindAt`, or minutes before the due. */
  private async syncReminder(tx: Tx, task: TaskEntity): Promise<void> {
    const dueInstant =
      task.dueAt ?? (task.dueOn ? instantOf(parseDate(task.dueOn)!, task.timeZone ?? 'UTC') : null);
    if (task.remindMinutesBefore !== null && !dueInstant) {
      throw new TaskException(TaskErrorCode.REMINDER_WITHOUT_DUE, 'A reminder before the due needs a due', {
        errors: [{ field: 'remindMinutesBefore', messages: ['needs a due'] }],
      });
    }
    const fireAt =
      task.remindAt ??
      (task.remindMinutesBefore !== null && dueInstant
        ? new Date(dueInstant.getTime() - task.remindMinutesBefore * 60_000)
        : null);
    if (task.completedAt || !fireAt) {
      await this.reminders.cancel(tx, 'task', task.id);
    } else {
      await this.reminders.schedule(tx, {
        userId: task.ownerId,
        subjectKind: 'task',
        subjectId: task.id,
        fireAt,
      });
    }
  }

  private async checkSection(tx: Tx, projectId: string | null, sectionId: string | null): Promise<void> {
    if (sectionId && (!projectId || !(await this.projects.section(tx, projectId, sectionId)))) {
      throw new TaskException(
        TaskErrorCode.SECTION_NOT_FOUND,
        "No section with this id in the task's project",
      );
    }
  }

  /** The task under its row lock, when the user may change it; 404 when they may not see it. */
  private async editableTask(tx: Tx, userId: string, taskId: string): Promise<TaskEntity> {
    const task = await this.tasks.lock(tx, taskId);
    const role = task ? await this.roleOf(tx, userId, task) : null;
    if (!task || !role) {
      throw this.notFound();
    }
    this.assertMayEdit(role);
    return task;
  }

  private assertMayEdit(role: Role): void {
    if (role === 'viewer') {
      throw new TaskException(
        TaskErrorCode.NOT_PROJECT_EDITOR,
        "A viewer reads the project's tasks; editors change them",
      );
    }
  }

  /** The user's role over the task, or null when they may not see it. */
  private async roleOf(tx: Tx | undefined, userId: string, task: TaskEntity): Promise<Role | null> {
    if (!task.projectId) {
      return task.ownerId === userId ? 'owner' : null;
    }
    return (await this.projects.access(userId, task.projectId, tx))?.role ?? null;
  }

  private notFound(): TaskException {
    return new TaskException(TaskErrorCode.TASK_NOT_FOUND, 'No task with this id that you may see');
  }
}
