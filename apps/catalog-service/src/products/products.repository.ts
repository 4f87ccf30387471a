import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { ItemRepository } from '../items/item.repository.js';
import type { Tx } from '@agora/database';
import { PRODUCT_LIST_QUERY } from './product.dto.js';
import { ProductEntity } from './product.entity.js';

/** Menu products with their categories. */
@Injectable()
export class ProductsRepository extends ItemRepository<ProductEntity> {
  protected readonly entity = ProductEntity;

  /** The product with its categories; only its own row is locked. */
  override lock(tx: Tx, id: string): Promise<ProductEntity | null> {
    return tx.findOne(ProductEntity, {
      where: { id },
      relations: { categories: true },
      lock: { mode: 'pessimistic_write', tables: ['products'] },
    });
  }

  /** A page of products; only those in this category when one is given. */
  page(query: ParsedListQuery, categoryId?: string): Promise<Page<ProductEntity>> {
    const builder = this.withCategories();
    if (categoryId) {
      builder.andWhere(
        'product.id IN (SELECT link.product_id FROM catalog.product_categories link WHERE link.category_id = :categoryId)',
        { categoryId },
      );
    }
    return findPage(builder, query, PRODUCT_LIST_QUERY.searchable);
  }

  /** The catalog coffee or watch each of these products sells (rows that name neither are left out). */
  soldItems(
    tx: Tx,
    ids: readonly string[],
  ): Promise<{ id: string; coffeeId: string | null; watchId: string | null }[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return tx.query(
      `SELECT id, coffee_id AS "coffeeId", watch_id AS "watchId" FROM "catalog"."products"
        WHERE id = ANY($1::uuid[]) AND num_nonnulls(coffee_id, watch_id) > 0 ORDER BY id`,
      [ids],
    );
  }

  findLoaded(id: string): Promise<ProductEntity | null> {
    return this.withCategories().where('product.id = :id', { id }).getOne();
  }

  private withCategories(): SelectQueryBuilder<ProductEntity> {
    return this.dataSource.manager
      .createQueryBuilder(ProductEntity, 'product')
      .leftJoinAndSelect('product.categories', 'category');
  }
}
