import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import {
  Body,
  Controller,
  createParamDecorator,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiSocialErrors } from '../../social.errors.js';
import {
  COMPLETION_LIST_QUERY,
  CompleteTaskResultDto,
  CompletionPageDto,
  CreateTaskDto,
  TASK_LIST_QUERY,
  TASK_VIEW_QUERY,
  TaskDto,
  TaskPageDto,
  UpdateTaskDto,
} from './tasks.dto.js';
import { ApiTaskErrors, TaskErrorCode, TaskException } from './tasks.errors.js';
import { checkTimeZone, TasksService, UPCOMING_DAYS_DEFAULT, UPCOMING_DAYS_MAX } from './tasks.service.js';

type ViewQuery = FastifyRequest<{ Querystring: { timeZone?: unknown; days?: unknown } }>;

function lastOf(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[value.length - 1] : value;
}

/** `?timeZone=` of the views: an IANA zone (default UTC), INVALID_TIME_ZONE otherwise. */
const TimeZoneQuery = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const value = lastOf(context.switchToHttp().getRequest<ViewQuery>().query.timeZone);
  return value === undefined ? 'UTC' : checkTimeZone(typeof value === 'string' ? value : '');
});

/** `?days=` of the upcoming view: 1 to UPCOMING_DAYS_MAX (default 7). */
const DaysQuery = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const value = lastOf(context.switchToHttp().getRequest<ViewQuery>().query.days);
  if (value === undefined) {
    return UPCOMING_DAYS_DEFAULT;
  }
  const days = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= UPCOMING_DAYS_MAX)) {
    throw new TaskException(
      TaskErrorCode.INVALID_DUE,
      `days is a whole number from 1 to ${UPCOMING_DAYS_MAX}`,
      {
        errors: [{ field: 'days', messages: [`1 to ${UPCOMING_DAYS_MAX}`] }],
      },
    );
  }
  return days;
});

const ApiTimeZoneQuery = () =>
  ApiQuery({ name: 'timeZone', required: false, description: "The caller's IANA time zone (default UTC)" });

/** CoTask tasks (issue 19). Someone else's task (not shared with the caller) is a 404. */
@ApiTags('tasks')
@Controller('tasks')
@Authenticated()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @ApiCreatedResponse({ type: TaskDto })
  @ApiTaskErrors(
    'EMPTY_TITLE',
    'PROJECT_NOT_FOUND',
    'NOT_PROJECT_EDITOR',
    'SECTION_NOT_FOUND',
    'PARENT_TASK_NOT_FOUND',
    'SUBTASK_TOO_DEEP',
    'INVALID_DUE',
    'INVALID_TIME_ZONE',
    'INVALID_RECURRENCE',
    'REMINDER_WITHOUT_DUE',
  )
  @ApiSocialErrors('TEXT_TOO_LONG')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateTaskDto): Promise<TaskDto> {
    return this.tasks.create(user, dto);
  }

  /** The caller's tasks and those of projects shared with them. */
  @Get()
  @ApiListQuery(TASK_LIST_QUERY)
  @ApiOkResponse({ type: TaskPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(TASK_LIST_QUERY) query: ParsedListQuery,
  ): Promise<TaskPageDto> {
    return this.tasks.list(user, query);
  }

  /** Open tasks due today (or overdue) in the caller's time zone. */
  @Get('today')
  @ApiListQuery(TASK_VIEW_QUERY)
  @ApiTimeZoneQuery()
  @ApiOkResponse({ type: TaskPageDto })
  @ApiTaskErrors('INVALID_TIME_ZONE')
  today(
    @CurrentUser() user: AuthenticatedUser,
    @TimeZoneQuery() timeZone: string,
    @ListQuery(TASK_VIEW_QUERY) query: ParsedListQuery,
  ): Promise<TaskPageDto> {
    return this.tasks.today(user, timeZone, query);
  }

  /** Open tasks due from today through the next `days` days (default 7) in the caller's time zone. */
  @Get('upcoming')
  @ApiListQuery(TASK_VIEW_QUERY)
  @ApiTimeZoneQuery()
  @ApiQuery({
    name: 'days',
    required: false,
    type: 'integer',
    description: `1 to ${UPCOMING_DAYS_MAX} (default 7)`,
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiTaskErrors('INVALID_TIME_ZONE', 'INVALID_DUE')
  upcoming(
    @CurrentUser() user: AuthenticatedUser,
    @TimeZoneQuery() timeZone: string,
    @DaysQuery() days: number,
    @ListQuery(TASK_VIEW_QUERY) query: ParsedListQuery,
  ): Promise<TaskPageDto> {
    return this.tasks.upcoming(user, timeZone, days, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  @ApiTaskErrors('TASK_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<TaskDto> {
    return this.tasks.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TaskDto })
  @ApiTaskErrors(
    'TASK_NOT_FOUND',
    'NOT_PROJECT_EDITOR',
    'EMPTY_TITLE',
    'SECTION_NOT_FOUND',
    'INVALID_DUE',
    'INVALID_TIME_ZONE',
    'INVALID_RECURRENCE',
    'REMINDER_WITHOUT_DUE',
  )
  @ApiSocialErrors('TEXT_TOO_LONG')
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTaskDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<TaskDto> {
    return this.tasks.update(user, id, dto, expected);
  }

  /** Deletes the task with its subtasks and reminders. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiTaskErrors('TASK_NOT_FOUND', 'NOT_PROJECT_EDITOR')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.tasks.remove(user, id);
  }

  /** Completes the current occurrence: a recurring task moves to its next one, any other is done. */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CompleteTaskResultDto })
  @ApiTaskErrors('TASK_NOT_FOUND', 'NOT_PROJECT_EDITOR', 'TASK_COMPLETED')
  @ApiConditionalWrite()
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CompleteTaskResultDto> {
    return this.tasks.complete(user, id, expected);
  }

  /** The task's completion history, newest first. */
  @Get(':id/completions')
  @ApiListQuery(COMPLETION_LIST_QUERY)
  @ApiOkResponse({ type: CompletionPageDto })
  @ApiTaskErrors('TASK_NOT_FOUND')
  completions(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(COMPLETION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CompletionPageDto> {
    return this.tasks.completions(user, id, query);
  }
}
