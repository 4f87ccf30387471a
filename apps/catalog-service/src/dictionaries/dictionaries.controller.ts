import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, ApiLanguage, IfMatch, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DraftsService } from '../moderation/drafts.service.js';
import { writeOrPropose } from '../moderation/moderated-write.js';
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
  DictionaryValueTranslationParamDto,
  UpdateDictionaryValueDto,
} from './dictionary.dto.js';
import { PutTranslationDto } from '../translations/translation-input.dto.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** `/dictionaries/roasters|farmers|origins|processes`: readable by all, edited by moderators and admins. */
@ApiTags('dictionaries')
@ApiLanguage()
@Controller('dictionaries')
export class DictionariesController {
  constructor(
    private readonly dictionaries: DictionariesService,
    private readonly drafts: DraftsService,
  ) {}

  @Get(':kind')
  @ApiListQuery(DICTIONARY_LIST_QUERY)
  @ApiOkResponse({ type: DictionaryValuePageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  list(
    @Param() { kind }: DictionaryKindParamDto,
    @ListQuery(DICTIONARY_LIST_QUERY) query: ParsedListQuery,
  ): Promise<DictionaryValuePageDto> {
    return this.dictionaries.list(kind, query);
  }

  @Get(':kind/:id')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiCatalogErrors('VALIDATION_FAILED', 'DICTIONARY_VALUE_NOT_FOUND')
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
  @ApiCatalogErrors('VALIDATION_FAILED', 'DICTIONARY_VALUE_EXISTS')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { kind }: DictionaryKindParamDto,
    @Body() dto: CreateDictionaryValueDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DictionaryValueDto | DraftDto> {
    const result = await writeOrPropose(user, this.drafts, {
      subject: 'dictionary-value',
      targetId: null,
      dto: { ...dto, kind },
      direct: () => this.dictionaries.create(user, kind, dto),
    });
    reply.status(result.proposed ? 202 : 201);
    return result.value;
  }

  @Patch(':kind/:id')
  @ApiCatalogErrors('VALIDATION_FAILED', 'DICTIONARY_VALUE_NOT_FOUND', 'DICTIONARY_VALUE_EXISTS')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { kind, id }: DictionaryValueParamDto,
    @Body() dto: UpdateDictionaryValueDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.update(user, kind, id, dto, expected);
  }

  /** The value's name in another language than its own (moderators, admins): `Кения` → `Kenya`. */
  @Put(':kind/:id/translations/:lang')
  @ApiCatalogErrors('VALIDATION_FAILED', 'DICTIONARY_VALUE_NOT_FOUND', 'TRANSLATION_OF_ORIGINAL')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiConditionalWrite()
  translate(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { kind, id, lang }: DictionaryValueTranslationParamDto,
    @Body() text: PutTranslationDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.translate(user, kind, id, { language: lang, text }, expected);
  }

  @Delete(':kind/:id/translations/:lang')
  @ApiCatalogErrors(
    'VALIDATION_FAILED',
    'DICTIONARY_VALUE_NOT_FOUND',
    'TRANSLATION_OF_ORIGINAL',
    'TRANSLATION_NOT_FOUND',
  )
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiConditionalWrite()
  untranslate(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { kind, id, lang }: DictionaryValueTranslationParamDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.translate(user, kind, id, { language: lang, text: null }, expected);
  }

  @Delete(':kind/:id')
  @HttpCode(204)
  @ApiCatalogErrors(
    'VALIDATION_FAILED',
    'DICTIONARY_VALUE_NOT_FOUND',
    'INVALID_REPLACEMENT',
    'UNKNOWN_DICTIONARY_VALUE',
    'DICTIONARY_VALUE_IN_USE',
  )
  @Authenticated('moderator', 'admin')
  @ApiNoContentResponse({ description: 'Deleted (its uses moved to replaceWith first, when given)' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { kind, id }: DictionaryValueParamDto,
    @Query() { replaceWith }: DeleteDictionaryValueQueryDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.dictionaries.delete(user, kind, id, replaceWith, expected);
  }
}
