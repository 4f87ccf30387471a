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
import { AttachPhotoDto, PhotoDto } from '../photos/photo.dto.js';
import { PhotosService } from '../photos/photos.service.js';
import { ListingsService } from './listings.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { ATTACH_PHOTO_ERRORS, DETACH_PHOTO_ERRORS } from '../photos/photo.dto.js';

const TagQuery = () => Query('tag');

/** Seed 003 marketplace listings: `/listings`; sellers post, everyone browses active and sold ones. */
@ApiTags('listings')
@Controller('listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly photos: PhotosService,
  ) {}

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
    @ListQuery(LISTING_LIST_QUERY) query: ParsedListQuery,
    @CurrentUser() user: AuthenticatedUser,
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

  /** The listing's photos (a hidden listing's only for its seller and moderators). */
  @Get(':id/photos')
  @OptionallyAuthenticated()
  @ApiOkResponse({ type: [PhotoDto] })
  @ApiCatalogErrors('LISTING_NOT_FOUND')
  async photosOf(@UuidParam('id') id: string, @MaybeUser() user?: AuthenticatedUser): Promise<PhotoDto[]> {
    await this.listings.get(id, user);
    return this.photos.list('listing', id);
  }

  /** The seller puts one of their own media on the listing under a side (one main per listing). */
  @Put(':id/photos/:mediaId')
  @ApiCatalogErrors('LISTING_NOT_FOUND', ...ATTACH_PHOTO_ERRORS)
  @Authenticated()
  @ApiOkResponse({ type: [PhotoDto] })
  attachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @Body() dto: AttachPhotoDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PhotoDto[]> {
    return this.photos.attach('listing', id, mediaId, dto, user);
  }

  @Delete(':id/photos/:mediaId')
  @HttpCode(204)
  @ApiCatalogErrors('LISTING_NOT_FOUND', ...DETACH_PHOTO_ERRORS)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Detached (the media itself stays)' })
  async detachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.photos.detach('listing', id, mediaId, user);
  }

  @Post()
  @ApiCatalogErrors('VALIDATION_FAILED', 'INVALID_STATUS_TRANSITION')
  @Authenticated('seller', 'admin')
  @ApiCreatedResponse({ type: ListingDto })
  create(@Body() dto: ListingInputDto, @CurrentUser() user: AuthenticatedUser): Promise<ListingDto> {
    return this.listings.create(dto, user);
  }

  @Put(':id')
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_YOUR_LISTING', 'INVALID_STATUS_TRANSITION')
  @Authenticated()
  @ApiOkResponse({ type: ListingDto })
  @ApiConditionalWrite()
  replace(
    @UuidParam('id') id: string,
    @Body() dto: ListingInputDto,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ListingDto> {
    return this.listings.update(id, dto, true, user, expected);
  }

  /** The seller (or a moderator) changes fields or moves the status: draft → active → sold, or archived. */
  @Patch(':id')
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'VALIDATION_FAILED', 'NOT_YOUR_LISTING', 'INVALID_STATUS_TRANSITION')
  @Authenticated()
  @ApiOkResponse({ type: ListingDto })
  @ApiConditionalWrite()
  patch(
    @UuidParam('id') id: string,
    @Body() dto: PatchListingDto,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ListingDto> {
    return this.listings.update(id, dto, false, user, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('LISTING_NOT_FOUND', 'NOT_YOUR_LISTING')
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @UuidParam('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.listings.delete(id, user, expected);
  }
}
