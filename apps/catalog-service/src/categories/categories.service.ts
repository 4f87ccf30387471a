import { uniqueViolation } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { SearchIndex } from '../search/search-index.js';
import { CategoryEntity } from './category.entity.js';
import {
  CATEGORY_LIST_QUERY,
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
    private readonly dataSource: DataSource,
    private readonly search: SearchIndex,
  ) {}

  async list(query: ParsedListQuery): Promise<CategoryPageDto> {
    const builder = this.dataSource.manager.createQueryBuilder(CategoryEntity, 'category');
    return mapPage(await findPage(builder, query, CATEGORY_LIST_QUERY.searchable), toCategoryDto);
  }

  async get(id: string): Promise<CategoryDto> {
    return toCategoryDto(await this.find(id));
  }

  create(dto: CategoryInputDto): Promise<CategoryDto> {
    return this.save(null, dto, true);
  }

  update(
    id: string,
    dto: PatchCategoryDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<CategoryDto> {
    return this.save({ id, expected }, dto, whole);
  }

  /** Deletes the category; its products stay, without it (and are found without it). */
  async delete(id: string, expected?: ExpectedVersions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id, expected);
      const products = await manager.query<{ product_id: string }[]>(
        `SELECT product_id FROM catalog.product_categories WHERE category_id = $1`,
        [id],
      );
      await manager.delete(CategoryEntity, { id });
      await this.search.refresh(
        manager,
        'product',
        products.map((row) => row.product_id),
      );
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
      return await this.dataSource.transaction(async (manager) => {
        const category = target
          ? await this.lock(manager, target.id, target.expected)
          : manager.create(CategoryEntity, { version: 0 });
        category.version += 1;
        category.name = dto.name ?? category.name;
        category.description = keptOrCleared(dto.description, category.description, whole);
        category.position = dto.position ?? (whole ? 0 : category.position);
        const saved = await manager.save(category);
        await this.search.refreshDependents(manager, 'category', saved.id);
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

  private async lock(
    manager: EntityManager,
    id: string,
    expected?: ExpectedVersions,
  ): Promise<CategoryEntity> {
    const category = await manager.findOne(CategoryEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!category) {
      throw notFound(id);
    }
    assertVersionMatches(expected, category.version);
    return category;
  }

  private async find(id: string): Promise<CategoryEntity> {
    const category = await this.dataSource.manager.findOneBy(CategoryEntity, { id });
    if (!category) {
      throw notFound(id);
    }
    return category;
  }
}

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.CATEGORY_NOT_FOUND, `No category ${id}`);
