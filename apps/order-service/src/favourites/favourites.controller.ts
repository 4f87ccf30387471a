import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOrderErrors } from '../order.errors.js';
import { FAVOURITE_LIST_QUERY, FavouriteDto, FavouritePageDto } from './favourites.dto.js';
import { FavouritesService } from './favourites.service.js';

@ApiTags('favourites')
@Controller('me/favourites')
@Authenticated()
export class FavouritesController {
  constructor(private readonly favourites: FavouritesService) {}

  /** The caller's favourite listings, newest first, by keyset (`cursor`). */
  @Get()
  @ApiListQuery(FAVOURITE_LIST_QUERY)
  @ApiOkResponse({ type: FavouritePageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(FAVOURITE_LIST_QUERY) query: ParsedListQuery,
  ): Promise<FavouritePageDto> {
    return this.favourites.list(user, query);
  }

  /** The listing as one of the caller's favourites (a 404 FAVOURITE_NOT_FOUND when it is not among them). */
  @Get(':listingId')
  @ApiOkResponse({ type: FavouriteDto })
  @ApiOrderErrors('FAVOURITE_NOT_FOUND')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('listingId') listingId: string,
  ): Promise<FavouriteDto> {
    return this.favourites.get(user, listingId);
  }

  /** Adds the listing to the caller's favourites; idempotent (204 whether or not it was there). */
  @Put(':listingId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOrderErrors('LISTING_NOT_FOUND')
  async add(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('listingId') listingId: string,
  ): Promise<void> {
    await this.favourites.add(user, listingId);
  }

  /** Removes the listing from the caller's favourites; idempotent (204 whether or not it was there). */
  @Delete(':listingId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('listingId') listingId: string): Promise<void> {
    return this.favourites.remove(user, listingId);
  }
}
