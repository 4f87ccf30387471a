import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../../social.errors.js';
import { CreateGoalDto, GOAL_LIST_QUERY, GoalDto, GoalPageDto, UpdateGoalDto } from './goals.dto.js';
import { ApiHabitErrors } from '../habits/habits.errors.js';
import { ApiTaskErrors } from '../tasks/tasks.errors.js';
import { ApiGoalErrors } from './goals.errors.js';
import { GoalsService } from './goals.service.js';
import { BulkWriteLimit } from '../bulk-write-limit.js';

/** The concretizer: a vague goal in, a plan of concrete tasks, habits and decks out, made when accepted. */
@ApiTags('goals')
@Controller('goals')
@Authenticated()
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  /** A goal with a deadline; the answer carries the proposed plan, which nothing is made of until accepted. */
  @Post()
  @ApiCreatedResponse({ type: GoalDto })
  @ApiGoalErrors('GOAL_DEADLINE_OUT_OF_RANGE', 'GOAL_PLAN_INVALID')
  @ApiTaskErrors('INVALID_TIME_ZONE')
  @ApiSocialErrors('PROFILE_REQUIRED', 'TEXT_TOO_LONG')
  propose(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateGoalDto): Promise<GoalDto> {
    return this.goals.propose(user, dto);
  }

  @Get()
  @ApiListQuery(GOAL_LIST_QUERY)
  @ApiOkResponse({ type: GoalPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(GOAL_LIST_QUERY) query: ParsedListQuery,
  ): Promise<GoalPageDto> {
    return this.goals.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: GoalDto })
  @ApiGoalErrors('GOAL_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<GoalDto> {
    return this.goals.get(user, id);
  }

  /** Edits the proposal before it is accepted: the title, and the whole plan as it should be made. */
  @Patch(':id')
  @ApiOkResponse({ type: GoalDto })
  @ApiGoalErrors('GOAL_NOT_FOUND', 'GOAL_ALREADY_ACCEPTED', 'GOAL_PLAN_INVALID')
  @ApiSocialErrors('TEXT_TOO_LONG')
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateGoalDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<GoalDto> {
    return this.goals.update(user, id, dto, expected);
  }

  /**
   * Makes the plan as it stands: its decks, tasks and habits, all at once or none (a refused item answers with its
   * block's code, e.g. INVALID_RECURRENCE, and the goal stays proposed).
   */
  @Post(':id/accept')
  @BulkWriteLimit('goal-accept', 'Too many goals accepted from this account')
  @HttpCode(200)
  @ApiOkResponse({ type: GoalDto })
  @ApiGoalErrors('GOAL_NOT_FOUND', 'GOAL_ALREADY_ACCEPTED')
  @ApiTaskErrors('INVALID_RECURRENCE', 'INVALID_DUE')
  @ApiHabitErrors('HABIT_INVALID_TARGET', 'HABIT_INVALID_SCHEDULE')
  @ApiSocialErrors('PROFILE_REQUIRED', 'TEXT_TOO_LONG')
  accept(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<GoalDto> {
    return this.goals.accept(user, id);
  }

  /** Deletes the goal; what accepting it made stays. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiGoalErrors('GOAL_NOT_FOUND')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.goals.remove(user, id);
  }
}
