import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import type { FavouriteEntity } from './favourite.entity.js';

/** The caller's favourites: newest first, by keyset (`cursor`). */
export const FAVOURITE_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: '-createdAt',
  defaultLimit: 20,
  maxLimit: 100,
};

export class FavouriteDto {
  @ApiProperty({ format: 'uuid' })
  listingId!: string;

  @ApiProperty({ description: "The listing's title as the catalog last announced it" })
  title!: string;

  @ApiProperty({ format: 'date-time', description: 'When the caller added it' })
  addedAt!: string;
}

export const FavouritePageDto = PageOf(FavouriteDto);
export type FavouritePageDto = Page<FavouriteDto>;

export function toFavouriteDto(favourite: FavouriteEntity): FavouriteDto {
  return {
    listingId: favourite.listingId,
    title: favourite.listing?.title ?? '',
    addedAt: favourite.createdAt.toISOString(),
  };
}
