import { uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import type { AuthenticatedUser } from '@agora/auth';
import { Injectable } from '@nestjs/common';
import { UnitOfWork, type Tx } from '@agora/database';
import { CategoriesRepository } from './categories.repository.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { SearchIndex } from '../search/search-index.js';
import type { CategoryEntity } from './category.entity.js';
import {
  toCategoryDto,
  type CategoryDto,
  type CategoryInputDto,
  type CategoryPageDto,
  type PatchCategoryDto,
} from './category.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

/** Seed 001 menu categories: read by everyone, written by admins; deleting one unlinks its products. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly categories: CategoriesRepository,
    private readonly search: SearchIndex,
  ) {}

  async list(query: ParsedListQuery): Promise<CategoryPageDto> {
    return mapPage(await this.categories.page(query), toCategoryDto);
  }

  async get(id: string): Promise<CategoryDto> {
    const category = await this.categories.find(id);
    if (!category) {
      throw notFound(id);
    }
    return toCategoryDto(category);
  }

  create(_admin: AuthenticatedUser, dto: CategoryInputDto): Promise<CategoryDto> {
    return this.save(null, dto, true);
  }

  update(
    _admin: AuthenticatedUser,
    id: string,
    dto: PatchCategoryDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<CategoryDto> {
    return this.save({ id, expected }, dto, whole);
  }

  /** Deletes the category; its products stay, without it (and are found without it). */
  async delete(_admin: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.lock(tx, id, expected);
      const products = await this.categories.productIds(tx, id);
      await this.categories.remove(tx, id);
      await this.search.refresh(tx, 'product', products);
    });
  }

  /** Creates (`target` null) or changes the category under its row lock, at the version If-Match names. */
  private async save(
    target: { id: string; expected?: ExpectedVersions } | null,
    dto: PatchCategoryDto,
    whole: boolean,
  ): Promise<CategoryDto> {
    refuseCleared(dto, ['name']);
    try {
      return await this.unitOfWork.run(async (tx) => {
        const category = target
          ? await this.lock(tx, target.id, target.expected)
          : this.categories.build(tx, { version: 0 });
        category.version += 1;
        category.name = dto.name ?? category.name;
        category.description = keptOrCleared(dto.description, category.description, whole);
        category.position = dto.position ?? (whole ? 0 : category.position);
        const saved = await this.categories.save(tx, category);
        await this.search.refreshDependents(tx, 'category', saved.id);
        return toCategoryDto(saved);
      });
    } catch (error) {
      if (uniqueViolation(error)) {
        throw new CatalogException(
          CatalogErrorCode.CATEGORY_EXISTS,
          `There is already a category "${dto.name ?? ''}"`,
          { errors: [{ field: 'name', messages: ['another category has this name'] }] },
        );
      }
      throw error;
    }
  }

  private async lock(tx: Tx, id: string, expected?: ExpectedVersions): Promise<CategoryEntity> {
    const category = await this.categories.lock(tx, id);
    if (!category) {
      throw notFound(id);
    }
    assertVersionMatches(expected, category.version);
    return category;
  }
}

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.CATEGORY_NOT_FOUND, `No category ${id}`);
