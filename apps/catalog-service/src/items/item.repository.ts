import { Injectable, type Type } from '@nestjs/common';
import { DataSource, In, type DeepPartial, type FindOptionsOrder, type FindOptionsWhere } from 'typeorm';
import type { VersionedEntity } from '@agora/database';
import type { Tx } from '@agora/database';

/**
 * What the one write path needs of every item's repository: build, lock, save and delete a row. Each kind's
 * repository adds its reads (pages, loaded items) and its related rows; none of it leaves the repository.
 */
@Injectable()
export abstract class ItemRepository<Item extends VersionedEntity> {
  protected abstract readonly entity: Type<Item>;

  constructor(protected readonly dataSource: DataSource) {}

  build(tx: Tx, values: DeepPartial<Item>): Item {
    return tx.create(this.entity, values);
  }

  /** The row, locked for the rest of the transaction; null when there is none. */
  lock(tx: Tx, id: string): Promise<Item | null> {
    return tx.findOne(this.entity, {
      where: { id } as FindOptionsWhere<Item>,
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The rows with these ids (those that exist), locked for the rest of the transaction in id order: callers
   * that lock several items take them in the same order, so they never deadlock each other.
   */
  lockAll(tx: Tx, ids: readonly string[]): Promise<Item[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return tx.find(this.entity, {
      where: { id: In([...ids]) } as FindOptionsWhere<Item>,
      order: { id: 'ASC' } as FindOptionsOrder<Item>,
      lock: { mode: 'pessimistic_write' },
    });
  }

  find(tx: Tx, id: string): Promise<Item | null> {
    return tx.findOneBy(this.entity, { id } as FindOptionsWhere<Item>);
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(this.entity, { id } as FindOptionsWhere<Item>);
  }

  async save(tx: Tx, item: Item): Promise<void> {
    await tx.save(item);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(this.entity, { id });
  }
}
