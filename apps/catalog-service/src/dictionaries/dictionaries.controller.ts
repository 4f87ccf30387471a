import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails, ApiConditionalWrite, IfMatch, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { canModerate, DraftsService } from '../moderation/drafts.service.js';
import { DraftDto } from '../moderation/moderation.dto.js';
import { DictionariesService } from './dictionaries.service.js';
import {
  CreateDictionaryValueDto,
  DeleteDictionaryValueQueryDto,
  DICTIONARY_LIST_QUERY,
  DictionaryKindParamDto,
  DictionaryValueDto,
  DictionaryValuePageDto,
  DictionaryValueParamDto,
  UpdateDictionaryValueDto,
} from './dictionary.dto.js';

/** `/dictionaries/roasters|farmers|origins|processes`: readable by all, edited by moderators and admins. */
@ApiTags('dictionaries')
@ApiNotFoundResponse({ type: ProblemDetails })
@Controller('dictionaries')
export class DictionariesController {
  constructor(
    private readonly dictionaries: DictionariesService,
    private readonly drafts: DraftsService,
  ) {}

  @Get(':kind')
  @ApiListQuery(DICTIONARY_LIST_QUERY)
  @ApiOkResponse({ type: DictionaryValuePageDto })
  list(
    @Param() { kind }: DictionaryKindParamDto,
    @ListQuery(DICTIONARY_LIST_QUERY) query: ParsedListQuery,
  ): Promise<DictionaryValuePageDto> {
    return this.dictionaries.list(kind, query);
  }

  @Get(':kind/:id')
  @ApiOkResponse({ type: DictionaryValueDto })
  get(@Param() { kind, id }: DictionaryValueParamDto): Promise<DictionaryValueDto> {
    return this.dictionaries.get(kind, id);
  }

  /** Moderators and admins add the value; anyone else proposes it (a draft, the value pending). */
  @Post(':kind')
  @Authenticated()
  @ApiCreatedResponse({ type: DictionaryValueDto, description: 'Added (moderators, admins)' })
  @ApiAcceptedResponse({
    type: DraftDto,
    description: "Proposed: the draft's targetId is the pending value, usable in the author's drafts",
  })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_EXISTS' })
  async create(
    @Param() { kind }: DictionaryKindParamDto,
    @Body() dto: CreateDictionaryValueDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DictionaryValueDto | DraftDto> {
    if (canModerate(user)) {
      return this.dictionaries.create(kind, dto);
    }
    reply.status(202);
    return this.drafts.propose('dictionary-value', null, { ...dto, kind }, user);
  }

  @Patch(':kind/:id')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_EXISTS' })
  @ApiConditionalWrite()
  update(
    @Param() { kind, id }: DictionaryValueParamDto,
    @Body() dto: UpdateDictionaryValueDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.update(kind, id, dto, expected);
  }

  @Delete(':kind/:id')
  @HttpCode(204)
  @Authenticated('moderator', 'admin')
  @ApiNoContentResponse({ description: 'Deleted (its uses moved to replaceWith first, when given)' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_IN_USE' })
  @ApiConditionalWrite()
  async delete(
    @Param() { kind, id }: DictionaryValueParamDto,
    @Query() { replaceWith }: DeleteDictionaryValueQueryDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.dictionaries.delete(kind, id, replaceWith, expected);
  }
}
