import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DraftsService } from './drafts.service.js';
import {
  ApproveDraftDto,
  DRAFT_LIST_QUERY,
  DraftDetailDto,
  DraftPageDto,
  RejectDraftDto,
  ReviseDraftDto,
} from './moderation.dto.js';

/**
 * `/drafts`: users see and revise their own proposals; moderators and admins see the whole queue,
 * the diff of each draft, and approve or reject it.
 */
@ApiTags('moderation')
@ApiNotFoundResponse({ type: ProblemDetails })
@Controller('drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The moderation queue (moderators, admins) or the caller's own drafts" })
  @ApiListQuery(DRAFT_LIST_QUERY)
  @ApiOkResponse({ type: DraftPageDto })
  list(
    @ListQuery(DRAFT_LIST_QUERY) query: ParsedListQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftPageDto> {
    return this.drafts.list(query, user);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A draft with its field-by-field diff against the current item' })
  @ApiOkResponse({ type: DraftDetailDto })
  get(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<DraftDetailDto> {
    return this.drafts.get(id, user);
  }

  @Put(':id')
  @Authenticated()
  @ApiOperation({ summary: 'The author revises an open draft; it returns to the queue' })
  @ApiOkResponse({ type: DraftDetailDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DRAFT_NOT_OPEN' })
  revise(
    @UuidParam('id') id: string,
    @Body() dto: ReviseDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.revise(id, dto.payload, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'The author withdraws an open draft' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DRAFT_NOT_OPEN' })
  async withdraw(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.drafts.withdraw(id, user);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated('moderator', 'admin')
  @ApiOperation({ summary: 'Applies the draft (and the pending dictionary values it uses) atomically' })
  @ApiOkResponse({ type: DraftDetailDto })
  @ApiConflictResponse({
    type: ProblemDetails,
    description: 'DRAFT_NOT_OPEN, DRAFT_CONFLICT, DRAFT_NO_LONGER_APPLIES',
  })
  approve(
    @UuidParam('id') id: string,
    @Body() dto: ApproveDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.approve(id, dto, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authenticated('moderator', 'admin')
  @ApiOperation({ summary: 'Rejects the draft, or returns it for changes, with a message to the author' })
  @ApiOkResponse({ type: DraftDetailDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DRAFT_NOT_OPEN' })
  reject(
    @UuidParam('id') id: string,
    @Body() dto: RejectDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.reject(id, dto, user);
  }
}
