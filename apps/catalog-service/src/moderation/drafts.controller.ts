import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DraftsService } from './drafts.service.js';
import {
  ApproveDraftDto,
  DRAFT_LIST_QUERY,
  DraftDetailDto,
  DraftPageDto,
  RejectDraftDto,
  ReviseDraftDto,
} from './moderation.dto.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/**
 * `/drafts`: users see and revise their own proposals; moderators and admins see the whole queue,
 * the diff of each draft, and approve or reject it.
 */
@ApiTags('moderation')
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
    return this.drafts.list(user, query);
  }

  @Get(':id')
  @ApiCatalogErrors('DRAFT_NOT_FOUND')
  @Authenticated()
  @ApiOperation({ summary: 'A draft with its field-by-field diff against the current item' })
  @ApiOkResponse({ type: DraftDetailDto })
  get(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<DraftDetailDto> {
    return this.drafts.get(user, id);
  }

  @Put(':id')
  @ApiCatalogErrors(
    'DRAFT_NOT_FOUND',
    'DRAFT_NOT_OPEN',
    'VALIDATION_FAILED',
    'COFFEE_NOT_FOUND',
    'WATCH_NOT_FOUND',
    'MECHANISM_NOT_FOUND',
    'UNKNOWN_DICTIONARY_VALUE',
    'UNKNOWN_MECHANISM',
    'BARCODE_TAKEN',
    'WATCH_EXISTS',
    'MECHANISM_EXISTS',
    'DICTIONARY_VALUE_EXISTS',
  )
  @Authenticated()
  @ApiOperation({ summary: 'The author revises an open draft; it returns to the queue' })
  @ApiOkResponse({ type: DraftDetailDto })
  revise(
    @UuidParam('id') id: string,
    @Body() dto: ReviseDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.revise(user, id, dto.payload);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('DRAFT_NOT_FOUND', 'DRAFT_NOT_OPEN')
  @Authenticated()
  @ApiOperation({ summary: 'The author withdraws an open draft' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  async withdraw(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.drafts.withdraw(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiCatalogErrors(
    'DRAFT_NOT_FOUND',
    'DRAFT_NOT_OPEN',
    'DRAFT_CONFLICT',
    'DRAFT_NO_LONGER_APPLIES',
    'BARCODE_TAKEN',
    'WATCH_EXISTS',
    'MECHANISM_EXISTS',
    'DICTIONARY_VALUE_EXISTS',
  )
  @Authenticated('moderator', 'admin')
  @ApiOperation({ summary: 'Applies the draft (and the pending dictionary values it uses) atomically' })
  @ApiOkResponse({ type: DraftDetailDto })
  approve(
    @UuidParam('id') id: string,
    @Body() dto: ApproveDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.approve(user, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiCatalogErrors('DRAFT_NOT_FOUND', 'DRAFT_NOT_OPEN')
  @Authenticated('moderator', 'admin')
  @ApiOperation({ summary: 'Rejects the draft, or returns it for changes, with a message to the author' })
  @ApiOkResponse({ type: DraftDetailDto })
  reject(
    @UuidParam('id') id: string,
    @Body() dto: RejectDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DraftDetailDto> {
    return this.drafts.reject(user, id, dto);
  }
}
