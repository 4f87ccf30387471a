import { DecimalNumber, IsCalendarDate, NestedObject } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CATALOG_DECK_SOURCES,
  GOAL_TEMPLATES,
  PLANNED_WEEKDAYS,
  type CatalogDeckSource,
  type GoalTemplate,
  type PlannedWeekday,
} from './goal-plan.js';
import { GOAL_STATUSES, type GoalEntity, type GoalStatus } from './goal.entity.js';

export const GOAL_TITLE_MAX_LENGTH = 200;
export const PLAN_TEXT_MAX_LENGTH = 200;
export const PLAN_NOTES_MAX_LENGTH = 2000;
export const PLAN_TASKS_MAX = 50;
export const PLAN_HABITS_MAX = 10;
export const PLAN_DECKS_MAX = 5;
/** A numeric habit's daily target is at most this. */
export const PLAN_TARGET_MAX = 100_000;
const SCHEDULE_KINDS = ['daily', 'times-per-week', 'weekdays'] as const;

/** The caller's goals, newest first. */
export const GOAL_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', status: 'string' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};

export class CreateGoalDto {
  @ApiProperty({ maxLength: GOAL_TITLE_MAX_LENGTH, example: 'Learn the coffee origins by March' })
  @IsString()
  @MaxLength(GOAL_TITLE_MAX_LENGTH * 2)
  title!: string;

  @ApiProperty({ format: 'date', example: '2027-03-01', description: "After today in the goal's time zone" })
  @IsCalendarDate()
  deadline!: string;

  @ApiPropertyOptional({
    default: 'UTC',
    example: 'Europe/Moscow',
    description: 'IANA time zone of the dates (INVALID_TIME_ZONE otherwise)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  timeZone?: string;
}

export class PlannedTaskDto {
  @ApiProperty({ maxLength: PLAN_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_TEXT_MAX_LENGTH * 2)
  title!: string;

  @ApiProperty({ type: String, nullable: true, maxLength: PLAN_NOTES_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_NOTES_MAX_LENGTH * 2)
  notes!: string | null;

  @ApiProperty({ format: 'date', description: 'The first (or only) due date' })
  @IsCalendarDate()
  due!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'FREQ=WEEKLY;COUNT=8',
    description:
      'An RFC 5545 rule (or plain words, as POST /tasks takes) from `due` on; null for a one-off task',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  recurrence!: string | null;

  @ApiProperty({ minimum: 1, maximum: 4, description: '1 is the most urgent' })
  @IsInt()
  @Min(1)
  @Max(4)
  priority!: 1 | 2 | 3 | 4;
}

export class PlannedScheduleDto {
  @ApiProperty({ enum: SCHEDULE_KINDS })
  @IsIn(SCHEDULE_KINDS)
  kind!: (typeof SCHEDULE_KINDS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'With `times-per-week`' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  times?: number;

  @ApiPropertyOptional({ enum: PLANNED_WEEKDAYS, isArray: true, description: 'With `weekdays`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(PLANNED_WEEKDAYS, { each: true })
  days?: PlannedWeekday[];
}

export class PlannedHabitDto {
  @ApiProperty({ maxLength: PLAN_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_TEXT_MAX_LENGTH * 2)
  title!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    maximum: PLAN_TARGET_MAX,
    description: 'A daily amount; null for yes/no',
  })
  @IsOptional()
  @DecimalNumber(2)
  @Min(0.01)
  @Max(PLAN_TARGET_MAX)
  target!: number | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 20, example: 'km' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  unit!: string | null;

  @ApiProperty({ type: () => PlannedScheduleDto })
  @NestedObject(() => PlannedScheduleDto)
  schedule!: PlannedScheduleDto;
}

export class PlannedDeckDto {
  @ApiProperty({ maxLength: PLAN_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_TEXT_MAX_LENGTH * 2)
  title!: string;

  @ApiProperty({
    enum: CATALOG_DECK_SOURCES,
    nullable: true,
    description: 'A deck the catalog generates, to take; null for a new empty deck',
  })
  @IsOptional()
  @IsIn(CATALOG_DECK_SOURCES)
  source!: CatalogDeckSource | null;
}

export class GoalPlanDto {
  @ApiProperty({ enum: GOAL_TEMPLATES, description: 'The template the concretizer chose' })
  @IsIn(GOAL_TEMPLATES)
  template!: GoalTemplate;

  @ApiProperty({ type: [PlannedTaskDto], maxItems: PLAN_TASKS_MAX })
  @IsArray()
  @ArrayMaxSize(PLAN_TASKS_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlannedTaskDto)
  tasks!: PlannedTaskDto[];

  @ApiProperty({ type: [PlannedHabitDto], maxItems: PLAN_HABITS_MAX })
  @IsArray()
  @ArrayMaxSize(PLAN_HABITS_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlannedHabitDto)
  habits!: PlannedHabitDto[];

  @ApiProperty({ type: [PlannedDeckDto], maxItems: PLAN_DECKS_MAX })
  @IsArray()
  @ArrayMaxSize(PLAN_DECKS_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlannedDeckDto)
  decks!: PlannedDeckDto[];
}

/** An edit of a proposed goal: its title, and the plan as the user wants it made. */
export class UpdateGoalDto {
  @ApiPropertyOptional({ maxLength: GOAL_TITLE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(GOAL_TITLE_MAX_LENGTH * 2)
  title?: string;

  @ApiPropertyOptional({ type: () => GoalPlanDto })
  @IsOptional()
  @NestedObject(() => GoalPlanDto)
  plan?: GoalPlanDto;
}

export class GoalOutcomeDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  taskIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  habitIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  deckIds!: string[];
}

export class GoalDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date' })
  deadline!: string;

  @ApiProperty({ example: 'Europe/Moscow' })
  timeZone!: string;

  @ApiProperty({ enum: GOAL_STATUSES, description: '`proposed`: editable; `accepted`: its plan was made' })
  status!: GoalStatus;

  @ApiProperty({ type: () => GoalPlanDto })
  plan!: GoalPlanDto;

  @ApiProperty({
    type: () => GoalOutcomeDto,
    nullable: true,
    description: 'What accepting made; null before',
  })
  outcome!: GoalOutcomeDto | null;

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt!: string | null;
}

export const GoalPageDto = PageOf(GoalDto);
export type GoalPageDto = Page<GoalDto>;

export function toGoalDto(goal: GoalEntity): GoalDto {
  return {
    id: goal.id,
    title: goal.title,
    deadline: goal.deadline,
    timeZone: goal.timeZone,
    status: goal.status,
    plan: {
      template: goal.plan.template,
      tasks: goal.plan.tasks.map((task) => ({ ...task })),
      habits: goal.plan.habits.map((habit) => ({
        title: habit.title,
        target: habit.target,
        unit: habit.unit,
        schedule: {
          ...habit.schedule,
          days: 'days' in habit.schedule ? [...habit.schedule.days] : undefined,
        },
      })),
      decks: goal.plan.decks.map((deck) => ({ ...deck })),
    },
    outcome: goal.outcome
      ? {
          taskIds: [...goal.outcome.taskIds],
          habitIds: [...goal.outcome.habitIds],
          deckIds: [...goal.outcome.deckIds],
        }
      : null,
    version: goal.version,
    createdAt: goal.createdAt.toISOString(),
    acceptedAt: goal.acceptedAt?.toISOString() ?? null,
  };
}
