import type { AuthenticatedUser } from '@agora/auth';
import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CategoryEntity } from '../categories/category.entity.js';
import { itemChanged, priceChanged } from '../items/item-events.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { PhotosService } from '../photos/photos.service.js';
import { SearchIndex } from '../search/search-index.js';
import { ProductEntity } from './product.entity.js';
import {
  PRODUCT_LIST_QUERY,
  toProductDto,
  type PatchProductDto,
  type ProductDto,
  type ProductInputDto,
  type ProductPageDto,
} from './product.dto.js';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';

const notFound = (id: string): CatalogException =>
  new CatalogException(CatalogErrorCode.PRODUCT_NOT_FOUND, `No product ${id}`);

/**
 * Seed 001 menu products: read by everyone, written by admins; every change is an item event, and a new
 * or changed price also a `catalog.price.changed.v1` for order-service.
 */
@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly search: SearchIndex,
    private readonly photos: PhotosService,
  ) {}

  async list(query: ParsedListQuery, categoryId?: string): Promise<ProductPageDto> {
    const builder = this.withCategories();
    if (categoryId) {
      builder.andWhere(
        'product.id IN (SELECT link.product_id FROM catalog.product_categories link WHERE link.category_id = :categoryId)',
        { categoryId },
      );
    }
    return mapPage(await findPage(builder, query, PRODUCT_LIST_QUERY.searchable), toProductDto);
  }

  async get(id: string): Promise<ProductDto> {
    const product = await this.withCategories().where('product.id = :id', { id }).getOne();
    if (!product) {
      throw notFound(id);
    }
    return toProductDto(product);
  }

  async create(dto: ProductInputDto, user: AuthenticatedUser): Promise<ProductDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const product = manager.create(ProductEntity, { version: 1, createdBy: user.id });
      await this.assign(manager, product, dto, true, user);
      await manager.save(product);
      await this.search.refresh(manager, 'product', [product.id]);
      await this.outbox.add(
        manager,
        Topics.CatalogItemCreated,
        product.id,
        itemChanged('product', product, product.name, user.id),
      );
      await this.outbox.add(
        manager,
        Topics.CatalogPriceChanged,
        product.id,
        priceChanged('product', product, product.name, null),
      );
      return product.id;
    });
    return this.get(id);
  }

  async update(
    id: string,
    dto: PatchProductDto,
    whole: boolean,
    user: AuthenticatedUser,
    expected?: ExpectedVersions,
  ): Promise<ProductDto> {
    await this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(ProductEntity, {
        where: { id },
        relations: { categories: true },
        lock: { mode: 'pessimistic_write', tables: ['products'] },
      });
      if (!product) {
        throw notFound(id);
      }
      assertVersionMatches(expected, product.version);
      const { price, currency } = product;
      await this.assign(manager, product, dto, whole, user);
      product.version += 1;
      await manager.save(product);
      await this.search.refresh(manager, 'product', [id]);
      await this.outbox.add(
        manager,
        Topics.CatalogItemUpdated,
        id,
        itemChanged('product', product, product.name, user.id),
      );
      if (product.price !== price || product.currency !== currency) {
        await this.outbox.add(
          manager,
          Topics.CatalogPriceChanged,
          id,
          priceChanged('product', product, product.name, { price, currency }),
        );
      }
    });
    return this.get(id);
  }

  async delete(id: string, user: AuthenticatedUser, expected?: ExpectedVersions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const product = await manager.findOne(ProductEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!product) {
        throw notFound(id);
      }
      assertVersionMatches(expected, product.version);
      await manager.delete(ProductEntity, { id });
      await this.search.refresh(manager, 'product', [id]);
      await this.photos.removeAllOf(manager, 'product', id);
      await this.outbox.add(manager, Topics.CatalogItemDeleted, id, {
        kind: 'product',
        itemId: id,
        deletedBy: user.id,
        deletedAt: new Date().toISOString(),
      });
    });
  }

  private async assign(
    manager: EntityManager,
    product: ProductEntity,
    dto: PatchProductDto,
    whole: boolean,
    user: AuthenticatedUser,
  ): Promise<void> {
    refuseCleared(dto, ['name', 'price', 'currency']);
    product.name = dto.name ?? product.name;
    product.description = keptOrCleared(dto.description, product.description, whole);
    product.price = dto.price ?? product.price;
    product.currency = dto.currency ?? product.currency;
    product.available = dto.available ?? (whole ? true : product.available);
    product.updatedBy = user.id;
    if (dto.categoryIds !== undefined || whole) {
      product.categories = await this.categories(manager, dto.categoryIds ?? []);
    }
  }

  /** The categories with these ids; an unknown one is a 400 naming its position. */
  private async categories(manager: EntityManager, ids: readonly string[]): Promise<CategoryEntity[]> {
    const found = ids.length === 0 ? [] : await manager.findBy(CategoryEntity, { id: In([...ids]) });
    const missing = ids.findIndex((id) => !found.some((category) => category.id === id));
    if (missing >= 0) {
      throw new CatalogException(
        CatalogErrorCode.UNKNOWN_CATEGORY,
        `categoryIds.${missing} is not a category`,
        { errors: [{ field: `categoryIds.${missing}`, messages: ['must be the id of one of /categories'] }] },
      );
    }
    return found;
  }

  private withCategories(): SelectQueryBuilder<ProductEntity> {
    return this.dataSource.manager
      .createQueryBuilder(ProductEntity, 'product')
      .leftJoinAndSelect('product.categories', 'category');
  }
}
