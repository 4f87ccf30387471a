import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { ItemRepository } from '../items/item.repository.js';
import { COFFEE_LIST_QUERY, type LoadedCoffee } from './coffee.dto.js';
import { CoffeeEntity } from './coffee.entity.js';

/** Coffee cards, read with their dictionary values. */
@Injectable()
export class CoffeesRepository extends ItemRepository<CoffeeEntity> {
  protected readonly entity = CoffeeEntity;

  async page(query: ParsedListQuery): Promise<Page<LoadedCoffee>> {
    return (await findPage(
      this.withDictionaries(),
      query,
      COFFEE_LIST_QUERY.searchable,
    )) as Page<LoadedCoffee>;
  }

  async findLoaded(where: { id: string } | { barcode: string }): Promise<LoadedCoffee | null> {
    const query = this.withDictionaries();
    if ('id' in where) {
      query.where('coffee.id = :id', { id: where.id });
    } else {
      query.where('coffee.barcode = :barcode', { barcode: where.barcode });
    }
    return (await query.getOne()) as LoadedCoffee | null;
  }

  private withDictionaries(): SelectQueryBuilder<CoffeeEntity> {
    return this.dataSource.manager
      .createQueryBuilder(CoffeeEntity, 'coffee')
      .innerJoinAndSelect('coffee.roaster', 'roaster')
      .leftJoinAndSelect('coffee.origin', 'origin')
      .leftJoinAndSelect('coffee.farmer', 'farmer')
      .leftJoinAndSelect('coffee.process', 'process');
  }
}
