import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';

import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  COLLECTION_LIST_QUERY,
  CollectionPageDto,
  UserIdParamDto,
  WatchIdParamDto,
} from './collection.dto.js';
import { CollectionService } from './collection.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** `/collection`: the caller's own watches; `/collections/:userId`: anyone's, read-only. */
@ApiTags('collections')
@Controller()
export class CollectionController {
  constructor(private readonly collection: CollectionService) {}

  @Get('collection')
  @Authenticated()
  @ApiListQuery(COLLECTION_LIST_QUERY)
  @ApiOkResponse({ type: CollectionPageDto })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(COLLECTION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CollectionPageDto> {
    return this.collection.list(user.id, query);
  }

  @Get('collections/:userId')
  @ApiListQuery(COLLECTION_LIST_QUERY)
  @ApiOkResponse({ type: CollectionPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  ofUser(
    @Param() { userId }: UserIdParamDto,
    @ListQuery(COLLECTION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CollectionPageDto> {
    return this.collection.list(userId, query);
  }

  @Put('collection/:watchId')
  @HttpCode(204)
  @ApiCatalogErrors('VALIDATION_FAILED', 'WATCH_NOT_FOUND')
  @Authenticated()
  @ApiNoContentResponse({ description: 'In the collection (again adding changes nothing)' })
  async add(@CurrentUser() user: AuthenticatedUser, @Param() { watchId }: WatchIdParamDto): Promise<void> {
    await this.collection.add(user, watchId);
  }

  @Delete('collection/:watchId')
  @HttpCode(204)
  @ApiCatalogErrors('VALIDATION_FAILED', 'NOT_IN_COLLECTION')
  @Authenticated()
  @ApiNoContentResponse({ description: 'Removed from the collection' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param() { watchId }: WatchIdParamDto): Promise<void> {
    await this.collection.remove(user, watchId);
  }
}
