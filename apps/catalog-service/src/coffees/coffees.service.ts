import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import { OutboxWriter, uniqueViolation } from '@agora/database';
import { ProblemException } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import { CoffeeEntity } from './coffee.entity.js';
import {
  COFFEE_LIST_QUERY,
  toCoffeeDto,
  type CoffeeDto,
  type CoffeeInputDto,
  type CoffeePageDto,
  type LoadedCoffee,
  type PatchCoffeeDto,
} from './coffee.dto.js';

/** Which dictionary each reference field points into. */
const REFERENCES: readonly {
  field: 'roasterId' | 'originId' | 'farmerId' | 'processId';
  kind: DictionaryKind;
}[] = [
  { field: 'roasterId', kind: 'roasters' },
  { field: 'originId', kind: 'origins' },
  { field: 'farmerId', kind: 'farmers' },
  { field: 'processId', kind: 'processes' },
];

const notFound = (what: string): ProblemException =>
  new ProblemException(404, { code: 'COFFEE_NOT_FOUND', detail: `No coffee ${what}` });

/** Coffee cards: read by everyone, written directly by moderators and admins, every change an event. */
@Injectable()
export class CoffeesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dictionaries: DictionariesService,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(query: ParsedListQuery): Promise<CoffeePageDto> {
    const page = await findPage(
      this.withDictionaries(this.dataSource.manager),
      query,
      COFFEE_LIST_QUERY.searchable,
    );
    return mapPage(page, (coffee) => toCoffeeDto(coffee as LoadedCoffee));
  }

  async get(id: string): Promise<CoffeeDto> {
    return toCoffeeDto(await this.load(this.dataSource.manager, id));
  }

  async getByBarcode(barcode: string): Promise<CoffeeDto> {
    const coffee = await this.withDictionaries(this.dataSource.manager)
      .where('coffee.barcode = :barcode', { barcode })
      .getOne();
    if (!coffee) {
      throw notFound(`with barcode ${barcode}`);
    }
    return toCoffeeDto(coffee as LoadedCoffee);
  }

  create(dto: CoffeeInputDto, user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.write(async (manager) => {
      const coffee = manager.create(CoffeeEntity, { createdBy: user.id, version: 1 });
      await this.apply(manager, coffee, dto, true);
      coffee.updatedBy = user.id;
      const saved = await manager.save(coffee);
      await this.outbox.add(manager, Topics.CatalogItemCreated, saved.id, this.changed(saved, user));
      return saved.id;
    });
  }

  /** PUT: the card as sent; optional fields left out are cleared. */
  replace(id: string, dto: CoffeeInputDto, user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.update(id, user, (manager, coffee) => this.apply(manager, coffee, dto, true));
  }

  patch(id: string, dto: PatchCoffeeDto, user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.update(id, user, (manager, coffee) => this.apply(manager, coffee, dto, false));
  }

  async delete(id: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await manager.delete(CoffeeEntity, { id });
      if (!deleted.affected) {
        throw notFound(id);
      }
      await this.outbox.add(manager, Topics.CatalogItemDeleted, id, {
        kind: 'coffee',
        itemId: id,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      });
    });
  }

  private update(
    id: string,
    user: AuthenticatedUser,
    edit: (manager: EntityManager, coffee: CoffeeEntity) => Promise<void>,
  ): Promise<CoffeeDto> {
    return this.write(async (manager) => {
      const coffee = await manager.findOne(CoffeeEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!coffee) {
        throw notFound(id);
      }
      await edit(manager, coffee);
      coffee.version += 1;
      coffee.updatedBy = user.id;
      const saved = await manager.save(coffee);
      await this.outbox.add(manager, Topics.CatalogItemUpdated, saved.id, this.changed(saved, user));
      return saved.id;
    });
  }

  /** Runs a change in a transaction and answers with the stored card; a taken barcode is a 409. */
  private async write(change: (manager: EntityManager) => Promise<string>): Promise<CoffeeDto> {
    try {
      const id = await this.dataSource.transaction(change);
      return await this.get(id);
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new ProblemException(409, {
          code: 'BARCODE_TAKEN',
          detail: 'Another coffee has this barcode',
          errors: [{ field: 'barcode', messages: ['another coffee has this barcode'] }],
        });
      }
      throw error;
    }
  }

  /**
   * Copies the sent fields onto the card after checking every reference is a value of its dictionary.
   * `whole`: fields left out are cleared (PUT); otherwise they stay (PATCH).
   */
  private async apply(
    manager: EntityManager,
    coffee: CoffeeEntity,
    dto: PatchCoffeeDto,
    whole: boolean,
  ): Promise<void> {
    const pick = <K extends keyof PatchCoffeeDto>(key: K, current: CoffeeEntity[K & keyof CoffeeEntity]) =>
      dto[key] !== undefined ? dto[key] : whole ? null : current;
    for (const { field, kind } of REFERENCES) {
      const value = dto[field];
      if (value) {
        await this.dictionaries.require(manager, kind, value, field);
      }
    }
    for (const required of ['name', 'roasterId'] as const) {
      if (dto[required] === null) {
        throw new ProblemException(400, {
          code: 'VALIDATION_FAILED',
          detail: `${required} cannot be cleared`,
          errors: [{ field: required, messages: [`${required} is required`] }],
        });
      }
    }
    coffee.name = dto.name ?? coffee.name;
    coffee.roasterId = dto.roasterId ?? coffee.roasterId;
    coffee.countryCode = pick('countryCode', coffee.countryCode) ?? null;
    coffee.originId = pick('originId', coffee.originId) ?? null;
    coffee.farm = pick('farm', coffee.farm) ?? null;
    coffee.farmerId = pick('farmerId', coffee.farmerId) ?? null;
    coffee.variety = pick('variety', coffee.variety) ?? null;
    coffee.processId = pick('processId', coffee.processId) ?? null;
    coffee.roastLevel = pick('roastLevel', coffee.roastLevel) ?? null;
    coffee.altitudeMin = pick('altitudeMin', coffee.altitudeMin) ?? null;
    coffee.altitudeMax = pick('altitudeMax', coffee.altitudeMax) ?? null;
    coffee.tastingNotes = dto.tastingNotes ?? (whole ? [] : coffee.tastingNotes);
    coffee.barcode = pick('barcode', coffee.barcode) ?? null;
    if (
      coffee.altitudeMin !== null &&
      coffee.altitudeMax !== null &&
      coffee.altitudeMin > coffee.altitudeMax
    ) {
      throw new ProblemException(400, {
        code: 'VALIDATION_FAILED',
        detail: 'altitudeMin must not exceed altitudeMax',
        errors: [{ field: 'altitudeMin', messages: ['must not exceed altitudeMax'] }],
      });
    }
  }

  private changed(coffee: CoffeeEntity, user: AuthenticatedUser) {
    return {
      kind: 'coffee' as const,
      itemId: coffee.id,
      name: coffee.name,
      version: coffee.version,
      changedBy: user.id,
      changedAt: coffee.updatedAt.toISOString(),
    };
  }

  private withDictionaries(manager: EntityManager): SelectQueryBuilder<CoffeeEntity> {
    return manager
      .createQueryBuilder(CoffeeEntity, 'coffee')
      .innerJoinAndSelect('coffee.roaster', 'roaster')
      .leftJoinAndSelect('coffee.origin', 'origin')
      .leftJoinAndSelect('coffee.farmer', 'farmer')
      .leftJoinAndSelect('coffee.process', 'process');
  }

  private async load(manager: EntityManager, id: string): Promise<LoadedCoffee> {
    const coffee = await this.withDictionaries(manager).where('coffee.id = :id', { id }).getOne();
    if (!coffee) {
      throw notFound(id);
    }
    return coffee as LoadedCoffee;
  }
}
