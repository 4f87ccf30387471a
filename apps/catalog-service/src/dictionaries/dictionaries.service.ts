import { foreignKeyViolation, newId, uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SearchIndex } from '../search/search-index.js';
import { DICTIONARY_USAGES, type DictionaryKind, type DictionaryUsage } from './dictionary-kinds.js';
import { DictionaryValueEntity } from './dictionary-value.entity.js';
import {
  DICTIONARY_LIST_QUERY,
  toDictionaryValueDto,
  type CreateDictionaryValueDto,
  type DictionaryValueDto,
  type DictionaryValuePageDto,
  type UpdateDictionaryValueDto,
} from './dictionary.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { invalidInput } from '../items/item-problems.js';
import type { ChangeContext } from '../moderation/item-editor.js';

const notFound = (kind: DictionaryKind, id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.DICTIONARY_VALUE_NOT_FOUND, `No ${kind} value ${id}`);

export const dictionaryValueTaken = (kind: DictionaryKind, name: string): CatalogException =>
  new CatalogException(CatalogErrorCode.DICTIONARY_VALUE_EXISTS, `${kind} already has "${name}"`, {
    errors: [{ field: 'name', messages: [`${kind} already has this name`] }],
  });

/** The coffee dictionaries: listing, editing by moderators, deleting only what nothing uses (or reassigning). */
@Injectable()
export class DictionariesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: SearchIndex,
  ) {}

  async list(kind: DictionaryKind, query: ParsedListQuery): Promise<DictionaryValuePageDto> {
    const builder = this.dataSource.manager
      .createQueryBuilder(DictionaryValueEntity, 'value')
      .where('value.kind = :kind', { kind })
      .andWhere("value.status = 'approved'");
    return mapPage(await findPage(builder, query, DICTIONARY_LIST_QUERY.searchable), toDictionaryValueDto);
  }

  async get(kind: DictionaryKind, id: string): Promise<DictionaryValueDto> {
    return toDictionaryValueDto(await this.find(this.dataSource.manager, kind, id));
  }

  async create(kind: DictionaryKind, dto: CreateDictionaryValueDto): Promise<DictionaryValueDto> {
    try {
      const value = this.dataSource.manager.create(DictionaryValueEntity, {
        kind,
        name: dto.name,
        countryCode: dto.countryCode ?? null,
      });
      return toDictionaryValueDto(await this.dataSource.manager.save(value));
    } catch (error) {
      throw uniqueViolation(error) ? dictionaryValueTaken(kind, dto.name) : error;
    }
  }

  async update(
    kind: DictionaryKind,
    id: string,
    dto: UpdateDictionaryValueDto,
    expected?: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const value = await this.find(manager, kind, id, true);
        assertVersionMatches(expected, value.version);
        value.version += 1;
        value.name = dto.name ?? value.name;
        value.countryCode = dto.countryCode ?? value.countryCode;
        const saved = await manager.save(value);
        await this.search.refreshDependents(manager, 'dictionaryValue', id);
        return toDictionaryValueDto(saved);
      });
    } catch (error) {
      throw uniqueViolation(error) ? dictionaryValueTaken(kind, dto.name ?? '') : error;
    }
  }

  /** Deletes a value; one still in use is a 409 unless `replaceWith` names the value its uses move to. */
  async delete(
    kind: DictionaryKind,
    id: string,
    replaceWith?: string,
    expected?: ExpectedVersions,
  ): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const value = await this.find(manager, kind, id, true);
        assertVersionMatches(expected, value.version);
        if (replaceWith !== undefined) {
          if (replaceWith === id) {
            throw new CatalogException(
              CatalogErrorCode.INVALID_REPLACEMENT,
              'A value cannot replace itself',
              { errors: [{ field: 'replaceWith', messages: ['must be another value'] }] },
            );
          }
          await this.require(manager, kind, replaceWith, 'replaceWith');
          for (const usage of DICTIONARY_USAGES[kind]) {
            await this.moveUses(manager, usage, id, replaceWith);
          }
        }
        await manager.delete(DictionaryValueEntity, { id });
        if (replaceWith !== undefined) {
          await this.search.refreshDependents(manager, 'dictionaryValue', replaceWith);
        }
      });
    } catch (error) {
      if (foreignKeyViolation(error)) {
        throw new CatalogException(
          CatalogErrorCode.DICTIONARY_VALUE_IN_USE,
          `This ${kind} value is in use; delete with ?replaceWith=<another value id> to move its uses`,
        );
      }
      throw error;
    }
  }

  /**
   * The values of a free vocabulary (tags) with these names, adding the missing ones: names are matched
   * regardless of case, and a pending proposal of the same name is approved by the use.
   */
  async findOrAdd(
    manager: EntityManager,
    kind: DictionaryKind,
    names: readonly string[],
  ): Promise<DictionaryValueEntity[]> {
    // One name once, in one order for every writer: two transactions adding the same new names wait for
    // each other instead of deadlocking.
    const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    const values: DictionaryValueEntity[] = [];
    for (const name of unique) {
      await manager.query(
        `INSERT INTO "catalog"."dictionary_values" ("id", "kind", "name") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [newId(), kind, name],
      );
      const value = await manager
        .createQueryBuilder(DictionaryValueEntity, 'value')
        .where('value.kind = :kind AND lower(value.name) = lower(:name)', { kind, name })
        .getOneOrFail();
      if (value.status === 'pending') {
        value.status = 'approved';
        await manager.save(value);
      }
      values.push(value);
    }
    return values;
  }

  /** Points every use of `from` at `to`; a link its owner already has with `to` is dropped instead. */
  private async moveUses(
    manager: EntityManager,
    usage: DictionaryUsage,
    from: string,
    to: string,
  ): Promise<void> {
    const table = `"catalog"."${usage.table}"`;
    const column = `"${usage.column}"`;
    if (usage.owner === undefined) {
      await manager.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`, [to, from]);
      return;
    }
    const owner = `"${usage.owner}"`;
    await manager.query(
      `UPDATE ${table} AS link SET ${column} = $1 WHERE link.${column} = $2
         AND NOT EXISTS (SELECT 1 FROM ${table} AS other WHERE other.${owner} = link.${owner} AND other.${column} = $1)`,
      [to, from],
    );
    await manager.query(`DELETE FROM ${table} WHERE ${column} = $1`, [from]);
  }

  /**
   * The value, checked to be an approved value of this kind (or a pending one proposed by the author of the
   * change's `pendingValuesOf`); a 400 naming the field otherwise (for items referring to it).
   */
  async require(
    manager: EntityManager,
    kind: DictionaryKind,
    id: string,
    field: string,
    context?: ChangeContext,
  ): Promise<DictionaryValueEntity> {
    const pendingValuesOf = context?.pendingValuesOf ?? null;
    // Key-share locked: a deletion racing the write that refers to the value waits for it (and then finds
    // the value in use), or wins and leaves nothing to refer to.
    const value = await manager.findOne(DictionaryValueEntity, {
      where: { id, kind },
      lock: { mode: 'for_key_share' },
    });
    const usable =
      value !== null &&
      (value.status === 'approved' || (pendingValuesOf !== null && value.proposedBy === pendingValuesOf));
    if (!usable) {
      throw invalidInput(
        context,
        CatalogErrorCode.UNKNOWN_DICTIONARY_VALUE,
        `${field} is not a value of ${kind}`,
        { errors: [{ field, messages: [`must be the id of one of ${kind}`] }] },
      );
    }
    return value;
  }

  private async find(
    manager: EntityManager,
    kind: DictionaryKind,
    id: string,
    lock = false,
  ): Promise<DictionaryValueEntity> {
    const value = await manager.findOne(DictionaryValueEntity, {
      where: { id, kind, status: 'approved' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!value) {
      throw notFound(kind, id);
    }
    return value;
  }
}
