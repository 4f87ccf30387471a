import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { barcodeForms } from '../items/barcode.js';
import { ItemRepository } from '../items/item.repository.js';
import { COFFEE_LIST_QUERY, type LoadedCoffee } from './coffee.dto.js';
import { CoffeeEntity } from './coffee.entity.js';
import { TRANSLATABLE_COLUMNS } from '../translations/translatable.js';

/** Coffee cards, read with their dictionary values. */
@Injectable()
export class CoffeesRepository extends ItemRepository<CoffeeEntity> {
  protected readonly entity = CoffeeEntity;

  /** Pages of coffees with their dictionary values, of which a card shows the id and name (and its translations). */
  private readonly list = new ListSource<LoadedCoffee>(this.dataSource, CoffeeEntity, {
    alias: 'coffee',
    joins: {
      roaster: { columns: TRANSLATABLE_COLUMNS },
      origin: { columns: TRANSLATABLE_COLUMNS },
      farmer: { columns: TRANSLATABLE_COLUMNS },
      process: { columns: TRANSLATABLE_COLUMNS },
    },
    searchable: COFFEE_LIST_QUERY.searchable,
  });

  page(query: ParsedListQuery): Promise<Page<LoadedCoffee>> {
    return this.list.page(query);
  }

  async findLoaded(id: string): Promise<LoadedCoffee | null> {
    return (await this.withDictionaries().where('coffee.id = :id', { id }).getOne()) as LoadedCoffee | null;
  }

  /** The coffee saved under any spelling of the code (a UPC-A and its EAN-13 with a leading 0). */
  async findByBarcode(barcode: string): Promise<LoadedCoffee | null> {
    return (await this.withDictionaries()
      .where('coffee.barcode IN (:...forms)', { forms: barcodeForms(barcode) })
      .orderBy('coffee.barcode', 'ASC')
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
