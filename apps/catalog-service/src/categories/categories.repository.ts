import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type DeepPartial } from 'typeorm';
import type { Tx } from '@agora/database';
import { CATEGORY_LIST_QUERY } from './category.dto.js';
import { ProductEntity } from '../products/product.entity.js';
import { CategoryEntity } from './category.entity.js';

/** Menu categories. */
@Injectable()
export class CategoriesRepository {
  /** Its list pages: one statement per page, the SQL of each query shape written once. */
  private readonly list: ListSource<CategoryEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<CategoryEntity>(dataSource, CategoryEntity, {
      alias: 'category',
      searchable: CATEGORY_LIST_QUERY.searchable,
    });
  }

  page(query: ParsedListQuery): Promise<Page<CategoryEntity>> {
    return this.list.page(query);
  }

  find(id: string): Promise<CategoryEntity | null> {
    return this.dataSource.manager.findOneBy(CategoryEntity, { id });
  }

  findMany(tx: Tx, ids: readonly string[]): Promise<CategoryEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : tx.findBy(CategoryEntity, { id: In([...ids]) });
  }

  lock(tx: Tx, id: string): Promise<CategoryEntity | null> {
    return tx.findOne(CategoryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  build(tx: Tx, values: DeepPartial<CategoryEntity>): CategoryEntity {
    return tx.create(CategoryEntity, values);
  }

  save(tx: Tx, category: CategoryEntity): Promise<CategoryEntity> {
    return tx.save(category);
  }

  /** The products in a category (their search documents show it). */
  async productIds(tx: Tx, categoryId: string): Promise<string[]> {
    const rows = await tx
      .createQueryBuilder(ProductEntity, 'product')
      .innerJoin('product.categories', 'category', 'category.id = :categoryId', { categoryId })
      .select('product.id', 'id')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(CategoryEntity, { id });
  }
}
