import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { TaskCompletionEntity } from './task-completion.entity.js';
import type { TaskEntity } from './task.entity.js';

export const TASK_TITLE_MAX = 500;
export const TASK_NOTES_MAX = 10_000;
export const LABELS_MAX = 20;
export const LABEL_MAX = 50;
/** Four weeks. */
export const REMIND_MINUTES_MAX = 40_320;

const TASK_FIELDS = {
  createdAt: 'date',
  dueOn: 'date',
  deadline: 'date',
  priority: 'integer',
  completedAt: 'date',
  projectId: 'uuid',
  sectionId: 'uuid',
  parentId: 'uuid',
  title: 'string',
} as const;

/**
 * The caller's tasks and those of projects shared with them. Newest first; `sort=dueOn` or `sort=priority`;
 * `filter[projectId]=`, `filter[parentId]=` (a task's subtasks), `filter[completedAt][null]=true` (open
 * ones); `search=` in titles.
 */
export const TASK_LIST_QUERY: ListQuerySpec = {
  fields: TASK_FIELDS,
  sortable: ['createdAt', 'dueOn', 'priority'],
  searchable: ['title'],
  defaultSort: '-createdAt',
};

/** `GET /tasks/today` and `/tasks/upcoming`: by due date, then priority; `?timeZone=` is the caller's. */
export const TASK_VIEW_QUERY: ListQuerySpec = {
  fields: TASK_FIELDS,
  sortable: ['dueOn', 'priority', 'createdAt'],
  searchable: ['title'],
  defaultSort: 'dueOn,priority',
  parameters: ['timeZone', 'days'],
};

/** Newest first. */
export const COMPLETION_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', userId: 'uuid' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};

const DUE_DESCRIPTION =
  'A date (`2026-03-16`), or a local date-time (`2026-03-16T09:00`) in `timeZone`; null clears it';
const RECURRENCE_DESCRIPTION =
  'An RFC 5545 rule (`FREQ=WEEKLY;BYDAY=MO`, daily to yearly) or plain English ("every 2 weeks on Monday"); ' +
  'counted from the due, in its time zone. Null stops it';

export class CreateTaskDto {
  @ApiProperty({ maxLength: TASK_TITLE_MAX })
  @IsString()
  @MaxLength(TASK_TITLE_MAX * 2)
  title!: string;

  @ApiPropertyOptional({ maxLength: TASK_NOTES_MAX })
  @Omittable()
  @IsString()
  @MaxLength(TASK_NOTES_MAX * 2)
  notes?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LABELS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(LABELS_MAX)
  @IsString({ each: true })
  @MaxLength(LABEL_MAX * 2, { each: true })
  labels?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 4,
    default: 4,
    description: '1 is the most urgent',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(4)
  priority?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A project the caller owns or edits; none: a personal task',
  })
  @Omittable()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A section of the task's project" })
  @Omittable()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Makes it a subtask of this task (one level deep)' })
  @Omittable()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: DUE_DESCRIPTION })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  due?: string | null;

  @ApiPropertyOptional({ description: 'IANA time zone of the due (default UTC)', example: 'Europe/Berlin' })
  @Omittable()
  @IsString()
  @MaxLength(100)
  timeZone?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'A hard date apart from the due',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  deadline?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: RECURRENCE_DESCRIPTION })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  recurrence?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: REMIND_MINUTES_MAX,
    description: "A reminder this many minutes before the due (each occurrence's when it recurs)",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(REMIND_MINUTES_MAX)
  remindMinutesBefore?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A reminder at this instant',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateString({ strict: true })
  remindAt?: string | null;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ maxLength: TASK_TITLE_MAX })
  @Omittable()
  @IsString()
  @MaxLength(TASK_TITLE_MAX * 2)
  title?: string;

  @ApiPropertyOptional({ maxLength: TASK_NOTES_MAX })
  @Omittable()
  @IsString()
  @MaxLength(TASK_NOTES_MAX * 2)
  notes?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LABELS_MAX })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(LABELS_MAX)
  @IsString({ each: true })
  @MaxLength(LABEL_MAX * 2, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(4)
  priority?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "A section of the task's project",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  sectionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: DUE_DESCRIPTION })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  due?: string | null;

  @ApiPropertyOptional({ description: 'IANA time zone of the due', example: 'Europe/Berlin' })
  @Omittable()
  @IsString()
  @MaxLength(100)
  timeZone?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  deadline?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: RECURRENCE_DESCRIPTION })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  recurrence?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: REMIND_MINUTES_MAX })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(REMIND_MINUTES_MAX)
  remindMinutesBefore?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateString({ strict: true })
  remindAt?: string | null;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'Who created it' })
  ownerId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  projectId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sectionId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The task it is a subtask of' })
  parentId!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  notes!: string;

  @ApiProperty({ type: [String] })
  labels!: string[];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  priority!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The due as set: a date or a local date-time' })
  due!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The instant of a due with a time',
  })
  dueAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'IANA time zone of the due' })
  timeZone!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  deadline!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The RFC 5545 rule, e.g. `INTERVAL=2;FREQ=WEEKLY;BYDAY=MO`',
  })
  recurrence!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  remindMinutesBefore!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set once it is done for good',
  })
  completedAt!: string | null;

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH and complete' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const TaskPageDto = PageOf(TaskDto);
export type TaskPageDto = Page<TaskDto>;

export class CompletionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ format: 'uuid', description: 'Who completed it' })
  userId!: string;

  @ApiProperty({
    description: 'The due completed (`2026-03-16` or `2026-03-16T09:00`), `once` without a due',
  })
  occurrence!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const CompletionPageDto = PageOf(CompletionDto);
export type CompletionPageDto = Page<CompletionDto>;

export class CompleteTaskResultDto {
  @ApiProperty({ type: CompletionDto })
  completion!: CompletionDto;

  @ApiProperty({ type: TaskDto, description: 'The task after it: completed, or due at its next occurrence' })
  task!: TaskDto;
}

/** Aggregate counts for a productivity profile: never a task's contents. */
export interface TaskProductivity {
  readonly completedLast7Days: number;
  readonly completedLast30Days: number;
}

export function dueText(task: TaskEntity): string | null {
  if (!task.dueOn) {
    return null;
  }
  return task.dueTime ? `${task.dueOn}T${task.dueTime}` : task.dueOn;
}

export function toTaskDto(task: TaskEntity): TaskDto {
  return {
    id: task.id,
    ownerId: task.ownerId,
    projectId: task.projectId,
    sectionId: task.sectionId,
    parentId: task.parentId,
    title: task.title,
    notes: task.notes,
    labels: task.labels,
    priority: task.priority,
    due: dueText(task),
    dueAt: task.dueAt?.toISOString() ?? null,
    timeZone: task.timeZone,
    deadline: task.deadline,
    recurrence: task.recurrence,
    remindMinutesBefore: task.remindMinutesBefore,
    remindAt: task.remindAt?.toISOString() ?? null,
    completedAt: task.completedAt?.toISOString() ?? null,
    version: task.version,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function toCompletionDto(completion: TaskCompletionEntity): CompletionDto {
  return {
    id: completion.id,
    taskId: completion.taskId,
    userId: completion.userId,
    occurrence: completion.occurrence,
    createdAt: completion.createdAt.toISOString(),
  };
}
