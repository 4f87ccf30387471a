import { foreignKeyViolation, uniqueViolation } from '@agora/database';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CatalogItemStore } from '../items/catalog-item.store.js';
import { keptOrCleared, refuseCleared, refuseReversed } from '../items/item-problems.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { MechanismEntity, MechanismFunctionEntity } from './mechanism.entity.js';
import {
  MECHANISM_LIST_QUERY,
  mechanismFields,
  MechanismInputDto,
  PatchMechanismDto,
  toMechanismDto,
  type MechanismDto,
  type MechanismPageDto,
} from './mechanism.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const REFERENCES = {
  mechanismTypeId: 'mechanism-types',
  factoryId: 'factories',
  functionIds: 'functions',
} as const;

/** Watch movements (seed 002 `mechanism`, `mechanism_function`), moderated like every catalog item. */
@Injectable()
export class MechanismsService extends CatalogItemStore<
  MechanismEntity,
  MechanismInputDto,
  PatchMechanismDto,
  MechanismDto
> {
  readonly subject = 'mechanism' as const;
  readonly createInput = MechanismInputDto;
  readonly updateInput = PatchMechanismDto;
  protected readonly entity = MechanismEntity;
  protected readonly references = REFERENCES;

  async list(query: ParsedListQuery): Promise<MechanismPageDto> {
    const page = await findPage(this.withRelations(), query, MECHANISM_LIST_QUERY.searchable);
    return mapPage(page, toMechanismDto);
  }

  async get(id: string): Promise<MechanismDto> {
    const mechanism = await this.withRelations().where('mechanism.id = :id', { id }).getOne();
    if (!mechanism) {
      throw this.notFound(id);
    }
    return toMechanismDto(mechanism);
  }

  protected assign(
    _manager: EntityManager,
    mechanism: MechanismEntity,
    dto: PatchMechanismDto,
    whole: boolean,
    context: ChangeContext,
  ): void {
    refuseCleared(dto, ['name'], context);
    const pick = <K extends keyof PatchMechanismDto & keyof MechanismEntity>(key: K) =>
      keptOrCleared(dto[key], mechanism[key], whole);
    mechanism.name = dto.name ?? mechanism.name;
    mechanism.stones = pick('stones');
    mechanism.startRelease = pick('startRelease');
    mechanism.endRelease = pick('endRelease');
    mechanism.mechanismTypeId = pick('mechanismTypeId');
    mechanism.factoryId = pick('factoryId');
    refuseReversed('startRelease', mechanism.startRelease, 'endRelease', mechanism.endRelease, context);
  }

  protected override async saveRelated(
    manager: EntityManager,
    mechanism: MechanismEntity,
    dto: PatchMechanismDto,
    whole: boolean,
  ): Promise<void> {
    if (dto.functionIds === undefined && !whole) {
      return;
    }
    await manager.delete(MechanismFunctionEntity, { mechanismId: mechanism.id });
    const links = (dto.functionIds ?? []).map((functionId) => ({ mechanismId: mechanism.id, functionId }));
    if (links.length > 0) {
      await manager.insert(MechanismFunctionEntity, links);
    }
  }

  protected async fields(manager: EntityManager, mechanism: MechanismEntity): Promise<FieldValues> {
    const links = await manager.findBy(MechanismFunctionEntity, { mechanismId: mechanism.id });
    return mechanismFields(
      mechanism,
      links.map((link) => link.functionId),
    );
  }

  /** Mechanisms are not searched themselves; the watches showing this one are. */
  protected override async reindex(manager: EntityManager, id: string): Promise<void> {
    await this.deps.search.refreshDependents(manager, 'mechanism', id);
  }

  protected title(mechanism: MechanismEntity): string {
    return mechanism.name;
  }

  protected duplicate(error: unknown): CatalogException | null {
    return uniqueViolation(error)
      ? new CatalogException(
          CatalogErrorCode.MECHANISM_EXISTS,
          'This factory already has a mechanism with this caliber',
          { errors: [{ field: 'name', messages: ['taken for this factory'] }] },
        )
      : null;
  }

  /** A mechanism watches still use cannot be deleted. */
  protected override async removeIn(manager: EntityManager, mechanism: MechanismEntity): Promise<void> {
    try {
      await super.removeIn(manager, mechanism);
    } catch (error) {
      if (foreignKeyViolation(error)) {
        throw new CatalogException(
          CatalogErrorCode.MECHANISM_IN_USE,
          'Watches use this mechanism; change them first',
        );
      }
      throw error;
    }
  }

  private withRelations(): SelectQueryBuilder<MechanismEntity> {
    return this.deps.dataSource.manager
      .createQueryBuilder(MechanismEntity, 'mechanism')
      .leftJoinAndSelect('mechanism.mechanismType', 'mechanismType')
      .leftJoinAndSelect('mechanism.factory', 'factory')
      .leftJoinAndSelect('mechanism.functionLinks', 'functionLink')
      .leftJoinAndSelect('functionLink.function', 'function');
  }
}
