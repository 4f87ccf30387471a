import { newId, type Tx } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { UserItemEntity, type ListItemKind, type UserList } from './user-item.entity.js';

const ITEMS: Readonly<
  Record<ListItemKind, { entity: EntityTarget<ObjectLiteral>; column: keyof UserItemEntity }>
> = {
  coffee: { entity: CoffeeEntity, column: 'coffeeId' },
  watch: { entity: WatchEntity, column: 'watchId' },
  mechanism: { entity: MechanismEntity, column: 'mechanismId' },
  product: { entity: ProductEntity, column: 'productId' },
};

/** The users' wishlists and "had it" lists. */
@Injectable()
export class UserItemsRepository {
  private readonly list: ListSource<UserItemEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<UserItemEntity>(dataSource, UserItemEntity, { alias: 'entry' });
  }

  /** The item's name, its row key-share locked for the rest of the transaction; null when there is none. */
  async lockItem(tx: Tx, kind: ListItemKind, id: string): Promise<string | null> {
    const rows = await tx.query<{ name: string }[]>(
      `SELECT name FROM ${this.table(tx, ITEMS[kind].entity)} WHERE id = $1 FOR KEY SHARE`,
      [id],
    );
    return rows[0]?.name ?? null;
  }

  /** Puts the item on the list, once; the entry as it is (added now, or before). */
  async add(
    tx: Tx,
    userId: string,
    list: UserList,
    kind: ListItemKind,
    itemId: string,
  ): Promise<UserItemEntity> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(UserItemEntity)
      .values(
        tx.create(UserItemEntity, { id: newId(), userId, list, kind, itemId, [ITEMS[kind].column]: itemId }),
      )
      .orIgnore()
      .execute();
    return tx.findOneByOrFail(UserItemEntity, { userId, list, itemId });
  }

  /** Takes the item off the list; false when it was not on it. */
  async remove(userId: string, list: UserList, itemId: string): Promise<boolean> {
    const removed = await this.dataSource.manager.delete(UserItemEntity, { userId, list, itemId });
    return Boolean(removed.affected);
  }

  async removeAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.delete(UserItemEntity, { userId });
  }

  page(userId: string, list: UserList, query: ParsedListQuery): Promise<Page<UserItemEntity>> {
    return this.list.page(query, [
      { field: 'userId', operator: 'eq', value: userId },
      { field: 'list', operator: 'eq', value: list },
    ]);
  }

  /** The names of the entries' items, by id: one query per kind on the page. */
  async namesOf(entries: readonly Pick<UserItemEntity, 'kind' | 'itemId'>[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const kind of new Set(entries.map((entry) => entry.kind))) {
      const ids = entries.filter((entry) => entry.kind === kind).map((entry) => entry.itemId);
      const rows = await this.dataSource.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM ${this.table(this.dataSource.manager, ITEMS[kind].entity)} WHERE id = ANY($1)`,
        [ids],
      );
      for (const row of rows) {
        names.set(row.id, row.name);
      }
    }
    return names;
  }

  private table(tx: Tx, entity: EntityTarget<ObjectLiteral>): string {
    const metadata = tx.connection.getMetadata(entity);
    return metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
  }
}
