import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { EnumParam, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { LIST_ITEM_KINDS, type ListItemKind, type UserList } from './user-item.entity.js';
import { USER_ITEM_LIST_QUERY, UserItemDto, UserItemPageDto } from './user-list.dto.js';
import { UserItemsService } from './user-items.service.js';

/** One of the caller's lists: `GET /me/<list>`, `PUT|DELETE /me/<list>/:kind/:itemId`. */
function UserListRoutes(list: UserList) {
  @ApiTags('lists')
  @Controller(`me/${list}`)
  @Authenticated()
  class UserListController {
    constructor(readonly entries: UserItemsService) {}

    /** The list, newest first (`sort=createdAt` oldest first, `filter[kind]=coffee`). */
    @Get()
    @ApiListQuery(USER_ITEM_LIST_QUERY)
    @ApiOkResponse({ type: UserItemPageDto })
    list(
      @CurrentUser() user: AuthenticatedUser,
      @ListQuery(USER_ITEM_LIST_QUERY) query: ParsedListQuery,
    ): Promise<UserItemPageDto> {
      return this.entries.list(user, list, query);
    }

    /** Puts the item on the list (already there: nothing changes). */
    @Put(':kind/:itemId')
    @ApiOkResponse({ type: UserItemDto })
    @ApiCatalogErrors('COFFEE_NOT_FOUND', 'WATCH_NOT_FOUND', 'MECHANISM_NOT_FOUND', 'PRODUCT_NOT_FOUND')
    add(
      @CurrentUser() user: AuthenticatedUser,
      @EnumParam('kind', LIST_ITEM_KINDS) kind: ListItemKind,
      @UuidParam('itemId') itemId: string,
    ): Promise<UserItemDto> {
      return this.entries.add(user, list, kind, itemId);
    }

    /** Takes the item off the list (not on it: nothing changes). */
    @Delete(':kind/:itemId')
    @HttpCode(204)
    @ApiNoContentResponse({ description: 'Not on the list (any more)' })
    async remove(
      @CurrentUser() user: AuthenticatedUser,
      @EnumParam('kind', LIST_ITEM_KINDS) _kind: ListItemKind,
      @UuidParam('itemId') itemId: string,
    ): Promise<void> {
      await this.entries.remove(user, list, itemId);
    }
  }
  return UserListController;
}

export const WishlistController = UserListRoutes('wishlist');
export const HadListController = UserListRoutes('had');
