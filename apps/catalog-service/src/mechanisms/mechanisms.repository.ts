import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { ItemRepository } from '../items/item.repository.js';
import type { Tx } from '@agora/database';
import { MECHANISM_LIST_QUERY } from './mechanism.dto.js';
import { MechanismFunctionEntity } from './mechanism-function.entity.js';
import { MechanismEntity } from './mechanism.entity.js';

/** Mechanisms with their type, factory and function links. */
@Injectable()
export class MechanismsRepository extends ItemRepository<MechanismEntity> {
  protected readonly entity = MechanismEntity;

  page(query: ParsedListQuery): Promise<Page<MechanismEntity>> {
    return findPage(this.withRelations(), query, MECHANISM_LIST_QUERY.searchable);
  }

  findLoaded(id: string): Promise<MechanismEntity | null> {
    return this.withRelations().where('mechanism.id = :id', { id }).getOne();
  }

  async functionIds(tx: Tx, mechanismId: string): Promise<string[]> {
    return (await tx.findBy(MechanismFunctionEntity, { mechanismId })).map((link) => link.functionId);
  }

  async replaceFunctions(tx: Tx, mechanismId: string, functionIds: readonly string[]): Promise<void> {
    await tx.delete(MechanismFunctionEntity, { mechanismId });
    if (functionIds.length > 0) {
      await tx.insert(
        MechanismFunctionEntity,
        functionIds.map((functionId) => ({ mechanismId, functionId })),
      );
    }
  }

  private withRelations(): SelectQueryBuilder<MechanismEntity> {
    return this.dataSource.manager
      .createQueryBuilder(MechanismEntity, 'mechanism')
      .leftJoinAndSelect('mechanism.mechanismType', 'mechanismType')
      .leftJoinAndSelect('mechanism.factory', 'factory')
      .leftJoinAndSelect('mechanism.functionLinks', 'functionLink')
      .leftJoinAndSelect('functionLink.function', 'function');
  }
}
