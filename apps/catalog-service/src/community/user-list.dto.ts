import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty } from '@nestjs/swagger';
import { LIST_ITEM_KINDS, USER_LISTS, type ListItemKind, type UserList } from './user-item.entity.js';

export class ListedItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Kenya Kiambu' }) name!: string;
}

/** An item on the caller's wishlist or "had it" list. */
export class UserItemDto {
  @ApiProperty({ enum: USER_LISTS }) list!: UserList;
  @ApiProperty({ enum: LIST_ITEM_KINDS }) kind!: ListItemKind;
  @ApiProperty({ type: ListedItemDto }) item!: ListedItemDto;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export const UserItemPageDto = PageOf(UserItemDto);
export type UserItemPageDto = Page<UserItemDto>;

/** Sort by the date added (newest first by default), filter by kind or item. */
export const USER_ITEM_LIST_QUERY: ListQuerySpec = {
  fields: { kind: 'string', itemId: 'uuid', createdAt: 'date' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};
