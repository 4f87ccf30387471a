import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { itemNotFound } from '../catalog.errors.js';
import type { ListItemKind, UserItemEntity, UserList } from './user-item.entity.js';
import type { UserItemDto, UserItemPageDto } from './user-list.dto.js';
import { UserItemsRepository } from './user-items.repository.js';

const toDto = (entry: UserItemEntity, name: string): UserItemDto => ({
  list: entry.list,
  kind: entry.kind,
  item: { id: entry.itemId, name },
  addedAt: entry.createdAt.toISOString(),
});

/**
 * The caller's wishlist and "had it" list of catalog items (seed 002 collections, Untappd's). Adding is
 * idempotent (the first date stays), removing too. A check-in puts its item on its author's "had" list
 * (a trigger on check-ins); deleting the check-in leaves it there, `DELETE /me/had/...` takes it off.
 */
@Injectable()
export class UserItemsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly entries: UserItemsRepository,
  ) {}

  async add(
    user: AuthenticatedUser,
    list: UserList,
    kind: ListItemKind,
    itemId: string,
  ): Promise<UserItemDto> {
    return this.unitOfWork.run(async (tx) => {
      // Key-share locked: the item cannot go before the entry is in (one gone already is a 404).
      const name = await this.entries.lockItem(tx, kind, itemId);
      if (name === null) {
        throw itemNotFound(kind, itemId);
      }
      return toDto(await this.entries.add(tx, user.id, list, kind, itemId), name);
    });
  }

  async remove(user: AuthenticatedUser, list: UserList, itemId: string): Promise<void> {
    await this.entries.remove(user.id, list, itemId);
  }

  async list(user: AuthenticatedUser, list: UserList, query: ParsedListQuery): Promise<UserItemPageDto> {
    const page = await this.entries.page(user.id, list, query);
    const names = await this.entries.namesOf(page.items);
    // An item deleted between the two reads has no name: its entry went with it.
    return mapPage(page, (entry) => toDto(entry, names.get(entry.itemId) ?? ''));
  }
}
