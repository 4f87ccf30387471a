import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  LISTING_LIST_QUERY,
  ListingDto,
  ListingInputDto,
  ListingPageDto,
  PatchListingDto,
} from './listing.dto.js';

import { ListingsService } from './listings.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { LikeSummariesRepository } from '../community/like-summaries.repository.js';
import { WithLikes, type LikeSummaryDto } from '../community/like.dto.js';
import { EditRoutesController } from '../items/edit-routes.controller.js';

const TagQuery = () => Query('tag');

/** Seed 003 marketplace listings: `/listings`; sellers post, everyone browses active and sold ones. */
@ApiTags('listings')
@Controller('listings')
export class ListingsController extends EditRoutesController({
  service: ListingsService,
  dto: ListingDto,
  createInput: ListingInputDto,
  patchInput: PatchListingDto,
  creators: ['seller', 'admin'],
  editors: [],
  notFound: 'LISTING_NOT_FOUND',
  writeErrors: ['VALIDATION_FAILED', 'INVALID_STATUS_TRANSITION', 'UNKNOWN_SOLD_ITEM'],
  ownerErrors: ['NOT_YOUR_LISTING'],
}) {
  @Get()
  @ApiListQuery(LISTING_LIST_QUERY)
  @ApiQuery({ name: 'tag', required: false, description: 'Only listings with this tag' })
  @ApiOkResponse({ type: ListingPageDto, description: 'Active and sold listings' })
  list(
    @ListQuery(LISTING_LIST_QUERY) query: ParsedListQuery,
    @TagQuery() tag?: string,
  ): Promise<ListingPageDto> {
    return this.service.list(query, { tag });
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
    return this.service.list(query, { tag, sellerId: user.id });
  }

  @Inject(LikeSummariesRepository) private readonly likeSummaries!: LikeSummariesRepository;

  /** The listing, with its likes (issue 17) and whether the caller likes it. */
  @Get(':id')
  @OptionallyAuthenticated()
  @ApiOkResponse({ type: WithLikes(ListingDto) })
  @ApiCatalogErrors('LISTING_NOT_FOUND')
  async get(
    @UuidParam('id') id: string,
    @MaybeUser() user?: AuthenticatedUser,
  ): Promise<ListingDto & { likes: LikeSummaryDto }> {
    const listing = await this.service.get(id, user);
    return { ...listing, likes: (await this.likeSummaries.of([id], user?.id))(id) };
  }
}
