import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { PatchReviewDto, REVIEW_LIST_QUERY, ReviewDto, ReviewInputDto, ReviewPageDto } from './review.dto.js';
import { ReviewsService } from './reviews.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** Seed 003 reviews: `/listings/:listingId/reviews` to read and write, `/reviews/:id` for one review. */
@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('listings/:listingId/reviews')
  @OptionallyAuthenticated()
  @ApiListQuery(REVIEW_LIST_QUERY)
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiCatalogErrors('LISTING_NOT_FOUND')
  list(
    @MaybeUser() user: AuthenticatedUser | undefined,
    @UuidParam('listingId') listingId: string,
    @ListQuery(REVIEW_LIST_QUERY) query: ParsedListQuery,
  ): Promise<ReviewPageDto> {
    return this.reviews.list(user, listingId, query);
  }

  @Post('listings/:listingId/reviews')
  @ApiCatalogErrors(
    'LISTING_NOT_FOUND',
    'VALIDATION_FAILED',
    'OWN_LISTING',
    'LISTING_NOT_PUBLIC',
    'ALREADY_REVIEWED',
  )
  @Authenticated()
  @ApiCreatedResponse({ type: ReviewDto })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('listingId') listingId: string,
    @Body() dto: ReviewInputDto,
  ): Promise<ReviewDto> {
    return this.reviews.create(user, listingId, dto);
  }

  @Get('reviews/:id')
  @ApiOkResponse({ type: ReviewDto })
  @ApiCatalogErrors('REVIEW_NOT_FOUND')
  get(@UuidParam('id') id: string): Promise<ReviewDto> {
    return this.reviews.get(id);
  }

  @Patch('reviews/:id')
  @ApiCatalogErrors('REVIEW_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_YOUR_REVIEW')
  @Authenticated()
  @ApiOkResponse({ type: ReviewDto })
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchReviewDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ReviewDto> {
    return this.reviews.update(user, id, dto, expected);
  }

  @Delete('reviews/:id')
  @HttpCode(204)
  @ApiCatalogErrors('REVIEW_NOT_FOUND', 'NOT_YOUR_REVIEW')
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.reviews.delete(user, id, expected);
  }
}
