import type { AuthenticatedUser } from '@agora/auth';
import { foreignKeyViolation, uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { UnitOfWork, type Tx } from '@agora/database';
import { DictionaryValuesRepository } from './dictionary-values.repository.js';
import { SearchIndex } from '../search/search-index.js';
import type { DictionaryKind } from './dictionary-kinds.js';
import type { DictionaryValueEntity } from './dictionary-value.entity.js';
import {
  toDictionaryValueDto,
  type CreateDictionaryValueDto,
  type DictionaryValueDto,
  type DictionaryValuePageDto,
  type UpdateDictionaryValueDto,
} from './dictionary.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { invalidInput } from '../items/item-problems.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { applyTranslation, type TranslationChange } from '../translations/translation-change.js';

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
    private readonly unitOfWork: UnitOfWork,
    private readonly values: DictionaryValuesRepository,
    private readonly search: SearchIndex,
  ) {}

  async list(kind: DictionaryKind, query: ParsedListQuery): Promise<DictionaryValuePageDto> {
    return mapPage(await this.values.page(kind, query), toDictionaryValueDto);
  }

  async get(kind: DictionaryKind, id: string): Promise<DictionaryValueDto> {
    return toDictionaryValueDto(await this.find(kind, id));
  }

  async create(
    _moderator: AuthenticatedUser,
    kind: DictionaryKind,
    dto: CreateDictionaryValueDto,
  ): Promise<DictionaryValueDto> {
    try {
      return await this.unitOfWork.run(async (tx) => {
        const value = this.values.build(tx, { kind, name: dto.name, countryCode: dto.countryCode ?? null });
        return toDictionaryValueDto(await this.values.save(tx, value));
      });
    } catch (error) {
      throw uniqueViolation(error) ? dictionaryValueTaken(kind, dto.name) : error;
    }
  }

  async update(
    _moderator: AuthenticatedUser,
    kind: DictionaryKind,
    id: string,
    dto: UpdateDictionaryValueDto,
    expected?: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    try {
      return await this.unitOfWork.run(async (tx) => {
        const value = await this.find(kind, id, tx);
        assertVersionMatches(expected, value.version);
        value.version += 1;
        value.name = dto.name ?? value.name;
        // Left out keeps the country; null clears it (documented as nullable).
        value.countryCode = dto.countryCode === undefined ? value.countryCode : dto.countryCode;
        const saved = await this.values.save(tx, value);
        await this.search.refreshDependents(tx, 'dictionaryValue', id);
        return toDictionaryValueDto(saved);
      });
    } catch (error) {
      throw uniqueViolation(error) ? dictionaryValueTaken(kind, dto.name ?? '') : error;
    }
  }

  /**
   * Sets or removes the value's translation into one language (issue 17): under the row lock and If-Match,
   * the version rises, and every search document showing the value is rewritten (so `Kenya` finds the
   * coffees of `Кения`).
   */
  async translate(
    _moderator: AuthenticatedUser,
    kind: DictionaryKind,
    id: string,
    change: TranslationChange,
    expected?: ExpectedVersions,
  ): Promise<DictionaryValueDto> {
    return this.unitOfWork.run(async (tx) => {
      const value = await this.find(kind, id, tx);
      assertVersionMatches(expected, value.version);
      value.translations = applyTranslation(value, change);
      value.version += 1;
      const saved = await this.values.save(tx, value);
      await this.search.refreshDependents(tx, 'dictionaryValue', id);
      return toDictionaryValueDto(saved);
    });
  }

  /** Deletes a value; one still in use is a 409 unless `replaceWith` names the value its uses move to. */
  async delete(
    _moderator: AuthenticatedUser,
    kind: DictionaryKind,
    id: string,
    replaceWith?: string,
    expected?: ExpectedVersions,
  ): Promise<void> {
    try {
      await this.unitOfWork.run(async (tx) => {
        const value = await this.find(kind, id, tx);
        assertVersionMatches(expected, value.version);
        if (replaceWith !== undefined) {
          if (replaceWith === id) {
            throw new CatalogException(
              CatalogErrorCode.INVALID_REPLACEMENT,
              'A value cannot replace itself',
              {
                errors: [{ field: 'replaceWith', messages: ['must be another value'] }],
              },
            );
          }
          await this.require(tx, kind, replaceWith, 'replaceWith');
          await this.values.moveUses(tx, kind, id, replaceWith);
        }
        await this.values.remove(tx, id);
        if (replaceWith !== undefined) {
          await this.search.refreshDependents(tx, 'dictionaryValue', replaceWith);
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
  async findOrAdd(tx: Tx, kind: DictionaryKind, names: readonly string[]): Promise<DictionaryValueEntity[]> {
    // One name once, in one order for every writer: two transactions adding the same new names wait for
    // each other instead of deadlocking.
    const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    const values: DictionaryValueEntity[] = [];
    for (const name of unique) {
      const value = await this.values.findOrInsert(tx, kind, name);
      if (value.status === 'pending') {
        value.status = 'approved';
        await this.values.save(tx, value);
      }
      values.push(value);
    }
    return values;
  }

  /**
   * The value, checked to be an approved value of this kind (or a pending one proposed by the author of the
   * change's `pendingValuesOf`); a 400 naming the field otherwise (for items referring to it).
   */
  async require(
    tx: Tx,
    kind: DictionaryKind,
    id: string,
    field: string,
    context?: ChangeContext,
  ): Promise<DictionaryValueEntity> {
    const pendingValuesOf = context?.pendingValuesOf ?? null;
    const value = await this.values.lockForReference(tx, kind, id);
    const usable =
      value !== null &&
      (value.status === 'approved' || (pendingValuesOf !== null && value.proposedBy === pendingValuesOf));
    if (!usable) {
      throw invalidInput(
        context,
        CatalogErrorCode.UNKNOWN_DICTIONARY_VALUE,
        `${field} is not a value of ${kind}`,
        {
          errors: [{ field, messages: [`must be the id of one of ${kind}`] }],
        },
      );
    }
    return value;
  }

  /** An approved value of the kind (row-locked in a transaction); a 404 otherwise. */
  private async find(kind: DictionaryKind, id: string, tx?: Tx): Promise<DictionaryValueEntity> {
    const value = await this.values.findApproved(kind, id, { tx, lock: tx !== undefined });
    if (!value) {
      throw notFound(kind, id);
    }
    return value;
  }
}
