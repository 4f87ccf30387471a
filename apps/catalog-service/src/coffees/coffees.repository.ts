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

  async findLoaded(id: string): Promise<LoadedCoffee | null> {
    return (await this.withDictionaries().where('coffee.id = :id', { id }).getOne()) as LoadedCoffee | null;
  }

  async findByBarcode(barcode: string): Promise<LoadedCoffee | null> {
    return (await this.withDictionaries()
      .where('coffee.barcode = :barcode', { barcode })
      .getOne()) as LoadedCoffee | null;
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
