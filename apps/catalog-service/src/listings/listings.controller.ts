import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  LISTING_LIST_QUERY,
  ListingDto,
  ListingInputDto,
  ListingPageDto,
  PatchListingDto,
} from './listing.dto.js';

import { ListingsService } from './listings.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

const TagQuery = () => Query('tag');

/** Seed 003 marketplace listings: `/listings`; sellers post, everyone browses active and sold ones. */
@ApiTags('listings')
@Controller('listings')
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  @Get()
  @ApiListQuery(LISTING_LIST_QUERY)
  @ApiQuery({ name: 'tag', required: false, description: 'Only listings with this tag' })
  @ApiOkResponse({ type: ListingPageDto, description: 'Active and sold listings' })
  list(
    @ListQuery(LISTING_LIST_QUERY) query: ParsedListQuery,
    @TagQuery() tag?: string,
  ): Promise<ListingPageDto> {
    return this.listings.list(query, { tag });
  }

  @Get('mine')
  @Authenticated()
  @ApiListQuery(LISTING_LIST_QUERY)
  @ApiQuery({ name: 'tag', required: false })
  @ApiOkResponse({ type: ListingPageDto, description: "The caller's listings in every status" })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(LISTING_LIST_QUERY) query: ParsedListQuery,
    @TagQuery() tag?: string,
  ): Promise<ListingPageDto> {
    return this.listings.list(query, { tag, sellerId: user.id });
  }

  @Get(':id')
  @OptionallyAuthenticated()
  @ApiOkResponse({ type: ListingDto })
  @ApiCatalogErrors('LISTING_NOT_FOUND')
  get(@UuidParam('id') id: string, @MaybeUser() user?: AuthenticatedUser): Promise<ListingDto> {
    return this.listings.get(id, user);
  }

  @Post()
  @ApiCatalogErrors('VALIDATION_FAILED', 'INVALID_STATUS_TRANSITION')
  @Authenticated('seller', 'admin')
  @ApiCreatedResponse({ type: ListingDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: ListingInputDto): Promise<ListingDto> {
    return this.listings.create(user, dto);
  }

  @Put(':id')
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_YOUR_LISTING', 'INVALID_STATUS_TRANSITION')
  @Authenticated()
  @ApiOkResponse({ type: ListingDto })
  @ApiConditionalWrite()
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ListingInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ListingDto> {
    return this.listings.update(user, id, dto, true, expected);
  }

  /** The seller (or a moderator) changes fields or moves the status: draft → active → sold, or archived. */
  @Patch(':id')
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_YOUR_LISTING', 'INVALID_STATUS_TRANSITION')
  @Authenticated()
  @ApiOkResponse({ type: ListingDto })
  @ApiConditionalWrite()
  patch(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchListingDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ListingDto> {
    return this.listings.update(user, id, dto, false, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'NOT_YOUR_LISTING')
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.listings.delete(user, id, expected);
  }
}
