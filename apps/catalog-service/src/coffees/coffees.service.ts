import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import { OutboxWriter, uniqueViolation } from '@agora/database';
import { ProblemException } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DictionariesService } from '../dictionaries/dictionaries.service.js';
import type { DictionaryKind } from '../dictionaries/dictionary-kinds.js';
import { directChange, type ChangeContext, type ItemSnapshot } from '../moderation/item-editor.js';
import { ItemHistoryService } from '../moderation/item-history.service.js';
import { CoffeeEntity } from './coffee.entity.js';
import {
  COFFEE_LIST_QUERY,
  coffeeFields,
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
    private readonly history: ItemHistoryService,
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
    return this.write((manager) => this.createIn(manager, dto, directChange(user.id)));
  }

  /** PUT: the card as sent; optional fields left out are cleared. */
  replace(id: string, dto: CoffeeInputDto, user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.write((manager) => this.updateIn(manager, id, dto, true, directChange(user.id)));
  }

  patch(id: string, dto: PatchCoffeeDto, user: AuthenticatedUser): Promise<CoffeeDto> {
    return this.write((manager) => this.updateIn(manager, id, dto, false, directChange(user.id)));
  }

  async delete(id: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const coffee = await this.lock(manager, id);
      await manager.delete(CoffeeEntity, { id });
      await this.history.record(
        manager,
        { ...this.historyOf(coffee), version: coffee.version + 1, action: 'deleted', after: null },
        directChange(user.id),
      );
      await this.outbox.add(manager, Topics.CatalogItemDeleted, id, {
        kind: 'coffee',
        itemId: id,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      });
    });
  }

  /** The card's editable fields, for drafts' diffs; null when there is no such card. */
  async snapshot(manager: EntityManager, id: string): Promise<ItemSnapshot | null> {
    const coffee = await manager.findOneBy(CoffeeEntity, { id });
    return coffee ? { version: coffee.version, fields: coffeeFields(coffee) } : null;
  }

  /** Creates a card inside the caller's transaction: the direct path and a draft's approval alike. */
  async createIn(manager: EntityManager, dto: CoffeeInputDto, context: ChangeContext): Promise<string> {
    const coffee = manager.create(CoffeeEntity, { createdBy: context.authorId, version: 1 });
    await this.apply(manager, coffee, dto, true, context);
    coffee.updatedBy = context.authorId;
    const saved = await this.save(manager, coffee);
    await this.history.record(
      manager,
      { ...this.historyOf(saved), action: 'created', before: null },
      context,
    );
    await this.outbox.add(manager, Topics.CatalogItemCreated, saved.id, this.changed(saved, context));
    return saved.id;
  }

  /** Changes a card inside the caller's transaction; `whole`: fields left out are cleared (PUT). */
  async updateIn(
    manager: EntityManager,
    id: string,
    dto: PatchCoffeeDto,
    whole: boolean,
    context: ChangeContext,
  ): Promise<string> {
    const coffee = await this.lock(manager, id);
    const before = coffeeFields(coffee);
    await this.apply(manager, coffee, dto, whole, context);
    coffee.version += 1;
    coffee.updatedBy = context.authorId;
    const saved = await this.save(manager, coffee);
    await this.history.record(manager, { ...this.historyOf(saved), action: 'updated', before }, context);
    await this.outbox.add(manager, Topics.CatalogItemUpdated, saved.id, this.changed(saved, context));
    return saved.id;
  }

  private async lock(manager: EntityManager, id: string): Promise<CoffeeEntity> {
    const coffee = await manager.findOne(CoffeeEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!coffee) {
      throw notFound(id);
    }
    return coffee;
  }

  /** Runs a change in a transaction and answers with the stored card. */
  private async write(change: (manager: EntityManager) => Promise<string>): Promise<CoffeeDto> {
    return this.get(await this.dataSource.transaction(change));
  }

  /** Saves the card; a barcode another card has is a 409. */
  private async save(manager: EntityManager, coffee: CoffeeEntity): Promise<CoffeeEntity> {
    try {
      return await manager.save(coffee);
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

  private historyOf(coffee: CoffeeEntity) {
    return {
      subject: 'coffee' as const,
      itemId: coffee.id,
      version: coffee.version,
      before: coffeeFields(coffee),
      after: coffeeFields(coffee),
    };
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
    context: ChangeContext,
  ): Promise<void> {
    const pick = <K extends keyof PatchCoffeeDto>(key: K, current: CoffeeEntity[K & keyof CoffeeEntity]) =>
      dto[key] !== undefined ? dto[key] : whole ? null : current;
    for (const { field, kind } of REFERENCES) {
      const value = dto[field];
      if (value) {
        await this.dictionaries.require(manager, kind, value, field, context.pendingValuesOf);
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

  private changed(coffee: CoffeeEntity, context: ChangeContext) {
    return {
      kind: 'coffee' as const,
      itemId: coffee.id,
      name: coffee.name,
      version: coffee.version,
      changedBy: context.authorId,
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
