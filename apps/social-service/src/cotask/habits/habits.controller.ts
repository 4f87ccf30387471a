import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CHECKIN_LIST_QUERY,
  CheckinDto,
  CheckinPageDto,
  CheckinResultDto,
  CreateCheckinDto,
  CreateFreezeDto,
  CreateHabitDto,
  HABIT_LIST_QUERY,
  HabitDto,
  HabitPageDto,
  UpdateHabitDto,
} from './habits.dto.js';
import { ApiHabitErrors } from './habits.errors.js';
import { HabitsService } from './habits.service.js';
import { ApiSocialErrors } from '../../social.errors.js';

/** The caller's habits (issue 19): each is seen and changed by its owner only; anyone else gets a 404. */
@ApiTags('habits')
@Controller('habits')
@Authenticated()
export class HabitsController {
  constructor(private readonly habits: HabitsService) {}

  @Post()
  @ApiCreatedResponse({ type: HabitDto })
  @ApiSocialErrors('PROFILE_REQUIRED')
  @ApiHabitErrors(
    'HABIT_EMPTY_TITLE',
    'HABIT_TEXT_TOO_LONG',
    'HABIT_INVALID_TARGET',
    'HABIT_INVALID_SCHEDULE',
    'HABIT_INVALID_TIME_ZONE',
    'HABIT_INVALID_DATE',
    'HABIT_DATE_OUT_OF_RANGE',
  )
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateHabitDto): Promise<HabitDto> {
    return this.habits.create(user, dto);
  }

  @Get()
  @ApiListQuery(HABIT_LIST_QUERY)
  @ApiOkResponse({ type: HabitPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(HABIT_LIST_QUERY) query: ParsedListQuery,
  ): Promise<HabitPageDto> {
    return this.habits.list(user, query);
  }

  /** The habit with its strength (0–100), current streak and best streak. */
  @Get(':id')
  @ApiOkResponse({ type: HabitDto })
  @ApiHabitErrors('HABIT_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<HabitDto> {
    return this.habits.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: HabitDto })
  @ApiHabitErrors(
    'HABIT_NOT_FOUND',
    'HABIT_EMPTY_TITLE',
    'HABIT_TEXT_TOO_LONG',
    'HABIT_INVALID_TARGET',
    'HABIT_INVALID_SCHEDULE',
    'HABIT_INVALID_TIME_ZONE',
  )
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateHabitDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<HabitDto> {
    return this.habits.update(user, id, dto, expected);
  }

  /** Deletes the habit with its check-ins (its achievements stay). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiHabitErrors('HABIT_NOT_FOUND')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.habits.remove(user, id);
  }

  /** Checks in on a day (default today in the habit's zone): 201 for a new day, 200 when it updated the day. */
  @Post(':id/checkins')
  @ApiCreatedResponse({ type: CheckinResultDto })
  @ApiOkResponse({
    type: CheckinResultDto,
    description: 'The day already had a check-in (or a freeze): updated',
  })
  @ApiHabitErrors(
    'HABIT_NOT_FOUND',
    'HABIT_ARCHIVED',
    'HABIT_INVALID_DATE',
    'HABIT_DATE_OUT_OF_RANGE',
    'HABIT_VALUE_NOT_ALLOWED',
    'HABIT_VALUE_REQUIRED',
    'HABIT_TEXT_TOO_LONG',
  )
  async checkIn(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CreateCheckinDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckinResultDto> {
    const { result, created } = await this.habits.checkIn(user, id, dto);
    reply.status(created ? 201 : 200);
    return result;
  }

  /** The habit's days (check-ins and freezes), latest first. */
  @Get(':id/checkins')
  @ApiListQuery(CHECKIN_LIST_QUERY)
  @ApiOkResponse({ type: CheckinPageDto })
  @ApiHabitErrors('HABIT_NOT_FOUND')
  checkins(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(CHECKIN_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CheckinPageDto> {
    return this.habits.listDays(user, id, query);
  }

  /** Deletes the day's check-in or freeze. */
  @Delete(':id/checkins/:date')
  @HttpCode(204)
  @ApiParam({ name: 'date', format: 'date', type: String })
  @ApiNoContentResponse()
  @ApiHabitErrors('HABIT_NOT_FOUND', 'HABIT_INVALID_DATE', 'HABIT_CHECKIN_NOT_FOUND')
  removeCheckin(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Param('date') date: string,
  ): Promise<void> {
    return this.habits.removeDay(user, id, date);
  }

  /** Plans a freeze: a day (today to 30 days ahead, one per week) that keeps the streak though missed. */
  @Post(':id/freezes')
  @ApiCreatedResponse({ type: CheckinDto })
  @ApiOkResponse({ type: CheckinDto, description: 'The day was already frozen' })
  @ApiHabitErrors(
    'HABIT_NOT_FOUND',
    'HABIT_ARCHIVED',
    'HABIT_INVALID_DATE',
    'HABIT_FREEZE_NOT_AHEAD',
    'HABIT_FREEZE_LIMIT',
    'HABIT_DAY_CHECKED_IN',
  )
  async freeze(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CreateFreezeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckinDto> {
    const { result, created } = await this.habits.freeze(user, id, dto);
    reply.status(created ? 201 : 200);
    return result;
  }
}
