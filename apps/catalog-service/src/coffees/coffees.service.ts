import { uniqueViolation } from '@agora/database';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CatalogItemStore } from '../items/catalog-item.store.js';
import { keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { CoffeeEntity } from './coffee.entity.js';
import {
  COFFEE_LIST_QUERY,
  coffeeFields,
  CoffeeInputDto,
  PatchCoffeeDto,
  toCoffeeDto,
  type CoffeeDto,
  type CoffeePageDto,
  type LoadedCoffee,
} from './coffee.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

/** Which dictionary each reference field points into. */
const REFERENCES = {
  roasterId: 'roasters',
  originId: 'origins',
  farmerId: 'farmers',
  processId: 'processes',
} as const;

/** Coffee cards (seed 000): read by everyone, written by moderators directly and by users through drafts. */
@Injectable()
export class CoffeesService extends CatalogItemStore<
  CoffeeEntity,
  CoffeeInputDto,
  PatchCoffeeDto,
  CoffeeDto
> {
  readonly subject = 'coffee' as const;
  readonly createInput = CoffeeInputDto;
  readonly updateInput = PatchCoffeeDto;
  protected readonly entity = CoffeeEntity;
  protected readonly references = REFERENCES;

  async list(query: ParsedListQuery): Promise<CoffeePageDto> {
    const page = await findPage(this.withDictionaries(), query, COFFEE_LIST_QUERY.searchable);
    return mapPage(page, (coffee) => toCoffeeDto(coffee as LoadedCoffee));
  }

  async get(id: string): Promise<CoffeeDto> {
    const coffee = await this.withDictionaries().where('coffee.id = :id', { id }).getOne();
    if (!coffee) {
      throw this.notFound(id);
    }
    return toCoffeeDto(coffee as LoadedCoffee);
  }

  async getByBarcode(barcode: string): Promise<CoffeeDto> {
    const coffee = await this.withDictionaries().where('coffee.barcode = :barcode', { barcode }).getOne();
    if (!coffee) {
      throw this.notFound(`with barcode ${barcode}`);
    }
    return toCoffeeDto(coffee as LoadedCoffee);
  }

  protected assign(
    _manager: EntityManager,
    coffee: CoffeeEntity,
    dto: PatchCoffeeDto,
    whole: boolean,
    context: ChangeContext,
  ): void {
    refuseCleared(dto, ['name', 'roasterId'], context);
    const pick = <K extends keyof PatchCoffeeDto & keyof CoffeeEntity>(key: K) =>
      keptOrCleared(dto[key], coffee[key], whole);
    coffee.name = dto.name ?? coffee.name;
    coffee.roasterId = dto.roasterId ?? coffee.roasterId;
    coffee.countryCode = pick('countryCode');
    coffee.originId = pick('originId');
    coffee.farm = pick('farm');
    coffee.farmerId = pick('farmerId');
    coffee.variety = pick('variety');
    coffee.processId = pick('processId');
    coffee.roastLevel = pick('roastLevel');
    coffee.altitudeMin = pick('altitudeMin');
    coffee.altitudeMax = pick('altitudeMax');
    coffee.tastingNotes = dto.tastingNotes ?? (whole ? [] : coffee.tastingNotes);
    coffee.barcode = pick('barcode');
    refuseReversed('altitudeMin', coffee.altitudeMin, 'altitudeMax', coffee.altitudeMax, context);
  }

  protected fields(_manager: EntityManager, coffee: CoffeeEntity): Promise<FieldValues> {
    return Promise.resolve(coffeeFields(coffee));
  }

  protected title(coffee: CoffeeEntity): string {
    return coffee.name;
  }

  protected duplicate(error: unknown): CatalogException | null {
    return uniqueViolation(error)
      ? new CatalogException(CatalogErrorCode.BARCODE_TAKEN, 'Another coffee has this barcode', {
          errors: [{ field: 'barcode', messages: ['another coffee has this barcode'] }],
        })
      : null;
  }

  private withDictionaries(): SelectQueryBuilder<CoffeeEntity> {
    return this.deps.dataSource.manager
      .createQueryBuilder(CoffeeEntity, 'coffee')
      .innerJoinAndSelect('coffee.roaster', 'roaster')
      .leftJoinAndSelect('coffee.origin', 'origin')
      .leftJoinAndSelect('coffee.farmer', 'farmer')
      .leftJoinAndSelect('coffee.process', 'process');
  }
}
