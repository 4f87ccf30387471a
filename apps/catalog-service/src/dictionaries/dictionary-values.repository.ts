import { newId } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CheckinTagEntity } from '../checkins/checkin-tag.entity.js';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { ListingTagEntity } from '../listings/listing-tag.entity.js';
import { MechanismFunctionEntity } from '../mechanisms/mechanism-function.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import type { Tx } from '@agora/database';
import { WatchEntity } from '../watches/watch.entity.js';
import type { DictionaryKind } from './dictionary-kinds.js';
import { DictionaryValueEntity } from './dictionary-value.entity.js';
import { DICTIONARY_LIST_QUERY } from './dictionary.dto.js';

interface DictionaryUsage {
  readonly entity: EntityTarget<ObjectLiteral>;
  readonly property: string;
  /** In a link table: the other key, so moving a use never duplicates a link the owner already has. */
  readonly owner?: string;
}

/** Where each dictionary's values are used: reassigned before a value in use can be deleted. */
const USAGES: Readonly<Record<DictionaryKind, readonly DictionaryUsage[]>> = {
  roasters: [{ entity: CoffeeEntity, property: 'roasterId' }],
  farmers: [{ entity: CoffeeEntity, property: 'farmerId' }],
  origins: [{ entity: CoffeeEntity, property: 'originId' }],
  processes: [{ entity: CoffeeEntity, property: 'processId' }],
  brands: [{ entity: WatchEntity, property: 'brandId' }],
  factories: [
    { entity: WatchEntity, property: 'factoryId' },
    { entity: MechanismEntity, property: 'factoryId' },
  ],
  'case-materials': [{ entity: WatchEntity, property: 'caseMaterialId' }],
  genders: [{ entity: WatchEntity, property: 'genderId' }],
  'mechanism-types': [{ entity: MechanismEntity, property: 'mechanismTypeId' }],
  functions: [{ entity: MechanismFunctionEntity, property: 'functionId', owner: 'mechanismId' }],
  tags: [
    { entity: ListingTagEntity, property: 'tagId', owner: 'listingId' },
    { entity: CheckinTagEntity, property: 'tagId', owner: 'checkinId' },
  ],
};

/** Dictionary values (approved and pending) and the rows using them. */
@Injectable()
export class DictionaryValuesRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<DictionaryValueEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<DictionaryValueEntity>(dataSource, DictionaryValueEntity, {
      alias: 'value',
      searchable: DICTIONARY_LIST_QUERY.searchable,
    });
  }

  /** Reads outside a transaction. */
  get reader(): Tx {
    return this.dataSource.manager;
  }

  /** A page of a dictionary's approved values. */
  page(kind: DictionaryKind, query: ParsedListQuery): Promise<Page<DictionaryValueEntity>> {
    return this.list.page(query, [
      { field: 'kind', operator: 'eq', value: kind },
      { field: 'status', operator: 'eq', value: 'approved' },
    ]);
  }

  build(tx: Tx, values: DeepPartial<DictionaryValueEntity>): DictionaryValueEntity {
    return tx.create(DictionaryValueEntity, values);
  }

  save(tx: Tx, value: DictionaryValueEntity): Promise<DictionaryValueEntity> {
    return tx.save(value);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(DictionaryValueEntity, { id });
  }

  async removePending(tx: Tx, id: string): Promise<void> {
    await tx.delete(DictionaryValueEntity, { id, status: 'pending' });
  }

  /** An approved value of the kind; `lock`: row-locked for a change. */
  findApproved(kind: DictionaryKind, id: string, options: { tx?: Tx; lock?: boolean } = {}) {
    return (options.tx ?? this.dataSource.manager).findOne(DictionaryValueEntity, {
      where: { id, kind, status: 'approved' },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Any value, approved or not. */
  findAny(tx: Tx, id: string): Promise<DictionaryValueEntity | null> {
    return tx.findOneBy(DictionaryValueEntity, { id });
  }

  /** A pending value, row-locked (its approval). */
  lockPending(tx: Tx, id: string): Promise<DictionaryValueEntity | null> {
    return tx.findOne(DictionaryValueEntity, {
      where: { id, status: 'pending' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The value of the kind, key-share locked: a deletion racing the write that refers to it waits for it
   * (and then finds the value in use), or wins and leaves nothing to refer to.
   */
  lockForReference(tx: Tx, kind: DictionaryKind, id: string): Promise<DictionaryValueEntity | null> {
    return tx.findOne(DictionaryValueEntity, { where: { id, kind }, lock: { mode: 'for_key_share' } });
  }

  /** The value of this name (any case), added when missing (a concurrent add of the same name is one row). */
  async findOrInsert(tx: Tx, kind: DictionaryKind, name: string): Promise<DictionaryValueEntity> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(DictionaryValueEntity)
      .values({ id: newId(), kind, name })
      .orIgnore()
      .execute();
    return tx
      .createQueryBuilder(DictionaryValueEntity, 'value')
      .where('value.kind = :kind AND lower(value.name) = lower(:name)', { kind, name })
      .getOneOrFail();
  }

  /** Points every use of `from` at `to`; a link its owner already has with `to` is dropped instead. */
  async moveUses(tx: Tx, kind: DictionaryKind, from: string, to: string): Promise<void> {
    for (const usage of USAGES[kind]) {
      const metadata = tx.connection.getMetadata(usage.entity);
      const table = metadata.schema
        ? `"${metadata.schema}"."${metadata.tableName}"`
        : `"${metadata.tableName}"`;
      const column = `"${metadata.findColumnWithPropertyName(usage.property)?.databaseName ?? ''}"`;
      if (usage.owner === undefined) {
        await tx.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`, [to, from]);
        continue;
      }
      const owner = `"${metadata.findColumnWithPropertyName(usage.owner)?.databaseName ?? ''}"`;
      await tx.query(
        `UPDATE ${table} AS link SET ${column} = $1 WHERE link.${column} = $2
           AND NOT EXISTS (SELECT 1 FROM ${table} AS other WHERE other.${owner} = link.${owner} AND other.${column} = $1)`,
        [to, from],
      );
      await tx.query(`DELETE FROM ${table} WHERE ${column} = $1`, [from]);
    }
  }
}
