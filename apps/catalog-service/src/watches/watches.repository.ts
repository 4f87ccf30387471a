import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { ItemRepository } from '../items/item.repository.js';
import type { Tx } from '@agora/database';
import { WATCH_LIST_QUERY } from './watch.dto.js';
import { WatchAliasEntity } from './watch-alias.entity.js';
import { WatchEntity } from './watch.entity.js';
import { TRANSLATABLE_COLUMNS } from '../translations/translatable.js';

/** Watches with their dictionary values, mechanism and aliases. */
@Injectable()
export class WatchesRepository extends ItemRepository<WatchEntity> {
  protected readonly entity = WatchEntity;

  /** Pages of watches with their dictionary values and mechanism (of which a card shows the name) and aliases. */
  private readonly list = new ListSource<WatchEntity>(this.dataSource, WatchEntity, {
    alias: 'watch',
    joins: {
      gender: { columns: TRANSLATABLE_COLUMNS },
      caseMaterial: { columns: TRANSLATABLE_COLUMNS },
      mechanism: { columns: TRANSLATABLE_COLUMNS },
      factory: { columns: TRANSLATABLE_COLUMNS },
      brand: { columns: TRANSLATABLE_COLUMNS },
    },
    many: { aliases: { columns: ['key'] } },
    searchable: WATCH_LIST_QUERY.searchable,
  });

  page(query: ParsedListQuery): Promise<Page<WatchEntity>> {
    return this.list.page(query);
  }

  findLoaded(id: string): Promise<WatchEntity | null> {
    return this.withRelations().where('watch.id = :id', { id }).getOne();
  }

  /** The watches with these ids, in no particular order (missing ones left out). */
  findManyLoaded(ids: readonly string[]): Promise<WatchEntity[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return this.withRelations()
      .where({ id: In([...ids]) })
      .getMany();
  }

  async aliases(tx: Tx, watchId: string): Promise<string[]> {
    return (await tx.findBy(WatchAliasEntity, { watchId })).map((alias) => alias.key);
  }

  async replaceAliases(tx: Tx, watchId: string, keys: readonly string[]): Promise<void> {
    await tx.delete(WatchAliasEntity, { watchId });
    for (const key of keys) {
      await tx.save(tx.create(WatchAliasEntity, { watchId, key }));
    }
  }

  private withRelations(): SelectQueryBuilder<WatchEntity> {
    return this.dataSource.manager
      .createQueryBuilder(WatchEntity, 'watch')
      .leftJoinAndSelect('watch.gender', 'gender')
      .leftJoinAndSelect('watch.caseMaterial', 'caseMaterial')
      .leftJoinAndSelect('watch.mechanism', 'mechanism')
      .leftJoinAndSelect('watch.factory', 'factory')
      .leftJoinAndSelect('watch.brand', 'brand')
      .leftJoinAndSelect('watch.aliases', 'alias');
  }
}
