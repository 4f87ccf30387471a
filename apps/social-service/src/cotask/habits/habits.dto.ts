import { DecimalNumber, Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SHARE_VISIBILITIES, type ShareVisibility } from '../achievements/achievement.types.js';
import {
  CHECKIN_KINDS,
  HABIT_SCHEDULES,
  HABIT_TYPES,
  type CheckinKind,
  type HabitScheduleKind,
  type HabitStats,
  type HabitType,
} from './habit-schedule.js';
import type { HabitCheckinEntity } from './habit-checkin.entity.js';
import type { HabitEntity } from './habit.entity.js';

export const HABIT_TITLE_MAX_LENGTH = 200;
export const HABIT_UNIT_MAX_LENGTH = 20;
export const CHECKIN_NOTE_MAX_LENGTH = 1000;
/** The largest target or value a numeric habit takes (a day's amount). */
export const HABIT_AMOUNT_MAX = 1_000_000;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** The caller's habits: newest first; `sort=title`; `filter[archived]=false`. */
export const HABIT_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', title: 'string', archived: 'boolean', type: 'string', schedule: 'string' },
  sortable: ['createdAt', 'title'],
  defaultSort: '-createdAt',
};

/** A habit's days: the latest first; `filter[kind]=freeze`. */
export const CHECKIN_LIST_QUERY: ListQuerySpec = {
  fields: { date: 'date', kind: 'string' },
  sortable: ['date'],
  defaultSort: '-date',
};

export class CreateHabitDto {
  @ApiProperty({ maxLength: HABIT_TITLE_MAX_LENGTH, example: 'Drink water' })
  @IsString()
  @MaxLength(HABIT_TITLE_MAX_LENGTH * 2)
  title!: string;

  @ApiPropertyOptional({ enum: HABIT_TYPES, default: 'yes-no' })
  @Omittable()
  @IsIn(HABIT_TYPES)
  type?: HabitType;

  @ApiPropertyOptional({
    description: "A numeric habit's amount per day (required for numeric, refused for yes/no)",
    minimum: 0.001,
    maximum: HABIT_AMOUNT_MAX,
    example: 3,
  })
  @Omittable()
  @DecimalNumber(3)
  @Min(0.001)
  @Max(HABIT_AMOUNT_MAX)
  target?: number;

  @ApiPropertyOptional({ maxLength: HABIT_UNIT_MAX_LENGTH, example: 'cups' })
  @Omittable()
  @IsString()
  @MaxLength(HABIT_UNIT_MAX_LENGTH * 2)
  unit?: string;

  @ApiPropertyOptional({ enum: HABIT_SCHEDULES, default: 'daily' })
  @Omittable()
  @IsIn(HABIT_SCHEDULES)
  schedule?: HabitScheduleKind;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 7,
    description: 'For `weekly`: N times a week',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(7)
  timesPerWeek?: number;

  @ApiPropertyOptional({
    type: [Number],
    description: 'For `weekdays`: ISO weekdays, 1 = Monday … 7 = Sunday',
    example: [1, 3, 5],
  })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];

  @ApiPropertyOptional({
    default: 'UTC',
    example: 'Europe/Moscow',
    description: 'IANA zone whose days count',
  })
  @Omittable()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ pattern: TIME_PATTERN.source, example: '08:30', nullable: true })
  @IsOptional()
  @Matches(TIME_PATTERN, { message: 'reminderTime must be HH:MM (00:00 to 23:59)' })
  reminderTime?: string | null;

  @ApiPropertyOptional({
    enum: SHARE_VISIBILITIES,
    default: 'private',
    description: 'Who sees streak milestones',
  })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareMilestones?: ShareVisibility;

  @ApiPropertyOptional({
    format: 'date',
    description:
      "The first day (default today in the habit's zone); not in the future, not before 2000-01-01",
  })
  @Omittable()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;
}

/** An edit: the fields sent change; a new `schedule` takes its own timesPerWeek or weekdays. */
export class UpdateHabitDto {
  @ApiPropertyOptional({ maxLength: HABIT_TITLE_MAX_LENGTH })
  @Omittable()
  @IsString()
  @MaxLength(HABIT_TITLE_MAX_LENGTH * 2)
  title?: string;

  @ApiPropertyOptional({ minimum: 0.001, maximum: HABIT_AMOUNT_MAX })
  @Omittable()
  @DecimalNumber(3)
  @Min(0.001)
  @Max(HABIT_AMOUNT_MAX)
  target?: number;

  @ApiPropertyOptional({ maxLength: HABIT_UNIT_MAX_LENGTH })
  @Omittable()
  @IsString()
  @MaxLength(HABIT_UNIT_MAX_LENGTH * 2)
  unit?: string;

  @ApiPropertyOptional({ enum: HABIT_SCHEDULES })
  @Omittable()
  @IsIn(HABIT_SCHEDULES)
  schedule?: HabitScheduleKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 7 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(7)
  timesPerWeek?: number;

  @ApiPropertyOptional({ type: [Number] })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];

  @ApiPropertyOptional({ example: 'Europe/Moscow' })
  @Omittable()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ pattern: TIME_PATTERN.source, nullable: true, description: 'null: no reminder' })
  @IsOptional()
  @Matches(TIME_PATTERN, { message: 'reminderTime must be HH:MM (00:00 to 23:59)' })
  reminderTime?: string | null;

  @ApiPropertyOptional({ enum: SHARE_VISIBILITIES })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareMilestones?: ShareVisibility;

  @ApiPropertyOptional({ description: 'An archived habit takes no check-ins and no reminders' })
  @Omittable()
  @IsBoolean()
  archived?: boolean;
}

export class CreateCheckinDto {
  @ApiPropertyOptional({ format: 'date', description: "The local day (default today in the habit's zone)" })
  @Omittable()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: HABIT_AMOUNT_MAX,
    description: 'Numeric habits only: the amount',
  })
  @Omittable()
  @DecimalNumber(3)
  @Min(0)
  @Max(HABIT_AMOUNT_MAX)
  value?: number;

  @ApiPropertyOptional({ maxLength: CHECKIN_NOTE_MAX_LENGTH })
  @Omittable()
  @IsString()
  @MaxLength(CHECKIN_NOTE_MAX_LENGTH * 2)
  note?: string;
}

export class CreateFreezeDto {
  @ApiProperty({
    format: 'date',
    description: 'A day from today to 30 days ahead, one per week (Monday–Sunday)',
  })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}

export class HabitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'The ETag; If-Match on PATCH' })
  version!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: HABIT_TYPES })
  type!: HabitType;

  @ApiProperty({ type: Number, nullable: true })
  target!: number | null;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ enum: HABIT_SCHEDULES })
  schedule!: HabitScheduleKind;

  @ApiProperty({ type: 'integer', nullable: true })
  timesPerWeek!: number | null;

  @ApiProperty({ type: [Number] })
  weekdays!: number[];

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ type: String, nullable: true })
  reminderTime!: string | null;

  @ApiProperty({ enum: SHARE_VISIBILITIES })
  shareMilestones!: ShareVisibility;

  @ApiProperty()
  archived!: boolean;

  @ApiProperty({ format: 'date' })
  startDate!: string;

  @ApiProperty({ format: 'date', description: "Today in the habit's zone" })
  today!: string;

  @ApiProperty({ description: "Loop Habit Tracker's score as a percentage, 0–100 (one decimal)" })
  strength!: number;

  @ApiProperty({ type: 'integer', description: 'Days checked in of the current unbroken run' })
  streak!: number;

  @ApiProperty({ type: 'integer' })
  bestStreak!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const HabitPageDto = PageOf(HabitDto);
export type HabitPageDto = Page<HabitDto>;

export class CheckinDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  habitId!: string;

  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty({ enum: CHECKIN_KINDS, description: '`freeze`: a day planned off that keeps the streak' })
  kind!: CheckinKind;

  @ApiProperty({ type: Number, nullable: true })
  value!: number | null;

  @ApiProperty()
  note!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const CheckinPageDto = PageOf(CheckinDto);
export type CheckinPageDto = Page<CheckinDto>;

export function toHabitDto(habit: HabitEntity, stats: HabitStats, today: string): HabitDto {
  return {
    id: habit.id,
    version: habit.version,
    title: habit.title,
    type: habit.type,
    target: habit.target,
    unit: habit.unit,
    schedule: habit.schedule,
    timesPerWeek: habit.timesPerWeek,
    weekdays: habit.weekdays,
    timeZone: habit.timeZone,
    reminderTime: habit.reminderTime,
    shareMilestones: habit.shareMilestones,
    archived: habit.archived,
    startDate: habit.startDate,
    today,
    strength: Math.round(stats.strength * 1000) / 10,
    streak: stats.streak,
    bestStreak: stats.bestStreak,
    createdAt: habit.createdAt.toISOString(),
    updatedAt: habit.updatedAt.toISOString(),
  };
}

export function toCheckinDto(checkin: HabitCheckinEntity): CheckinDto {
  return {
    id: checkin.id,
    habitId: checkin.habitId,
    date: checkin.date,
    kind: checkin.kind,
    value: checkin.value,
    note: checkin.note,
    createdAt: checkin.createdAt.toISOString(),
    updatedAt: checkin.updatedAt.toISOString(),
  };
}

/** A check-in as written, with its habit's strength and streaks after it. */
export class CheckinResultDto {
  @ApiProperty({ type: () => CheckinDto })
  checkin!: CheckinDto;

  @ApiProperty({ type: () => HabitDto })
  habit!: HabitDto;
}
