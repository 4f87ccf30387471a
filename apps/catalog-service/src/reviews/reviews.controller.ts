import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AttachPhotoDto, PhotoDto } from '../photos/photo.dto.js';
import { PhotosService } from '../photos/photos.service.js';
import { PatchReviewDto, REVIEW_LIST_QUERY, ReviewDto, ReviewInputDto, ReviewPageDto } from './review.dto.js';
import { ReviewsService } from './reviews.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { ATTACH_PHOTO_ERRORS, DETACH_PHOTO_ERRORS } from '../photos/photo.dto.js';

/** Seed 003 reviews: `/listings/:listingId/reviews` to read and write, `/reviews/:id` for one review. */
@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly photos: PhotosService,
  ) {}

  @Get('listings/:listingId/reviews')
  @OptionallyAuthenticated()
  @ApiListQuery(REVIEW_LIST_QUERY)
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiCatalogErrors('LISTING_NOT_FOUND')
  list(
    @UuidParam('listingId') listingId: string,
    @ListQuery(REVIEW_LIST_QUERY) query: ParsedListQuery,
    @MaybeUser() user?: AuthenticatedUser,
  ): Promise<ReviewPageDto> {
    return this.reviews.list(listingId, query, user);
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
    @UuidParam('listingId') listingId: string,
    @Body() dto: ReviewInputDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReviewDto> {
    return this.reviews.create(listingId, dto, user);
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
    @UuidParam('id') id: string,
    @Body() dto: PatchReviewDto,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ReviewDto> {
    return this.reviews.update(id, dto, user, expected);
  }

  @Delete('reviews/:id')
  @HttpCode(204)
  @ApiCatalogErrors('REVIEW_NOT_FOUND', 'NOT_YOUR_REVIEW')
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @UuidParam('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.reviews.delete(id, user, expected);
  }

  @Get('reviews/:id/photos')
  @ApiOkResponse({ type: [PhotoDto] })
  @ApiCatalogErrors('REVIEW_NOT_FOUND')
  photosOf(@UuidParam('id') id: string): Promise<PhotoDto[]> {
    return this.photos.list('review', id);
  }

  /** The review's author puts one of their own media on it. */
  @Put('reviews/:id/photos/:mediaId')
  @ApiCatalogErrors('REVIEW_NOT_FOUND', ...ATTACH_PHOTO_ERRORS)
  @Authenticated()
  @ApiOkResponse({ type: [PhotoDto] })
  attachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @Body() dto: AttachPhotoDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PhotoDto[]> {
    return this.photos.attach('review', id, mediaId, dto, user);
  }

  @Delete('reviews/:id/photos/:mediaId')
  @HttpCode(204)
  @ApiCatalogErrors('REVIEW_NOT_FOUND', ...DETACH_PHOTO_ERRORS)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Detached (the media itself stays)' })
  async detachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.photos.detach('review', id, mediaId, user);
  }
}
