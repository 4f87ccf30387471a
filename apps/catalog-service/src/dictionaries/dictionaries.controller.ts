import { Authenticated } from '@agora/auth';
import { ProblemDetails } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  constructor(private readonly dictionaries: DictionariesService) {}

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

  @Post(':kind')
  @Authenticated('moderator', 'admin')
  @ApiCreatedResponse({ type: DictionaryValueDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_EXISTS' })
  create(
    @Param() { kind }: DictionaryKindParamDto,
    @Body() dto: CreateDictionaryValueDto,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.create(kind, dto);
  }

  @Patch(':kind/:id')
  @Authenticated('moderator', 'admin')
  @ApiOkResponse({ type: DictionaryValueDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_EXISTS' })
  update(
    @Param() { kind, id }: DictionaryValueParamDto,
    @Body() dto: UpdateDictionaryValueDto,
  ): Promise<DictionaryValueDto> {
    return this.dictionaries.update(kind, id, dto);
  }

  @Delete(':kind/:id')
  @HttpCode(204)
  @Authenticated('moderator', 'admin')
  @ApiNoContentResponse({ description: 'Deleted (its uses moved to replaceWith first, when given)' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'DICTIONARY_VALUE_IN_USE' })
  async delete(
    @Param() { kind, id }: DictionaryValueParamDto,
    @Query() { replaceWith }: DeleteDictionaryValueQueryDto,
  ): Promise<void> {
    await this.dictionaries.delete(kind, id, replaceWith);
  }
}
