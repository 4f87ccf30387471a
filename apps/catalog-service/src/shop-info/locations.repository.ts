import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { LocationEntity } from './location.entity.js';
import { LOCATION_LIST_QUERY } from './shop-info.dto.js';

/** The shop's locations. */
@Injectable()
export class LocationsRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<LocationEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<LocationEntity>(dataSource, LocationEntity, {
      alias: 'location',
      searchable: LOCATION_LIST_QUERY.searchable,
    });
  }

  all(): Promise<LocationEntity[]> {
    return this.dataSource.manager.find(LocationEntity, { order: { position: 'ASC', name: 'ASC' } });
  }

  page(query: ParsedListQuery): Promise<Page<LocationEntity>> {
    return this.list.page(query);
  }

  find(id: string): Promise<LocationEntity | null> {
    return this.dataSource.manager.findOneBy(LocationEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<LocationEntity | null> {
    return tx.findOne(LocationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  build(tx: Tx, values: DeepPartial<LocationEntity>): LocationEntity {
    return tx.create(LocationEntity, values);
  }

  save(tx: Tx, location: LocationEntity): Promise<LocationEntity> {
    return tx.save(location);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(LocationEntity, { id });
  }
}
