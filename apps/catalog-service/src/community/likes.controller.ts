import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import type { LikeKind } from '@agora/contracts';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { LIKE_LIST_QUERY, LikePageDto, LikesDto, type LikePage } from './like.dto.js';
import { LIKE_NOT_FOUND, LikesService } from './likes.service.js';

/** The like routes of one kind: `PUT|DELETE /<things>/:id/like`, `GET /<things>/:id/likes`. */
function LikeRoutes(kind: LikeKind, path: string, tag: string) {
  const notFound = LIKE_NOT_FOUND[kind];

  @ApiTags(tag)
  @Controller(path)
  class KindLikesController {
    constructor(readonly likes: LikesService) {}

    /** Likes it (again: nothing changes); answers with its count. */
    @Put(':id/like')
    @Authenticated()
    @ApiOkResponse({ type: LikesDto })
    @ApiCatalogErrors(notFound)
    like(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<LikesDto> {
      return this.likes.like(user, kind, id);
    }

    /** Takes the like back (none: nothing changes); answers with its count. */
    @Delete(':id/like')
    @Authenticated()
    @ApiOkResponse({ type: LikesDto })
    @ApiCatalogErrors(notFound)
    unlike(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<LikesDto> {
      return this.likes.unlike(user, kind, id);
    }

    /** Who liked it, newest first (list query), with its count and whether the caller likes it. */
    @Get(':id/likes')
    @OptionallyAuthenticated()
    @ApiListQuery(LIKE_LIST_QUERY)
    @ApiOkResponse({ type: LikePageDto })
    @ApiCatalogErrors(notFound)
    list(
      @MaybeUser() user: AuthenticatedUser | undefined,
      @UuidParam('id') id: string,
      @ListQuery(LIKE_LIST_QUERY) query: ParsedListQuery,
    ): Promise<LikePage> {
      return this.likes.list(user, kind, id, query);
    }
  }
  return KindLikesController;
}

export const CheckinLikesController = LikeRoutes('checkin', 'checkins', 'checkins');
export const CommentLikesController = LikeRoutes('comment', 'comments', 'checkins');
export const CoffeeLikesController = LikeRoutes('coffee', 'coffees', 'coffees');
export const WatchLikesController = LikeRoutes('watch', 'watches', 'watches');
export const MechanismLikesController = LikeRoutes('mechanism', 'mechanisms', 'mechanisms');
export const ListingLikesController = LikeRoutes('listing', 'listings', 'listings');
